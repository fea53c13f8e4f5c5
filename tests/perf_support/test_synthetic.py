"""The synthetic catalogue generator: a valid catalogue, the rows the write path would make."""

from __future__ import annotations

import random
import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from ccn_desktop.catalogue import derived, facade, store
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.migrations import stored_revision
from ccn_desktop.catalogue.models import RECORD_MODELS, City, History, Office
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.paths import DataPaths
from tests.perf.synthetic import (
    FastFold,
    build_synthetic_catalogue,
    cached_build,
    cached_synthetic_catalogue,
    records_for_cities,
    split,
)

N = 300
SEED = 7


@pytest.fixture(scope="module")
def synthetic_paths(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    return build_synthetic_catalogue(tmp_path_factory.mktemp("synthetic") / "data", N, seed=SEED)


@pytest.fixture
def synthetic(synthetic_paths: DataPaths) -> Iterator[Catalogue]:
    with Catalogue.open(synthetic_paths) as catalogue:
        yield catalogue


def all_uuids(catalogue: Catalogue, entity: str, *, deleted: bool = False) -> list[str]:
    ids = catalogue.ids(entity, RecordQuery(deleted=deleted))
    return [row.uuid for row in catalogue.rows(entity, ids, ()).values()]


def test_opens_without_migration_and_counts_match(
    synthetic_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert stored_revision(synthetic_paths.catalogue_file) == SCHEMA_HEAD

    def no_upgrade(_engine: object) -> None:
        raise AssertionError("a synthetic catalogue must not need a migration")

    monkeypatch.setattr(facade, "upgrade", no_upgrade)
    counts = split(N)
    with Catalogue.open(synthetic_paths) as catalogue:
        assert catalogue.counts() == counts.live
        assert catalogue.count("city", RecordQuery(deleted=True)) == counts.deleted_cities > 0
        assert len(catalogue.ids("project")) == counts.projects


def test_split_and_the_size_for_a_number_of_cities() -> None:
    assert split(100_000).total == 100_000
    assert (split(100_000).cities, split(100_000).conferences) == (80_000, 5_000)
    assert split(records_for_cities(100_000)).cities == 100_000
    with pytest.raises(ValueError, match="at least"):
        split(10)


def test_names_carry_diacritics_and_other_scripts(synthetic: Catalogue) -> None:
    ids = synthetic.ids("city")
    names = [row.values["name"] for row in synthetic.rows("city", ids, ["name"]).values()]
    scripts = {
        unicodedata.name(char).split()[0] for name in names for char in name if char.isalpha()
    }
    assert {"LATIN", "CJK", "HANGUL", "CYRILLIC", "GREEK", "ARABIC"} <= scripts
    accented = [name for name in names if any(not c.isascii() and c.isalpha() for c in name)]
    latin_accented = [name for name in accented if fold(name).isascii()]
    assert len(latin_accented) > len(names) // 10  # Łódź-like names, not a token few
    assert {"Łódź", "Östersund", "釜山", "Niš"} <= set(names)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("lodz", "Łódź"), ("ŁÓDŹ", "Łódź"), ("osterSUND", "Östersund"), ("nis", "Niš"),
     ("釜山", "釜山"), ("ярославль", "Ярославль")],
)  # fmt: skip
def test_search_finds_a_name_by_its_folded_form(
    synthetic: Catalogue, typed: str, expected: str
) -> None:
    ids = synthetic.ids("city", RecordQuery(text=typed))
    names = {row.values["name"] for row in synthetic.rows("city", ids, ["name"]).values()}
    assert expected in names


def test_every_generated_name_is_found_by_its_folded_form(synthetic: Catalogue) -> None:
    ids = synthetic.ids("city")
    rows = synthetic.rows("city", ids[::20], ["name"])
    for record_id, row in rows.items():
        assert record_id in synthetic.ids("city", RecordQuery(text=fold(row.values["name"])))


def test_every_record_passes_validation(synthetic: Catalogue) -> None:
    for entity, spec in ENTITIES.items():
        snapshots = synthetic.get_many(entity, all_uuids(synthetic, entity))
        assert len(snapshots) == synthetic.count(entity)
        for snapshot in snapshots:
            values = {name: snapshot[name] for name in spec.field_names}
            cleaned, problems = clean(entity, values)
            assert problems == [], (entity, snapshot["uuid"], problems)
            assert cleaned == values  # stored as clean() would store them
            assert all(value not in (None, "", []) for value in values.values())
            assert synthetic.validate(entity, values, snapshot["uuid"]) == []


def test_rows_are_those_the_write_path_makes(synthetic: Catalogue) -> None:
    """Search text, search keys, snapshots and version vectors, as store/facade write them."""
    office = synthetic.office.uuid
    counters = []
    with synthetic.session() as session:
        connection = session.connection()
        names = {uuid: name for uuid, name in session.execute(select(City.uuid, City.name))}
        for entity, model in RECORD_MODELS.items():
            records = list(session.scalars(select(model)))
            for record, snapshot in zip(
                records, store.snapshots(session, entity, records), strict=True
            ):
                body = connection.exec_driver_sql(
                    f"SELECT body FROM {entity}_fts WHERE rowid = ?", (record.id,)
                ).scalar_one()
                linked = {
                    link.field: [names[uuid] for uuid in snapshot[link.field]]
                    for link in ENTITIES[entity].links
                }
                assert body == derived.search_text(entity, snapshot, linked)
                assert record.search_key == fold(store.title_text(entity, snapshot, session))
                history = session.scalars(
                    select(History).where(History.record_uuid == record.uuid).order_by(History.id)
                ).all()
                assert [row.action for row in history] == (
                    ["insert", "delete"] if record.deleted else ["insert"]
                )
                assert history[-1].snapshot == snapshot
                assert history[-1].version == record.version == {office: record.version[office]}
                counters.extend(row.version[office] for row in history)
        office_row = session.get_one(Office, office)
    assert sorted(counters) == list(range(1, len(counters) + 1))
    assert office_row.counter == len(counters)
    assert office_row.knowledge == {office: len(counters)}


def table_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    tables = ("city", "conference", "project", "conference_host", "project_city", "history",
              "city_fts", "conference_fts", "project_fts")  # fmt: skip
    connection = sqlite3.connect(path)
    try:
        contents = {
            table: connection.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
            for table in tables
        }
        contents["office"] = connection.execute(
            "SELECT uuid, counter, knowledge FROM office"
        ).fetchall()
        return contents
    finally:
        connection.close()


def test_the_same_seed_gives_the_same_catalogue(synthetic_paths: DataPaths, tmp_path: Path) -> None:
    again = build_synthetic_catalogue(tmp_path / "again", N, seed=SEED)
    other = build_synthetic_catalogue(tmp_path / "other", N, seed=SEED + 1)
    first = table_contents(synthetic_paths.catalogue_file)
    assert table_contents(again.catalogue_file) == first
    assert table_contents(other.catalogue_file)["city"] != first["city"]


def test_the_cache_builds_once_and_hands_out_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCN_PERF_CACHE", str(tmp_path / "cache"))
    first = cached_synthetic_catalogue(60, folder=tmp_path / "one")
    built = cached_build(60) / "catalogue.sqlite3"
    stamp = built.stat().st_mtime_ns
    with Catalogue.open(first) as catalogue:
        catalogue.delete("city", all_uuids(catalogue, "city")[0])  # a benchmark may write
    second = cached_synthetic_catalogue(60, folder=tmp_path / "two")
    with Catalogue.open(second) as catalogue:
        assert catalogue.counts() == split(60).live
    assert built.stat().st_mtime_ns == stamp
    assert [p.name for p in (tmp_path / "cache" / "ccn-desktop-perf").iterdir() if p.is_dir()] == [
        built.parent.name
    ]


def _characters(start: int, stop: int) -> list[str]:
    return [chr(code) for code in range(start, stop) if not 0xD800 <= code < 0xE000]


def test_fast_fold_gives_the_same_answer_as_fold_for_every_bmp_character() -> None:
    fast = FastFold()
    for char in _characters(0, 0x10000):
        text = f"A{char}b {char}"
        assert fast(text) == fold(text), hex(ord(char))


def test_fast_fold_gives_the_same_answer_as_fold_on_random_text() -> None:
    rng = random.Random(3)
    pool = _characters(0, 0x3000) + [" ", "\n", "\u00a0", "\u0301", "\u0308", "´", "ß"] * 200
    fast = FastFold()
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        text += "".join(chr(rng.randrange(0x10000, 0x110000)) for _ in range(rng.randint(0, 2)))
        assert fast(text) == fold(text), ascii(text)
