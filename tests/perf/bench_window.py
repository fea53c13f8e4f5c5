"""The main window on a big catalogue: start-up, filter-as-you-type, memory.

- Start-up is a real process start (`python -m ccn_desktop --data-dir …`) to the first
  rows painted in the Cities tab, against a bare PySide6 window with an empty
  QTableView started the same way in the same run. Both print the wall-clock time of
  that paint (CCN_DESKTOP_STARTUP_PROBE for ours); the parent times from just before
  it starts the process.
- Peak memory is each of those processes' VmHWM once its window is ready.
- Filter-as-you-type types a six-letter word into the Cities filter box one key at a
  time and times each key to the table repainted with the new result, against the
  catalogue's own search SQL run by hand with `sqlite3` for the same text, times 3,
  plus one frame (the issue's target). The debounce (a deliberate pause that typing
  restarts) is set to 0 for the measure, so the figure is the work done per keystroke.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable

from tests.perf.bench_catalogue import _raw_search
from tests.perf.runner import REPO_ROOT, BenchContext, BenchmarkError, Row

FRAME = 0.016  # one frame at 60 Hz
QUERY = "festiv"  # six letters, typed one at a time
START_TIMEOUT = 120  # seconds for one start on a slow machine
PROBE_ENV = "CCN_DESKTOP_STARTUP_PROBE"  # ccn_desktop/ui/main_window.py

BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Table(QTableView):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not Table.painted:
            Table.painted = True
            now = time.time()
            print("first-rows-painted", f"{now:.6f}", flush=True)
            print("ready", f"{now:.6f}", flush=True)

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(Table())
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""


def _child_env() -> dict[str, str]:
    env = {**os.environ, PROBE_ENV: "1", "PYTHONDONTWRITEBYTECODE": "1"}
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise BenchmarkError("no VmHWM in /proc (this benchmark reads Linux's process status)")


def _start(command: list[str]) -> tuple[float, float]:
    """Seconds from process start to its first painted rows, and its peak MB when ready."""
    started = time.time()
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, env=_child_env(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        painted = ready = None
        deadline = time.monotonic() + START_TIMEOUT
        assert process.stdout is not None
        while ready is None:
            line = process.stdout.readline()
            if not line:
                err = process.stderr.read() if process.stderr else ""
                raise BenchmarkError(f"{command[:3]} ended before painting:\n{err.strip()}")
            if line.startswith("first-rows-painted "):
                painted = float(line.split()[1])
            elif line.startswith("ready "):
                ready = float(line.split()[1])
            if time.monotonic() > deadline:
                raise BenchmarkError(f"{command[:3]} did not paint within {START_TIMEOUT} s")
        if painted is None:
            raise BenchmarkError("ready before the first rows were painted")
        return painted - started, _peak_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def start_up(context: BenchContext) -> list[Row]:
    paths = context.catalogue_copy(context.records)
    ours = [sys.executable, "-m", "ccn_desktop", "--data-dir", str(paths.data_dir)]
    bare = [sys.executable, "-c", textwrap.dedent(BARE_WINDOW)]
    _start(ours)  # warm the file cache, the .pyc files and the catalogue's pages
    _start(bare)
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": []}
    repeat = max(3, context.repeat // 2)  # a start costs a second or two
    for _ in range(repeat):
        runs["ours"].append(_start(ours))
        runs["bare"].append(_start(bare))
    ours_s, ours_mb = (statistics.median(v) for v in zip(*runs["ours"], strict=True))
    bare_s, bare_mb = (statistics.median(v) for v in zip(*runs["bare"], strict=True))
    n = f"{context.records:,}"
    return [
        Row(
            f"start to first rows painted, {n} records",
            ours_s,
            "bare PySide6 window, empty QTableView",
            bare_s,
            target=3.0,
            note="elapsed time: a new process each time (python -m ccn_desktop --data-dir "
            "…), from just before it starts to the Cities table's first painted rows; "
            f"median of {repeat} starts",
        ),
        Row(
            f"peak memory, window open on {n} records",
            ours_mb,
            "bare PySide6 window",
            bare_mb,
            unit="MB",
            note="the process's peak resident memory (VmHWM) once the window is ready "
            "(Cities table painted, form and history built)",
        ),
    ]


def filter_as_you_type(context: BenchContext) -> list[Row]:
    os.environ.update({k: v for k, v in _child_env().items() if k == "QT_QPA_PLATFORM"})
    import sqlite3

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.queries import search_words
    from ccn_desktop.ui.main_window import MainWindow

    paths = context.catalogue_copy(context.records)
    app = QApplication.instance() or QApplication([])
    catalogue = Catalogue.open(paths)
    connection = sqlite3.connect(paths.catalogue_file)
    window = MainWindow(catalogue)
    try:
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.finish_startup()
        tab = window.tab_for("city")
        tab._filter_timer.setInterval(0)  # the measure is the work, not the deliberate pause
        resets = [0]
        tab.model.modelReset.connect(lambda: resets.__setitem__(0, resets[0] + 1))
        box = tab.search_box

        def settle(until: Callable[[], bool]) -> None:
            """Wait as the window does, in an event loop (the search runs on a worker thread)."""
            loop = QEventLoop()
            tab.model.modelReset.connect(loop.quit)
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            try:
                timer.start(60_000)
                while not until():
                    if not timer.isActive():
                        raise BenchmarkError("the table did not refresh within a minute")
                    loop.exec()
            finally:
                tab.model.modelReset.disconnect(loop.quit)

        def type_query() -> list[float]:
            box.setFocus()
            if box.text():
                before = resets[0]
                box.clear()
                settle(lambda: resets[0] > before)
                tab.table.viewport().repaint()
            times = []
            for letter in QUERY:
                before = resets[0]
                start = time.perf_counter()
                QTest.keyClick(box, letter, Qt.KeyboardModifier.NoModifier)
                settle(lambda before=before: resets[0] > before)
                tab.table.viewport().repaint()  # paints the visible rows, fetching them
                times.append(time.perf_counter() - start)
                expected = _raw_search(connection, search_words(box.text()))
                if tab.shown != len(expected):
                    raise BenchmarkError(
                        f"{box.text()!r}: the table shows {tab.shown}, sqlite3 finds "
                        f"{len(expected)}"
                    )
            return times

        def raw_queries() -> list[float]:
            times = []
            for length in range(1, len(QUERY) + 1):
                words = search_words(QUERY[:length])
                start = time.perf_counter()
                _raw_search(connection, words)
                times.append(time.perf_counter() - start)
            return times

        type_query()  # warm-up
        raw_queries()
        ours_times: list[float] = []
        raw_times: list[float] = []
        for _ in range(context.repeat):
            ours_times.extend(type_query())
            raw_times.extend(raw_queries())
        counts = []
        for length in range(1, len(QUERY) + 1):
            counts.append(len(_raw_search(connection, search_words(QUERY[:length]))))
    finally:
        window.tab_for("city").wait_for_search()
        window.close()
        window.deleteLater()
        app.processEvents()
        connection.close()
        catalogue.close()

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20, method="inclusive")[-1]

    baseline_median = 3 * statistics.median(raw_times) + FRAME
    baseline_p95 = 3 * p95(raw_times) + FRAME
    matches = ", ".join(f"{QUERY[: i + 1]} {count:,}" for i, count in enumerate(counts))
    name = f"filter as you type '{QUERY}', {context.records:,} records"
    return [
        Row(
            f"{name}: median",
            statistics.median(ours_times),
            "3 × raw sqlite3 FTS5 + 16 ms",
            baseline_median,
            note=f"elapsed time per keystroke, key press to the table repainted (the search "
            f"runs on a worker thread); {len(ours_times)} keystrokes; cities matched after "
            f"each letter: {matches}",
        ),
        Row(
            f"{name}: 95th percentile",
            p95(ours_times),
            "3 × raw sqlite3 FTS5 + 16 ms",
            baseline_p95,
            target=1.0,
            note="the issue's target: p95 ≤ 3 × the raw query (its own p95) + one frame; "
            "the 150 ms typing pause is not counted (set to 0 here)",
        ),
    ]


BENCHMARKS = [start_up, filter_as_you_type]
