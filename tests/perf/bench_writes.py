"""Saving one record in a big catalogue: the facade's whole write path against the same
rows written by hand with `sqlite3` (issue 13: one writer).

Ours is `Catalogue.update` naming the version the form showed: a session, the form's
and the catalogue's rules, the next counter, the expected-version check, the one
writer (row, links, search key, search text, history) and the commit with
`synchronous=FULL`. The baseline does the same statements by hand in one
transaction on a connection with the same pragmas: read the row, update it, replace
its search text, add a history row, take the next counter. Both sync to the disk;
the default clock counts CPU only, `--clock wall` the whole wait.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from ccn_desktop.catalogue.facade import Catalogue
from tests.perf.runner import BenchContext, Row, compare


def save_one_record(context: BenchContext) -> list[Row]:
    paths = context.catalogue_copy(context.records)
    catalogue = Catalogue.open(paths)
    try:
        ids = catalogue.ids("city")
        ours_uuid = catalogue.uuid_of("city", ids[len(ids) // 3])
        raw_id = ids[2 * len(ids) // 3]
        office = catalogue.office.uuid
        connection = sqlite3.connect(paths.catalogue_file, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        turn = [0]

        def ours() -> None:
            turn[0] += 1
            seen = catalogue.get("city", ours_uuid)["version"]
            catalogue.update("city", ours_uuid, {"notes": f"Note {turn[0]}"}, expected=seen)

        def baseline() -> None:
            turn[0] += 1
            _raw_save(connection, raw_id, f"Note {turn[0]}", office)

        ours_time, baseline_time = compare(ours, baseline, repeat=context.repeat)
        connection.close()
    finally:
        catalogue.close()
    return [
        Row(
            f"save one city's notes in a {context.records:,}-record catalogue",
            ours_time,
            "sqlite3: the same rows by hand",
            baseline_time,
            note="Catalogue.get (the form's version) + Catalogue.update(expected=…): rules, "
            "counter, version check, writer, commit (synchronous=FULL)",
        )
    ]


def _raw_save(connection: sqlite3.Connection, record_id: int, notes: str, office: str) -> None:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    connection.execute("BEGIN IMMEDIATE")
    row: Any = connection.execute("SELECT * FROM city WHERE id = ?", (record_id,)).fetchone()
    counter = connection.execute(
        "UPDATE office SET counter = counter + 1 WHERE uuid = ? RETURNING counter", (office,)
    ).fetchone()[0]
    version = json.dumps({office: counter})
    connection.execute(
        "UPDATE city SET notes = ?, version = ?, modified_at = ?, modified_by = ? WHERE id = ?",
        (notes, version, now, office, record_id),
    )
    connection.execute("DELETE FROM city_fts WHERE rowid = ?", (record_id,))
    connection.execute(
        "INSERT INTO city_fts(rowid, body) VALUES (?, ?)", (record_id, f"{row[1]} {notes}")
    )
    connection.execute(
        "INSERT INTO history (entity, record_uuid, action, origin, office_uuid, at, version, "
        "snapshot) VALUES ('city', ?, 'update', 'local', ?, ?, ?, ?)",
        (row[1], office, now, version, json.dumps({"notes": notes})),
    )
    connection.execute("COMMIT")


BENCHMARKS = [save_one_record]
