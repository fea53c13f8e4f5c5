"""The benchmark runner's table, discovery and measuring helpers (no duration is asserted)."""

from __future__ import annotations

import pytest

from tests.perf.runner import (
    CLOCKS,
    Row,
    compare,
    discover,
    display_width,
    format_quantity,
    format_table,
    main,
    median_time,
    use_clock,
)


def fake_rows() -> list[Row]:
    return [
        Row("open", 0.030, "sqlite3", 0.010, note="three counts"),
        Row("search 'lodz'", 0.004, "FTS5", 0.002, target=3.0),
        Row("search 'ni'", 0.800, "LIKE", 0.100, target=3.0, note="a scan"),
        Row("peak memory", 80.0, "python", 20.0, unit="MB"),
        Row("broken", float("nan"), error="BenchmarkError: answers differ"),
    ]


def test_the_table_has_the_columns_and_verdicts() -> None:
    lines = format_table(fake_rows()).splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == [
        "benchmark", "ours", "baseline", "baseline time", "ratio", "target", "verdict",
    ]  # fmt: skip
    body = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in lines[2:7]}  # fmt: skip
    assert body["open [1]"] == ["30.0 ms", "sqlite3", "10.0 ms", "3.00×", "", "—"]
    assert body["search 'lodz'"] == ["4.0 ms", "FTS5", "2.0 ms", "2.00×", "≤ 3×", "ok"]
    assert body["search 'ni' [2]"][3:] == ["8.00×", "≤ 3×", "MISS"]
    assert body["peak memory"][:4] == ["80.0 MB", "python", "20.0 MB", "4.00×"]
    assert body["broken [3]"] == ["", "", "", "", "", "ERROR"]
    assert lines[8:] == ["[1] three counts", "[2] a scan", "[3] BenchmarkError: answers differ"]


def test_the_table_lines_up() -> None:
    rows = [*fake_rows(), Row("search '釜山' (ŁÓDŹ)", 0.1, "LIKE", 0.1)]
    table_lines = format_table(rows).splitlines()[:8]
    assert len({display_width(line) for line in table_lines}) == 1
    assert display_width("釜山") == 4 and display_width("Łódź") == 4
    assert table_lines[1].startswith("|---") and table_lines[1].endswith(":|---------|")


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(2.5, "s", "2.50 s"), (0.0123, "s", "12.3 ms"), (0.000045, "s", "45 µs"),
     (1536.0, "MB", "1,536.0 MB"), (None, "s", ""), (float("nan"), "s", "")],
)  # fmt: skip
def test_quantities_are_written_for_people(value: float | None, unit: str, text: str) -> None:
    assert format_quantity(value, unit) == text


def test_compare_runs_both_sides_alike() -> None:
    calls = {"ours": 0, "baseline": 0}

    def ours() -> None:
        calls["ours"] += 1

    def baseline() -> None:
        calls["baseline"] += 1

    ours_time, baseline_time = compare(ours, baseline, repeat=5, warmup=2, min_sample=0)
    assert calls == {"ours": 7, "baseline": 7}
    assert ours_time >= 0 and baseline_time >= 0


def test_quick_calls_are_repeated_within_a_sample() -> None:
    calls = {"ours": 0, "baseline": 0}

    def ours() -> None:
        calls["ours"] += 1

    def baseline() -> None:
        calls["baseline"] += 1

    compare(ours, baseline, repeat=3, warmup=1, min_sample=0.001)
    assert calls["ours"] == calls["baseline"] > 1 + 3  # several calls per sample, both alike


def test_benchmarks_are_found_and_filtered() -> None:
    ids = [benchmark.id for benchmark in discover()]
    assert {"catalogue.open_catalogue", "catalogue.search_cities"} <= set(ids)
    assert [benchmark.id for benchmark in discover(["SEARCH_c"])] == ["catalogue.search_cities"]
    assert discover(["no such benchmark"]) == []


def test_the_spreadsheet_benchmarks_are_found() -> None:
    assert [benchmark.id for benchmark in discover(["spreadsheet."])] == [
        "spreadsheet.export_xlsx",
        "spreadsheet.export_csv",
        "spreadsheet.import_xlsx",
        "spreadsheet.import_csv",
        "spreadsheet.import_memory",
        "spreadsheet.import_csv_memory",
    ]


def test_list_and_no_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list", "-k", "catalogue.open"]) == 0
    assert capsys.readouterr().out.split() == [
        "catalogue.open_catalogue", "catalogue.open_in_fresh_process",
    ]  # fmt: skip
    assert main(["-k", "no such benchmark"]) == 1
    assert "No benchmark matches" in capsys.readouterr().err


def test_the_clock_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(0, 1000, 5))  # a fake clock: five "seconds" pass between readings
    monkeypatch.setitem(CLOCKS, "wall", lambda: float(next(ticks)))
    try:
        use_clock("wall")
        assert median_time(lambda: None, repeat=3, min_sample=0) == 5.0
        with pytest.raises(ValueError, match="unknown clock"):
            use_clock("sundial")
    finally:
        use_clock("cpu")
