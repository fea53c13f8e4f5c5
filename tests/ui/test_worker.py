"""Background work: results, failures, Cancel, progress, and the dialog that shows it."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.errors import RecordNotFoundError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.worker import Cancelled, Progress, Task, run_with_progress


def test_result_arrives_in_the_gui_thread(qtbot: QtBot) -> None:
    threads: list[threading.Thread] = []
    task = Task(lambda _progress, a, b: threads.append(threading.current_thread()) or a + b, 2, 3)
    received: list[Any] = []
    task.finished.connect(lambda result: received.append((result, threading.current_thread())))
    with qtbot.waitSignal(task.ended):
        task.start()
    assert received == [(5, threading.main_thread())]
    assert threads and threads[0] is not threading.main_thread()
    assert not task.running


def test_failure_is_delivered_not_raised(qtbot: QtBot) -> None:
    def fail(_progress: Progress) -> None:
        raise RecordNotFoundError("No city xyz in this catalogue.")

    task = Task(fail)
    with qtbot.waitSignal(task.failed) as caught:
        task.start()
    assert isinstance(caught.args[0], RecordNotFoundError)


def test_cancel_stops_at_the_next_check(qtbot: QtBot) -> None:
    started = threading.Event()
    steps: list[int] = []

    def long_work(progress: Progress) -> int:
        started.set()
        for step in range(10_000):
            progress.check()
            steps.append(step)
            threading.Event().wait(0.001)
        return len(steps)

    task = Task(long_work)
    finished: list[Any] = []
    task.finished.connect(finished.append)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        task.start()
        assert started.wait(5)
        task.cancel()
    assert finished == [] and len(steps) < 10_000
    assert task.wait(1000)


def test_progress_reports_reach_the_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()
    done: list[Any] = []

    def work(progress: Progress) -> str:
        progress.report(3, 10, "Writing cities…")
        gate.wait(5)
        return "ok"

    task = run_with_progress(parent, "Export", "Starting…", work, on_done=done.append,
                             show_after_ms=0)  # fmt: skip
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() == 3 and dialog.maximum() == 10)
    assert dialog.labelText() == "Writing cities…" and dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: done == ["ok"])
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog) is None or not dialog.isVisible())
    assert not task.running


def test_quick_work_shows_no_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[Any] = []
    run_with_progress(
        parent, "Quick", "…", lambda _p: 1, on_done=lambda r: done.append((r, dialog.isVisible()))
    )
    dialog = parent.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: bool(done))
    assert done == [(1, False)]


def test_cancel_button_cancels(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress: Progress) -> None:
        while True:
            progress.check()
            threading.Event().wait(0.005)

    task = run_with_progress(parent, "Long", "…", work, show_after_ms=0)
    dialog = parent.findChild(QProgressDialog)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        qtbot.waitUntil(dialog.isVisible)
        button = dialog.findChild(QPushButton)
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_errors_are_shown_in_one_sentence(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: shown.append(text))

    def fail(_progress: Progress) -> None:
        raise OSError(28, "No space left on device", "/media/stick/out.json")

    task = run_with_progress(None, "Export", "…", fail)
    with qtbot.waitSignal(task.ended):
        pass
    assert shown == ["No space left on device: /media/stick/out.json"]


def test_catalogue_is_usable_from_a_task_and_back(qtbot: QtBot, catalogue: Catalogue) -> None:
    """The engine's connections serve the worker thread and then the GUI thread."""

    def count_in_thread(progress: Progress) -> int:
        if progress.cancelled:
            raise Cancelled
        return catalogue.count("city")

    task = Task(count_in_thread)
    with qtbot.waitSignal(task.finished) as result:
        task.start()
    assert result.args == [406] and catalogue.count("city") == 406
