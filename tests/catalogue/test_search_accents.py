"""Searching and sorting stay accent-blind whatever the language: a French or Spanish
office types without accents (or with other ones) and finds the city."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccn_desktop import i18n
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.paths import DataPaths


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory, starter_template: Path) -> Catalogue:
    folder = tmp_path_factory.mktemp("accents") / "data"
    shutil.copytree(starter_template, folder)
    catalogue = Catalogue.open(DataPaths.in_folder(folder))
    yield catalogue
    catalogue.close()


def names(catalogue: Catalogue, query: RecordQuery) -> list[str]:
    ids = catalogue.ids("city", query)
    rows = catalogue.rows("city", ids, ["name"])
    return [rows[record_id].values["name"] for record_id in ids]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("quebec", "Québec City"),
        ("QUEBEC", "Québec City"),
        ("québec", "Québec City"),
        ("bogota", "Bogotá"),
        ("Bogotà", "Bogotá"),
        ("lodz", "Łódź"),
    ],
)
def test_typing_without_accents_finds_the_city(
    starter: Catalogue, language: str, typed: str, found: str
) -> None:
    i18n.use_language(language)
    assert found in names(starter, RecordQuery(text=typed))


def test_sorting_ignores_accents(starter: Catalogue) -> None:
    """Évian-les-Bains sorts among the E's and Óbidos among the O's, not after Z."""
    ordered = names(starter, RecordQuery(sort="name"))
    for name, letter in (("Évian-les-Bains", "e"), ("Óbidos", "o"), ("Östersund", "o")):
        index = ordered.index(name)
        before, after = ordered[index - 1][0].casefold(), ordered[index + 1][0].casefold()
        assert before <= letter <= after or letter in (before, after), (name, before, after)


@pytest.mark.parametrize(
    ("language", "typed", "found", "not_found"),
    [
        ("fr", "bogota colombie", "Bogotá", None),
        ("fr", "allemagne", "Mannheim", "Bogotá"),
        ("fr", "lodz cinema", "Łódź", None),
        ("es", "alemania musica", "Mannheim", "Łódź"),
        ("es", "polonia cine", "Łódź", "Mannheim"),
        ("es", "estados arabes", "Lusail", "Łódź"),
    ],
)
def test_countries_and_fields_typed_in_the_language_find_what_is_stored(
    starter: Catalogue, language: str, typed: str, found: str, not_found: str | None
) -> None:
    """The catalogue stores "Colombia" and "Film"; a French office types "colombie" and
    "cinéma", a Spanish one "alemania" and "música"."""
    i18n.use_language(language)
    shown = names(starter, RecordQuery(text=typed))
    assert found in shown and not_found not in shown


def test_typed_names_stay_as_typed_in_english(starter: Catalogue) -> None:
    assert names(starter, RecordQuery(text="allemagne")) == []
