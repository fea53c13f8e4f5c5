"""Run long work off the GUI thread, with progress, Cancel, and errors shown in a dialog.

`Task(function, *args)` runs `function(progress, *args)` on Qt's thread pool. The
function calls `progress.report(done, total, text)` as it goes and
`progress.check()` (or reads `progress.cancelled`) where stopping is safe; it must
not touch widgets. Results, failures and progress come back as signals delivered
in the GUI thread. `run_with_progress()` adds a progress dialog with Cancel that
only appears when the work takes longer than a moment.

Catalogue calls are safe from a task: every facade call opens its own session,
and the engine's pooled SQLite connections may be used from any thread (one
thread at a time each); see `catalogue/engine.py`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 400  # work that ends sooner shows no dialog at all


class Cancelled(Exception):
    """Raised by `Progress.check()` when the user pressed Cancel."""


class _Bridge(QObject):
    """Signals emitted from the worker thread, received by the Task in the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()


class Progress:
    """What the running function sees: report progress, and learn whether to stop."""

    def __init__(self, bridge: _Bridge, stop: threading.Event) -> None:
        self._bridge = bridge
        self._stop = stop

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """`total` 0 means "unknown": the dialog shows a busy bar."""
        self._bridge.progressed.emit(int(done), int(total), text)

    def check(self) -> None:
        if self._stop.is_set():
            raise Cancelled


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Task owns it
        self._task = task

    def run(self) -> None:
        task = self._task
        bridge = task._bridge
        try:
            try:
                result = task._function(Progress(bridge, task._stop), *task._args)
            except Cancelled:
                bridge.was_cancelled.emit()
            except BaseException as exc:  # handed to the GUI thread, which decides what to show
                log.debug("task %s failed", task.objectName(), exc_info=True)
                bridge.failed.emit(exc)
            else:
                if task._stop.is_set():
                    bridge.was_cancelled.emit()
                else:
                    bridge.succeeded.emit(result)
        except RuntimeError:  # the window that wanted the answer is gone: nobody to tell
            log.debug("task %s ended after its receiver was deleted", task.objectName())
        finally:
            task._done.set()


class Task(QObject):
    """One piece of background work. Connect to its signals, then `start()`."""

    progressed = Signal(int, int, str)
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception it raised
    cancelled = Signal()
    ended = Signal()  # after any of the three above

    def __init__(
        self, function: Callable[..., Any], *args: Any, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._function = function
        self._args = args
        self._stop = threading.Event()
        self._done = threading.Event()
        self._bridge = _Bridge()
        self._bridge.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._bridge.succeeded.connect(self._on_success, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)
        self._bridge.was_cancelled.connect(self._on_cancel, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(self)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        _keep_alive.add(self)
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        """Ask the function to stop at its next `check()`."""
        self._stop.set()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the function has returned (for closing the window, and tests)."""
        return self._done.wait(None if timeout_ms < 0 else timeout_ms / 1000)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        self._end()
        self.finished.emit(result)
        self.ended.emit()

    @Slot(object)
    def _on_failure(self, exc: object) -> None:
        self._end()
        self.failed.emit(exc)
        self.ended.emit()

    @Slot()
    def _on_cancel(self) -> None:
        self._end()
        self.cancelled.emit()
        self.ended.emit()

    def _end(self) -> None:
        self._running = False
        _keep_alive.discard(self)


_T = TypeVar("_T")


def run_and_wait(function: Callable[[], _T]) -> _T:
    """Run `function` on the worker thread and wait for it with the window still
    painting (a save's disk sync on a USB stick must not freeze it), while user input
    waits its turn: nothing typed or clicked meanwhile can start a second write. Returns
    the function's result, or raises its exception here, in the GUI thread."""
    task = Task(lambda _progress: function())
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    task.finished.connect(lambda result: outcome.__setitem__("result", result))
    task.failed.connect(lambda exc: outcome.__setitem__("error", exc))
    task.ended.connect(loop.quit)
    task.start()
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if "error" in outcome:
        raise outcome["error"]
    if "result" not in outcome:
        raise RuntimeError("the background write ended without a result")
    result: _T = outcome["result"]
    return result


# Tasks started without a parent stay alive until they end.
_keep_alive: set[Task] = set()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    function: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    show_after_ms: int = SHOW_AFTER_MS,
) -> Task:
    """Run `function(progress, *args)` in the background behind a window-modal progress dialog.

    Without `on_error`, a failure is shown in a message box (one sentence for known
    errors, the log for the rest). Returns the started Task.
    """
    task = Task(function, *args, parent=parent)
    dialog = QProgressDialog(label, _tr("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumDuration(show_after_ms)  # Qt shows it then, if the work is not done
    dialog.setAccessibleName(title)
    if not cancellable:
        dialog.setCancelButton(None)

    def progressed(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def finish() -> None:
        dialog.canceled.disconnect(task.cancel)
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def failed(exc: object) -> None:
        if on_error is not None:
            on_error(exc)  # type: ignore[arg-type]
        else:
            show_error(parent, title, exc)  # type: ignore[arg-type]

    dialog.canceled.connect(task.cancel)
    task.progressed.connect(progressed)
    task.ended.connect(finish)
    if on_done is not None:
        task.finished.connect(on_done)
    task.failed.connect(failed)
    task.start()
    return task


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """One sentence for an expected failure; for a bug, say that details are in the log."""
    from ccn_desktop.errors import user_message

    message = user_message(exc)
    if message is None:
        log.error("unexpected error in %s", title, exc_info=exc)
        message = _tr("Unexpected error ({name}: {error}); details are in the log.").format(
            name=type(exc).__name__, error=exc
        )
    QMessageBox.critical(parent, title, message)


def _tr(text: str) -> str:
    return QCoreApplication.translate("worker", text)
