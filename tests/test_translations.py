"""The French and Spanish catalogues are complete, exact and compiled.

The messages are extracted from the sources here (as `make messages` does), so a
string added to the code without a translation fails this test, not a user."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("fr", "es")
# {name}, {n:,}, {when!r}; Qt's %1 and %n; printf's %(name)s and %s; HTML tags.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d|%n|%\([a-z_]+\)[sdr]|%[sdr]|</?[a-z]+>")


def catalogue(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "ccn_desktop.po").open("rb") as file:
        return read_po(file, locale=language)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """Every message in the sources now, extracted with the Makefile's command line."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    keywords = re.search(r"^KEYWORDS := (.*)$", makefile, re.M)
    assert keywords, "the Makefile lists the extraction keywords"
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run(
        [*pybabel, "extract", "-F", "babel.cfg", *keywords.group(1).split(), "--no-location",
         "-o", str(pot), "ccn_desktop", "resources/factsheet"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as file:
        return read_po(file)


def message_ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_sources_is_in_the_catalogue(
    extracted: Catalog, language: str
) -> None:
    missing = message_ids(extracted) - message_ids(catalogue(language))
    assert not missing, f"run `make messages` and translate: {sorted(map(str, missing))[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_none_fuzzy_none_empty(language: str) -> None:
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            problems.append(message.id)
    assert not problems, problems[:20]


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_of_each_translation_match_the_original(language: str) -> None:
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = placeholders(ids[-1])
        for text in strings:
            if placeholders(text) != wanted and not (
                # a singular may say "1" instead of its count ("1 ville")
                len(ids) > 1 and set(placeholders(text)) <= set(wanted)
            ):
                problems.append((ids[0], text))
        # a keyboard accelerator stays one accelerator
        if ids[0].replace("&&", "").count("&") != strings[0].replace("&&", "").count("&"):
            problems.append((ids[0], strings[0]))
    assert not problems, problems[:20]


@pytest.mark.parametrize(("language", "plurals"), [("fr", "(n > 1)"), ("es", "(n != 1)")])
def test_plural_forms_are_the_language_s(language: str, plurals: str) -> None:
    catalog = catalogue(language)
    assert (catalog.num_plurals, catalog.plural_expr) == (2, plurals)
    translations = gettext.translation(
        "ccn_desktop", str(LOCALE), languages=[language], fallback=False
    )
    city = {n: translations.ngettext("{n} city", "{n} cities", n).format(n=n) for n in (1, 2)}
    assert (
        city
        == {"fr": {1: "1 ville", 2: "2 villes"}, "es": {1: "1 ciudad", 2: "2 ciudades"}}[language]
    )
    if language == "fr":  # French counts 0 as singular
        assert translations.ngettext("{n} city", "{n} cities", 0).format(n=0) == "0 ville"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language: str) -> None:
    """The .mo the program reads says what the .po says (`make translations` was run)."""
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "ccn_desktop.mo").open("rb") as file:
        compiled = read_mo(file)
    source = catalogue(language)
    assert entries(compiled) == entries(source)


def entries(catalog: Catalog) -> dict[object, object]:
    def plain(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {plain(m.id): plain(m.string) for m in catalog if m.id}


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("fr", ["Artisanat et arts populaires", "Design", "Cinéma", "Gastronomie",
                "Littérature", "Arts numériques", "Musique", "Architecture",
                "Afrique", "États arabes", "Asie et Pacifique", "Europe et Amérique du Nord",
                "Amérique latine et Caraïbes"]),
        ("es", ["Artesanía y arte popular", "Diseño", "Cine", "Gastronomía", "Literatura",
                "Artes digitales", "Música", "Arquitectura",
                "África", "Estados Árabes", "Asia y el Pacífico", "Europa y América del Norte",
                "América Latina y el Caribe"]),
    ],
)  # fmt: skip
def test_fields_and_regions_under_unesco_s_own_names(language: str, names: list[str]) -> None:
    from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS, UNESCO_REGIONS

    order = ["Crafts and Folk Art", "Design", "Film", "Gastronomy", "Literature",
             "Media Arts", "Music", "Architecture", *UNESCO_REGIONS]  # fmt: skip
    assert set(order[:8]) == set(CREATIVE_FIELDS)
    translations = gettext.translation("ccn_desktop", str(LOCALE), languages=[language])
    assert [translations.gettext(name) for name in order] == names


# Not prose: addresses (https://), commands in backquotes and file-dialog filters
# ("Lots (*.json);;Tous les fichiers (*)"); a placeholder ({count:,}) counts as a word.
NOT_PROSE = re.compile(r"\w+://\S*|`[^`]*`|;;")
A_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_french_puts_a_space_before_a_colon_and_its_kin() -> None:
    """French typography: "Courriel : …", "rien à changer ; …", "retiré ?" — the catalogue
    writes that space as a plain one. A sentence put together in the code ("{place}:
    {message}") must be a message too, or it escapes this test."""
    wrong = []
    for message in catalogue("fr"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            prose = NOT_PROSE.sub(" ", A_PLACEHOLDER.sub("x", text))
            if re.search(r"[^\s][:;!?]", prose):
                wrong.append(text)
    assert wrong == []
