"""The sqlite3-only first page equals what the catalogue's own queries give."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.peek import PeekError, peek
from ccn_desktop.catalogue.queries import RecordQuery
from tests.helpers import city_values


def shown(values: dict[str, object]) -> dict[str, str]:
    return {name: "" if value is None else str(value) for name, value in values.items()}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, starter_template: Path) -> Catalogue:
    import shutil

    from ccn_desktop.paths import DataPaths

    folder = tmp_path_factory.mktemp("peek") / "data"
    shutil.copytree(starter_template, folder)
    catalogue = Catalogue.open(DataPaths.in_folder(folder))
    gone = catalogue.add("city", city_values(name="Aaagone"))
    catalogue.delete("city", gone)
    flagged = catalogue.add("city", city_values(name="Aaflagged"))
    with catalogue.transaction() as session:
        store.load(session, "city", flagged).needs_review = True
    for year in (2011, 2030):
        catalogue.add("project", {"title": f"Project {year}", "status": "Ongoing",
                                  "start_year": year})  # fmt: skip
    catalogue.add("conference", {"year": 2030, "venue": "UNESCO Headquarters, Paris"})
    return catalogue


@pytest.mark.parametrize("entity", list(ENTITIES))
def test_first_page_in_every_order_matches_the_queries(mixed: Catalogue, entity: str) -> None:
    columns = ENTITIES[entity].table_columns
    orders = [("", False)] + [(column, d) for column in columns for d in (False, True)]
    for sort, descending in orders:
        result = peek(mixed.paths.catalogue_file, entity, columns, sort=sort,
                      descending=descending, limit=50)  # fmt: skip
        query = RecordQuery(sort=sort, descending=descending)
        ids = mixed.ids(entity, query)
        expected = mixed.rows(entity, ids[:50], columns)
        assert result.total == len(ids) == mixed.count(entity)
        assert [row.id for row in result.rows] == ids[:50], (sort, descending)
        for row in result.rows:
            want = expected[row.id]
            assert (row.uuid, row.needs_review) == (want.uuid, want.needs_review)
            assert shown(row.values) == shown(want.values), (sort, row.values)
    assert result.office_name == mixed.office.name


def test_the_review_flag_and_deleted_records(mixed: Catalogue) -> None:
    result = peek(mixed.paths.catalogue_file, "city", ("name",), limit=2)
    first = result.rows[0]
    assert (first.values["name"], first.needs_review) == ("Aaflagged", True)
    assert all(row.values["name"] != "Aaagone" for row in result.rows)


def test_a_file_that_is_not_a_catalogue_raises_peek_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all, just text" * 10)
    with pytest.raises(PeekError):
        peek(junk, "city", ("name",))
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    with pytest.raises(PeekError, match="no column name in city"):
        peek(empty, "city", ("name",))


def test_peeking_loads_no_sqlalchemy() -> None:
    import subprocess

    code = (
        "import sys; import ccn_desktop.catalogue.peek; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert done.stdout.strip() == "[]"
