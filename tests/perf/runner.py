"""The benchmark runner: finds `tests/perf/bench_*.py`, runs their benchmarks, prints one table.

A benchmark module lists its benchmarks in `BENCHMARKS`: functions (or any callable
with a `name`) that take a `BenchContext` and return `Row`s. Each row sets our time
beside a baseline timed in the same run, on the same data, so the ratio holds on a
busy machine even when the absolute times do not. See tests/perf/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import math
import os
import pkgutil
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
HEADERS = ("benchmark", "ours", "baseline", "baseline time", "ratio", "target", "verdict")
DEFAULT_RECORDS = 100_000
DEFAULT_REPEAT = 7


@dataclass(frozen=True)
class Row:
    """One line of the table: our figure, the baseline's, and the ratio we aim for."""

    name: str
    ours: float
    baseline_name: str = ""
    baseline: float | None = None
    target: float | None = None  # the highest acceptable ratio ours / baseline
    note: str = ""
    unit: str = "s"  # "s" for times, "MB" for memory
    error: str = ""  # set when the benchmark failed

    @property
    def ratio(self) -> float | None:
        if self.error or self.baseline is None or self.baseline <= 0:
            return None
        return self.ours / self.baseline

    @property
    def verdict(self) -> str:
        if self.error:
            return "ERROR"
        if self.target is None or self.ratio is None:
            return "—"
        return "ok" if self.ratio <= self.target else "MISS"


@dataclass
class BenchContext:
    """What a benchmark gets: the size asked for, how often to repeat, a scratch folder."""

    records: int
    repeat: int
    scratch: Path  # removed when the run ends
    clock: str = "cpu"  # what in-process times measure (see CLOCKS)
    _folders: int = field(default=0, repr=False)

    def folder(self, label: str) -> Path:
        """A new, empty folder under the scratch folder."""
        self._folders += 1
        path = self.scratch / f"{self._folders:02d}-{label}"
        path.mkdir(parents=True)
        return path

    def catalogue_copy(self, n_records: int) -> Any:
        """A fresh copy of the cached synthetic catalogue of `n_records` (DataPaths)."""
        from tests.perf.synthetic import cached_synthetic_catalogue

        return cached_synthetic_catalogue(n_records, folder=self.folder(f"n{n_records}") / "data")


class BenchmarkError(RuntimeError):
    """A benchmark found that ours and the baseline do not do the same work."""


@dataclass(frozen=True)
class Benchmark:
    id: str  # "<module without bench_>.<name>", what -k matches
    run: Callable[[BenchContext], list[Row]]


# -- measuring ---------------------------------------------------------------------


MIN_SAMPLE_SECONDS = 0.05  # shorter calls are repeated within one timed sample
# What compare() and median_time() read. CPU time of this process by default: on a
# machine shared with other busy processes, wall time mostly measures the scheduler.
CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}
_clock_name = "cpu"


def use_clock(name: str) -> None:
    """Measure with CLOCKS[name] from now on (the runner's --clock)."""
    global _clock_name
    if name not in CLOCKS:
        raise ValueError(f"unknown clock {name!r}")
    _clock_name = name


def _calls_per_sample(slowest: float, min_sample: float) -> int:
    """How many calls make a sample last `min_sample`, so that one preemption by another
    process (a few milliseconds on a busy machine) cannot decide a sub-millisecond time."""
    if min_sample <= 0:
        return 1
    return max(1, min(10_000, math.ceil(min_sample / max(slowest, 1e-7))))


def _timed(function: Callable[[], object], calls: int) -> float:
    clock = CLOCKS[_clock_name]
    start = clock()
    for _ in range(calls):
        function()
    return (clock() - start) / calls


def median_time(
    function: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 1,
    min_sample: float = MIN_SAMPLE_SECONDS,
) -> float:
    """Median time of one call of `function`, in seconds, over `repeat` samples."""
    slowest = 0.0
    for _ in range(max(1, warmup)):
        slowest = _timed(function, 1)
    calls = _calls_per_sample(slowest, min_sample)
    return statistics.median(_timed(function, calls) for _ in range(repeat))


def compare(
    ours: Callable[[], object],
    baseline: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 1,
    min_sample: float = MIN_SAMPLE_SECONDS,
) -> tuple[float, float]:
    """Median seconds per call of ours and of the baseline, sampled in turn so that both
    see the same machine load. The warm-up calls also measure how many calls make a
    sample of at least `min_sample` seconds; both sides get the same number."""
    slowest = 0.0
    for _ in range(max(1, warmup)):
        slowest = max(_timed(ours, 1), _timed(baseline, 1))
    calls = _calls_per_sample(slowest, min_sample)
    ours_times, baseline_times = [], []
    for _ in range(repeat):
        ours_times.append(_timed(ours, calls))
        baseline_times.append(_timed(baseline, calls))
    return statistics.median(ours_times), statistics.median(baseline_times)


_CHILD_TEMPLATE = """\
import time as _time
_start = _time.{clock}()
{code}
_seconds = _time.{clock}() - _start
import json as _json
print(_json.dumps({{"seconds": _seconds, "peak_rss_mb": {peak}()}}))
"""


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's VmHWM belongs to the running program; getrusage's ru_maxrss would also
    count the parent's memory that a child inherits at fork, so it is the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fresh_process(code: str) -> tuple[float, float]:
    """Run `code` in a new interpreter (from the repository root): its seconds, peak RSS in MB.

    The time is taken inside the child with the runner's clock, from before `code`'s
    first import to its end, so the interpreter's own start-up (the same for ours
    and the baseline) is left out; the peak RSS is the whole child's.
    """
    clock = "process_time" if _clock_name == "cpu" else "perf_counter"
    script = _CHILD_TEMPLATE.format(
        code=textwrap.dedent(code).strip(), peak="_peak_rss_mb", clock=clock
    )
    script = inspect.getsource(peak_rss_mb).replace("def peak_rss_mb", "def _peak_rss_mb") + script
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchmarkError(f"child process failed:\n{done.stderr.strip()}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return float(result["seconds"]), float(result["peak_rss_mb"])


def compare_processes(ours: str, baseline: str, *, repeat: int) -> tuple[tuple[float, float], ...]:
    """Medians of (seconds, peak MB) for ours and the baseline, each in fresh processes."""
    fresh_process(ours)  # warm the file cache and the .pyc files
    fresh_process(baseline)
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "baseline": []}
    for _ in range(repeat):
        runs["ours"].append(fresh_process(ours))
        runs["baseline"].append(fresh_process(baseline))
    return tuple(
        (
            statistics.median(seconds for seconds, _ in runs[key]),
            statistics.median(megabytes for _, megabytes in runs[key]),
        )
        for key in ("ours", "baseline")
    )


# -- finding and running -----------------------------------------------------------


def discover(patterns: Sequence[str] = ()) -> list[Benchmark]:
    """Every benchmark of tests/perf/bench_*.py whose id contains one of `patterns`."""
    package = importlib.import_module("tests.perf")
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda item: item.name):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"tests.perf.{info.name}")
        for item in module.BENCHMARKS:
            name = getattr(item, "name", None) or item.__name__
            benchmark = Benchmark(f"{info.name.removeprefix('bench_')}.{name}", item)
            if not patterns or any(p.lower() in benchmark.id.lower() for p in patterns):
                found.append(benchmark)
    return found


def run_all(benchmarks: Iterable[Benchmark], context: BenchContext) -> list[Row]:
    rows: list[Row] = []
    for benchmark in benchmarks:
        print(f"running {benchmark.id} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            rows.extend(benchmark.run(context))
        except Exception as exc:
            traceback.print_exc()
            rows.append(Row(benchmark.id, float("nan"), error=f"{type(exc).__name__}: {exc}"))
        print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return rows


# -- the table -----------------------------------------------------------------------


def format_quantity(value: float | None, unit: str) -> str:
    if value is None or value != value:  # None or NaN
        return ""
    if unit == "MB":
        return f"{value:,.1f} MB"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: 釜山 takes four, a combining accent none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def format_table(rows: Sequence[Row]) -> str:
    """The rows as one Markdown table, then the notes and errors (numbered in the table)."""
    cells = []
    footnotes = []
    for row in rows:
        name = row.name
        remark = row.error or row.note
        if remark:
            footnotes.append(remark)
            name = f"{name} [{len(footnotes)}]"
        cells.append(
            (
                name,
                format_quantity(row.ours, row.unit),
                row.baseline_name,
                format_quantity(row.baseline, row.unit),
                "" if row.ratio is None else f"{row.ratio:.2f}×",
                "" if row.target is None else f"≤ {row.target:g}×",
                row.verdict,
            )
        )
    widths = [
        max(display_width(line[i]) for line in [HEADERS, *cells]) for i in range(len(HEADERS))
    ]
    right = {1, 3, 4, 5}  # numbers line up on the right

    def line(values: Sequence[str]) -> str:
        padded = []
        for index, (value, width) in enumerate(zip(values, widths, strict=True)):
            fill = " " * (width - display_width(value))
            padded.append(fill + value if index in right else value + fill)
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (width + 1) + ":" if index in right else "-" * (width + 2)
            for index, width in enumerate(widths)
        )
        + "|"
    )
    lines = [line(HEADERS), rule, *(line(values) for values in cells)]
    if footnotes:
        lines.append("")
        lines.extend(f"[{number}] {text}" for number, text in enumerate(footnotes, start=1))
    return "\n".join(lines)


def machine_summary(context: BenchContext) -> str:
    import sqlalchemy

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"CCN Desktop benchmarks, {dt.datetime.now().isoformat(timespec='minutes')}: "
        f"{platform.platform()}, {os.cpu_count()} CPUs (load {load:.1f}), "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {sqlalchemy.__version__}; {context.records:,} records; "
        f"{'CPU' if context.clock == 'cpu' else 'wall'} time, median of {context.repeat} samples."
    )


# -- command line --------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.perf",
        description="Time CCN Desktop against baselines measured in the same run.",
    )
    parser.add_argument(
        "-k", dest="patterns", action="append", default=[], metavar="TEXT",
        help="run only benchmarks whose id contains TEXT (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--records", type=int, default=DEFAULT_RECORDS,
        help=f"size of the synthetic catalogues (default {DEFAULT_RECORDS:,})",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", type=int, default=DEFAULT_REPEAT,
        help=f"timed runs per measurement; the median is shown (default {DEFAULT_REPEAT})",
    )  # fmt: skip
    parser.add_argument(
        "--clock", choices=sorted(CLOCKS), default="cpu",
        help="cpu: this process's CPU time (default; steady on a busy machine); wall: elapsed",
    )  # fmt: skip
    parser.add_argument("--list", action="store_true", help="list the benchmark ids and stop")
    parser.add_argument(
        "--fail-on-miss", action="store_true", help="exit with status 1 when a target is missed"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    benchmarks = discover(args.patterns)
    if args.list or not benchmarks:
        for benchmark in benchmarks:
            print(benchmark.id)
        if not benchmarks:
            print("No benchmark matches.", file=sys.stderr)
            return 1
        return 0
    use_clock(args.clock)
    scratch = Path(tempfile.mkdtemp(prefix="ccn-bench-"))
    try:
        context = BenchContext(max(1, args.records), max(1, args.repeat), scratch, args.clock)
        rows = run_all(benchmarks, context)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(machine_summary(context))
    print()
    print(format_table(rows))
    if any(row.error for row in rows):
        return 1
    if args.fail_on_miss and any(row.verdict == "MISS" for row in rows):
        return 1
    return 0
