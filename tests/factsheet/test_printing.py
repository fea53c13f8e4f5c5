"""Fact sheets printed to PDF: read back with pypdf, as a reader would see them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QTextDocument

from ccn_desktop.factsheet import printing
from ccn_desktop.factsheet.content import SheetSource, field_city_uuids
from ccn_desktop.factsheet.printing import (
    Cancelled,
    Part,
    SheetDocument,
    booklet_parts,
    city_parts,
    default_paper,
    write_pdf,
)
from ccn_desktop.factsheet.sheet_data import FactSheetError
from tests.factsheet.conftest import Samples
from tests.factsheet.samples import BRAGA, INJECTION, KRAKOW, SARAJEVO
from tests.unwritable import UNWRITABLE, tree, unwritable

TODAY = dt.date(2026, 5, 4)
A4_POINTS = (595.3, 841.9)
LETTER_POINTS = (612.0, 792.0)


@pytest.fixture
def source(samples: Samples, qapp: object) -> SheetSource:
    return SheetSource(samples.catalogue, TODAY)


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, with every run of white space (Qt spaces words apart) as one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def in_order(text: str, *parts: str) -> bool:
    """Each part occurs in `text`, after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_sarajevo_sheet_has_everything_in_order(source: SheetSource, tmp_path: Path) -> None:
    target = tmp_path / "sarajevo.pdf"
    assert write_pdf(target, city_parts(source, [SARAJEVO]), "A4") == 1
    [text] = pdf_pages(target)
    objectives = source.sheet(SARAJEVO).objectives
    assert len(objectives) == 5
    assert in_order(
        text,
        "Sarajevo", "Bosnia and Herzegovina", "UNESCO Creative City", "Film",
        "Designated", "2019 (7 years)", "Next report due", "no report recorded",
        "Description", "Objectives",
        *(objective[:40] for objective in objectives),
        "Conferences hosted", "Projects", "Fellow Creative Cities of Film",
        "Printed on 4 May 2026 by Bureau de Dakar — Sarajevo — page 1 of 1",
    )  # fmt: skip


def test_hosted_conferences_are_printed(source: SheetSource, tmp_path: Path) -> None:
    target = tmp_path / "cities.pdf"
    pages = write_pdf(target, city_parts(source, [KRAKOW, BRAGA]), "A4")
    krakow, braga = pdf_pages(target)
    assert pages == 2
    assert in_order(krakow, "Kraków", "Literature", "Conferences hosted", "2018",
                    "Kraków / Katowice", "12–15 June 2018", "In person", "Projects")  # fmt: skip
    assert in_order(braga, "Braga", "Media Arts", "Conferences hosted", "2024", "Braga", "Projects")
    assert "page 1 of 1" in braga and "— Braga —" in braga


def test_long_city_flows_onto_more_pages_with_footers(
    source: SheetSource, samples: Samples, tmp_path: Path
) -> None:
    target = tmp_path / "long.pdf"
    pages = write_pdf(target, city_parts(source, [samples.long]), "A4")
    texts = pdf_pages(target)
    assert pages == len(texts) >= 2
    name = "Longford-upon-Avon-and-Severn"
    for number, text in enumerate(texts, start=1):
        assert f"— {name} — page {number} of {pages}" in text
    whole = "\n".join(texts)
    projects = [f"Project {n:02d}" for n in range(1, 15)]
    objectives = ["Objective 1:", "Objective 5:", "Objective 10:"]
    conferences = ["Conferences hosted", "2010", "2011", "2012"]
    assert in_order(whole, *objectives, *conferences, "Projects", *projects, "Fellow Creative")


def test_typical_city_fits_one_page_on_either_paper(source: SheetSource, tmp_path: Path) -> None:
    music = field_city_uuids(source.catalogue, "Music")[:3]  # the largest field: most fellows
    for paper in ("A4", "Letter"):
        target = tmp_path / f"{paper}.pdf"
        assert write_pdf(target, city_parts(source, music), paper) == 3


@pytest.mark.parametrize(("paper", "size"), [("A4", A4_POINTS), ("Letter", LETTER_POINTS)])
def test_paper_size(source: SheetSource, tmp_path: Path, paper: str, size: tuple) -> None:
    target = tmp_path / "sheet.pdf"
    write_pdf(target, city_parts(source, [SARAJEVO]), paper)
    box = PdfReader(target).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=1)


def test_booklet_of_n_cities_has_a_cover_and_n_pages(source: SheetSource, tmp_path: Path) -> None:
    architecture = field_city_uuids(source.catalogue, "Architecture")
    target = tmp_path / "booklet.pdf"
    title = printing.booklet_title("Architecture")
    pages = write_pdf(target, booklet_parts(source, architecture, title, "City fact sheets"), "A4")
    texts = pdf_pages(target)
    assert pages == len(texts) == len(architecture) + 1 == 6
    assert in_order(texts[0], "UNESCO Creative Cities of Architecture", "5 fact sheets",
                    "Architecture", "5", "Printed on 4 May 2026 by Bureau de Dakar")  # fmt: skip
    assert "page 1 of" not in texts[0]
    names = [city["name"] for city in source.catalogue.get_many("city", architecture)]
    for name, text in zip(names, texts[1:], strict=True):
        assert text.startswith(name)
        assert f"— {name} — page 1 of 1" in text


def test_non_latin_name_prints(source: SheetSource, samples: Samples, tmp_path: Path) -> None:
    target = tmp_path / "busan.pdf"
    write_pdf(target, city_parts(source, [samples.busan]), "A4")
    [text] = pdf_pages(target)
    # Qt writes each script's run of text apart, so compare without spaces.
    compact = text.replace(" ", "")
    expected = ("釜山", "대한민국", "영화산업육성", "国际电影节的合作", "—釜山—page1of1")
    assert in_order(compact, *expected)


class RecordingDocument(SheetDocument):
    made: ClassVar[list[SheetDocument]] = []

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        RecordingDocument.made.append(self)


def test_injected_markup_prints_literally_and_loads_nothing(
    source: SheetSource, samples: Samples, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    RecordingDocument.made = []
    monkeypatch.setattr(printing, "SheetDocument", RecordingDocument)
    target = tmp_path / "injection.pdf"
    write_pdf(target, city_parts(source, [samples.injection, SARAJEVO]), "A4")
    injected, sarajevo = pdf_pages(target)
    assert f"— {INJECTION} — page 1 of 1" in injected
    assert injected.startswith('<b>x</b><img src="file:///')
    assert INJECTION in sarajevo  # among the fellow Cities of Film
    assert RecordingDocument.made
    assert [document.refused for document in RecordingDocument.made] == [[]]


def test_sheet_document_refuses_every_resource(qapp: object, tmp_path: Path) -> None:
    style = tmp_path / "evil.css"
    style.write_text("p { color: red; }", encoding="utf-8")
    document = SheetDocument()
    document.setHtml(
        f'<html><head><link rel="stylesheet" type="text/css" href="{style.as_uri()}"></head>'
        '<body><p>text</p><img src="file:///etc/passwd"><img src="https://example.org/x.png">'
        "</body></html>"
    )
    document.pageCount()  # lays out, asking for the images
    assert set(document.refused) == {
        style.as_uri(),
        "file:///etc/passwd",
        "https://example.org/x.png",
    }
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl("file:///etc/passwd"))
    assert image is None


def parts_failing_after(source: SheetSource, uuids: list[str], good: int) -> Iterator[Part]:
    for index, part in enumerate(city_parts(source, uuids)):
        if index == good:
            raise RuntimeError("disk went away")
        yield part


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_failure_midway_leaves_no_partial_pdf_and_keeps_the_old_one(
    source: SheetSource, tmp_path: Path
) -> None:
    target = tmp_path / "booklet.pdf"
    target.write_bytes(b"%PDF-old")
    with pytest.raises(RuntimeError, match="disk went away"):
        write_pdf(target, parts_failing_after(source, [SARAJEVO, KRAKOW, BRAGA], 2), "A4")
    assert leftovers(tmp_path) == ["booklet.pdf"]
    assert target.read_bytes() == b"%PDF-old"


def test_cancel_leaves_no_file(source: SheetSource, tmp_path: Path) -> None:
    seen: list[int] = []

    def on_part(done: int) -> bool:
        seen.append(done)
        return done < 2

    with pytest.raises(Cancelled):
        write_pdf(tmp_path / "b.pdf", city_parts(source, [SARAJEVO, KRAKOW, BRAGA]), "A4", on_part)
    assert seen == [1, 2]
    assert leftovers(tmp_path) == []


def test_written_pdf_is_readable_by_others(source: SheetSource, tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    write_pdf(target, city_parts(source, [SARAJEVO]), "Letter")
    assert target.stat().st_mode & 0o044 == 0o044
    assert leftovers(tmp_path) == ["sheet.pdf"]


@pytest.mark.parametrize("kind", UNWRITABLE)
def test_unwritable_targets_are_refused_before_any_work(
    source: SheetSource, tmp_path: Path, kind: str
) -> None:
    with unwritable(kind, tmp_path, "booklet.pdf") as (target, sentence):
        before = tree(tmp_path)
        made: list[str] = []

        def parts() -> Iterator[Part]:
            made.append("a part")
            yield from city_parts(source, [SARAJEVO])

        with pytest.raises(FactSheetError) as refused:
            write_pdf(target, parts(), "A4")
        assert str(refused.value) == sentence
        assert made == []  # refused before any sheet was made
        assert tree(tmp_path) == before


def test_empty_and_unknown_choices_are_refused(source: SheetSource, tmp_path: Path) -> None:
    with pytest.raises(FactSheetError, match="No city is chosen"):
        write_pdf(tmp_path / "x.pdf", booklet_parts(source, [], "t"), "A4")
    with pytest.raises(FactSheetError, match="No city 1234 in this catalogue"):
        write_pdf(tmp_path / "x.pdf", booklet_parts(source, [SARAJEVO, "1234"], "t"), "A4")
    with pytest.raises(FactSheetError, match="No city is chosen"):
        write_pdf(tmp_path / "x.pdf", city_parts(source, []), "A4")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("locale", "paper"),
    [("en_US", "Letter"), ("fr_CA", "Letter"), ("es_MX", "Letter"), ("fr_FR", "A4"),
     ("en_GB", "A4"), ("ja_JP", "A4"), ("C", "A4")],
)  # fmt: skip
def test_default_paper_follows_the_locale(locale: str, paper: str) -> None:
    assert default_paper(QLocale(locale)) == paper
