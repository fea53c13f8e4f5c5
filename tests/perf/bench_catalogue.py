"""Opening and searching a big catalogue, against raw `sqlite3` on the same file.

The baselines are the same SQL written by hand with `sqlite3`, so a ratio is the
cost of our layers (facade, sessions, SQLAlchemy); each benchmark first checks
that both sides give the same answer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.queries import RecordQuery
from tests.perf.runner import (
    BenchContext,
    BenchmarkError,
    Row,
    compare,
    compare_processes,
)
from tests.perf.synthetic import Split, records_for_cities, split

PAGE = 200  # rows the table model fetches at a time (ui/record_table_model.py, PAGE_SIZE)
SEARCH_TARGET = 3.0  # search may take at most 3× the raw FTS5 query (issue 3)

# What people type: accented or not, upper case, other scripts, two letters, two words.
SEARCHES = (
    "lodz",
    "ŁÓDŹ",
    "östersund",
    "ЯРОСЛАВЛЬ",
    "sund",
    "music festival",
    "coordinator international relations",
    "creative",
    "ni",
    "釜山",
)


def _raw_counts(connection: sqlite3.Connection) -> list[int]:
    return [
        connection.execute(f"SELECT count(*) FROM {entity} WHERE deleted = 0").fetchone()[0]
        for entity in ENTITIES
    ]


def open_catalogue(context: BenchContext) -> list[Row]:
    """Open an existing catalogue and count each entity, as the window and `info` do."""
    paths = context.catalogue_copy(context.records)
    path = paths.catalogue_file

    def ours() -> list[int]:
        with Catalogue.open(paths) as catalogue:
            return [catalogue.count(entity) for entity in ENTITIES]

    def baseline() -> list[int]:
        connection = sqlite3.connect(path)
        try:
            return _raw_counts(connection)
        finally:
            connection.close()

    counts = ours()
    if counts != baseline():
        raise BenchmarkError(f"counts differ: ours {counts}, sqlite3 {baseline()}")
    ours_time, baseline_time = compare(ours, baseline, repeat=context.repeat)
    name = f"open {context.records:,}-record catalogue + 3 counts"
    note = (
        "Catalogue.open (schema check, engine, office) then count() of "
        f"{counts[0]:,} cities, {counts[1]:,} conferences and {counts[2]:,} projects, "
        "in a process that has already imported everything"
    )
    return [
        Row(name, ours_time, "sqlite3.connect + 3 COUNT(*)", baseline_time, note=note),
    ]


def open_in_fresh_process(context: BenchContext) -> list[Row]:
    """The same in a new interpreter: imports included, and the peak memory."""
    paths = context.catalogue_copy(context.records)
    folder = str(paths.data_dir)
    ours = f"""
        from ccn_desktop.catalogue.facade import Catalogue
        from ccn_desktop.paths import DataPaths
        with Catalogue.open(DataPaths.in_folder({folder!r})) as catalogue:
            counts = [catalogue.count(e) for e in ("city", "conference", "project")]
    """
    baseline = f"""
        import sqlite3
        connection = sqlite3.connect({str(paths.catalogue_file)!r})
        counts = [connection.execute(f"SELECT count(*) FROM {{e}} WHERE deleted = 0").fetchone()
                  for e in ("city", "conference", "project")]
        connection.close()
    """
    repeat = max(3, context.repeat // 2)  # a process costs a second or so
    (ours_time, ours_mb), (base_time, base_mb) = compare_processes(ours, baseline, repeat=repeat)
    name = "open + 3 counts, fresh process"
    return [
        Row(name, ours_time, "python -c 'import sqlite3 …'", base_time,
            note="from the first import to the counts (interpreter start-up excluded)"),
        Row(f"{name}: peak memory", ours_mb, "python + sqlite3", base_mb, unit="MB",
            note="the child's peak resident memory (VmHWM)"),
    ]  # fmt: skip


def _raw_search(connection: sqlite3.Connection, words: Sequence[str]) -> list[int]:
    """Folded words → ordered city ids: the catalogue's query, written by hand.

    The same SQL as ccn_desktop/catalogue/queries.py emits (ids from the FTS5 table,
    then the live cities among them in table order), so the ratio is the cost of our
    layers. (A JOIN of the two tables is about 20 % faster when most cities match.)
    """
    conditions, params = [], []
    long_words = [word for word in words if len(word) >= 3]
    if long_words:
        conditions.append("city_fts MATCH ?")
        params.append(" AND ".join('"' + word.replace('"', '""') + '"' for word in long_words))
    for word in words:
        if len(word) < 3:  # the trigram index cannot hold them: a LIKE scan, as ours does
            # With ESCAPE, SQLite itself scans; without it, SQLite 3.40's trigram index takes
            # the LIKE and finds nothing for two multi-byte characters such as 釜山.
            conditions.append("body LIKE ? ESCAPE '\\'")
            params.append(f"%{word}%")  # the benchmark's words hold no % or _
    sql = (
        "SELECT id FROM city WHERE deleted = 0 AND id IN "
        f"(SELECT rowid FROM city_fts WHERE {' AND '.join(conditions)}) ORDER BY search_key, id"
    )
    return [row[0] for row in connection.execute(sql, params)]


def _raw_page(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Any]:
    columns = ", ".join(ENTITIES["city"].table_columns)
    marks = ", ".join("?" * len(ids))
    sql = f"SELECT id, uuid, needs_review, {columns} FROM city WHERE id IN ({marks})"
    return {row[0]: row for row in connection.execute(sql, list(ids))}


def search_cities(context: BenchContext) -> list[Row]:
    """Type in the Cities tab's search box: the matching ids, then the first page of rows."""
    n_records = records_for_cities(context.records)
    paths = context.catalogue_copy(n_records)
    rows = []
    with Catalogue.open(paths) as catalogue:
        connection = sqlite3.connect(paths.catalogue_file)  # kept open, like our engine's pool
        try:
            for query_text in SEARCHES:
                rows.append(
                    _search_row(context, catalogue, connection, query_text, split(n_records))
                )
        finally:
            connection.close()
    return rows


def _search_row(
    context: BenchContext,
    catalogue: Catalogue,
    connection: sqlite3.Connection,
    query_text: str,
    counts: Split,
) -> Row:
    query = RecordQuery(text=query_text)
    words = [word for word in fold(query_text).split(" ") if word]

    def ours() -> tuple[list[int], dict[int, Any]]:
        ids = catalogue.ids("city", query)
        return ids, catalogue.rows("city", ids[:PAGE])

    def baseline() -> tuple[list[int], dict[int, Any]]:
        ids = _raw_search(connection, words)
        return ids, _raw_page(connection, ids[:PAGE])

    our_ids, our_page = ours()
    raw_ids, raw_page = baseline()
    shown = {record_id: (row.uuid, *row.values.values()) for record_id, row in our_page.items()}
    raw_shown = {record_id: (row[1], *row[3:]) for record_id, row in raw_page.items()}
    if our_ids != raw_ids or shown != raw_shown:
        raise BenchmarkError(f"search {query_text!r}: ours and sqlite3 found different cities")
    ours_time, baseline_time = compare(ours, baseline, repeat=context.repeat)
    short = any(len(word) < 3 for word in words)
    name = f"search {counts.cities:,} cities: {query_text!r}"
    how = "LIKE scan" if short else "FTS5 MATCH"
    return Row(
        name,
        ours_time,
        f"sqlite3 {how} + page",
        baseline_time,
        target=SEARCH_TARGET,
        note=(
            f"{len(our_ids):,} matches ({counts.deleted_cities:,} of the cities are deleted); "
            f"ids in order, then the first {min(PAGE, len(our_ids))} rows"
        ),
    )


BENCHMARKS = [open_catalogue, open_in_fresh_process, search_cities]
