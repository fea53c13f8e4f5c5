"""Fact sheets and booklets in French and Spanish: UNESCO's names, headings, countries, dates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from ccn_desktop import i18n
from ccn_desktop.cli import main
from ccn_desktop.factsheet.wording import date_range_text, date_text
from tests.factsheet.samples import BRAGA, SARAJEVO

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")  # fmt: skip
SPANISH_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip

EXPECTED = {
    "fr": {
        "cover": ["Fiches des villes", "Réseau des villes créatives de l’UNESCO",
                  "2 fiches, chaque ville commençant sur une nouvelle page", "Sommaire",
                  "Imprimé le"],
        "sarajevo": ["Sarajevo Bosnie-Herzégovine", "Ville créative de l’UNESCO", "Cinéma",
                     "Pays", "Région UNESCO", "Europe et Amérique du Nord", "Domaine créatif",
                     "Désignée", "Point focal", "Prochain rapport dû", "Description",
                     "Objectifs", "Conférences accueillies", "Projets",
                     "Autres villes créatives – Cinéma", "page 1 sur"],
        "braga": ["Braga Portugal", "Arts numériques"],
        "months": FRENCH_MONTHS,
    },
    "es": {
        "cover": ["Fichas de ciudades", "Red de Ciudades Creativas de la UNESCO",
                  "2 fichas, cada ciudad empieza en una página nueva", "Contenido",
                  "Impreso el"],
        "sarajevo": ["Sarajevo Bosnia y Herzegovina", "Ciudad Creativa de la UNESCO", "Cine",
                     "País", "Región de la UNESCO", "Europa y América del Norte",
                     "Ámbito creativo", "Designada", "Punto focal", "Próximo informe",
                     "Descripción", "Objetivos", "Conferencias organizadas", "Proyectos",
                     "Otras ciudades creativas – Cine", "página 1 de"],
        "braga": ["Braga Portugal", "Artes digitales"],
        "months": SPANISH_MONTHS,
    },
}  # fmt: skip


@pytest.fixture
def data_dir(starter_template: Path, tmp_path: Path, qapp: object) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    return folder


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def check_booklet(texts: list[str], language: str) -> None:
    expected = EXPECTED[language]
    cover, *sheets = texts
    for words, text in ((expected["cover"], cover),):
        for word in words:
            assert word in text, (word, text)
    sarajevo = next(text for text in sheets if text.startswith("Sarajevo"))
    braga = next(text for text in sheets if text.startswith("Braga"))
    for word in expected["sarajevo"]:
        assert word in sarajevo, (word, sarajevo)
    for word in expected["braga"]:
        assert word in braga, (word, braga)
    month = expected["months"][dt.date.today().month - 1]
    assert month in cover and month in sarajevo  # printed on … in the sheet's language
    for english in ("Creative City", "Objectives", "Conferences hosted", "Printed on", "Film"):
        assert english not in sarajevo, english


@pytest.mark.parametrize("language", ["fr", "es"])
def test_booklet_in_the_sheet_language(
    language: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An English program prints a booklet in French or Spanish (`factsheet --language`)."""
    target = tmp_path / f"booklet-{language}.pdf"
    code = main(["--language", "en", "--data-dir", str(data_dir), "factsheet", SARAJEVO, BRAGA,
                 "--pdf", str(target), "--language", language])  # fmt: skip
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.startswith("Wrote 2 fact sheets")  # the program's own language
    check_booklet(page_texts(target), language)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_booklet_follows_the_program_s_language(
    language: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "booklet.pdf"
    code = main(["--language", language, "--data-dir", str(data_dir), "factsheet", SARAJEVO,
                 BRAGA, "--pdf", str(target)])  # fmt: skip
    out, _err = capsys.readouterr()
    assert code == 0
    assert out.startswith({"fr": "2 fiches écrites", "es": "Se escribieron 2 fichas"}[language])
    check_booklet(page_texts(target), language)


def test_english_sheet_from_a_french_program(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A French office prints an English sheet for a visiting delegation."""
    target = tmp_path / "english.pdf"
    code = main(["--language", "fr", "--data-dir", str(data_dir), "factsheet", SARAJEVO,
                 "--pdf", str(target), "--language", "en"])  # fmt: skip
    assert code == 0 and capsys.readouterr().out.startswith("1 fiche écrite")
    [text] = page_texts(target)
    assert text.startswith("Sarajevo Bosnia and Herzegovina UNESCO Creative City Film")
    assert "Fellow Creative Cities of Film" in text and "Printed on" in text


@pytest.mark.parametrize(
    ("language", "day", "range_", "across"),
    [
        ("en", "4 May 2026", "12–15 June 2018", "28 June – 2 July 2018"),
        ("fr", "4 mai 2026", "12–15 juin 2018", "28 juin – 2 juillet 2018"),
        ("es", "4 de mayo de 2026", "12–15 de junio de 2018", "28 de junio – 2 de julio de 2018"),
    ],
)
def test_dates_in_the_language(language: str, day: str, range_: str, across: str) -> None:
    with i18n.speaking(language):
        assert date_text(dt.date(2026, 5, 4)) == day
        assert date_range_text("2018-06-12", "2018-06-15") == range_
        assert date_range_text("2018-06-28", "2018-07-02") == across
