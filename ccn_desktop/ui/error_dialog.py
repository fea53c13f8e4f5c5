"""Unexpected errors in the window: logged with their traceback, shown in a dialog, survived.

Qt calls `sys.excepthook` for an exception that escapes a slot, and then carries on
with its event loop; the hook installed here writes the traceback to the log file
and tells the user what happened and where the details are. The dialog is not
modal and is shown from the event loop, so an error inside a paint or a model
call cannot stack dialogs: further errors while one is shown are counted in it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ccn_desktop import APP_NAME
from ccn_desktop.i18n import ngettext

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class ErrorReporter(QObject):
    """The excepthook of the window; `install()` it once the QApplication exists."""

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self.more = 0
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous(exc_type, exc, tb)
            return
        log.error("unexpected error in the window", exc_info=(exc_type, exc, tb))
        if self.dialog is not None and self.dialog.isVisible():
            self.more += 1
            self.dialog.setInformativeText(self._informative())
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        QTimer.singleShot(0, lambda: self._show(exc, details))

    def _informative(self) -> str:
        text = self.tr(
            "The window keeps working, but what you were doing may not have finished. "
            "The details were written to the log file:\n%1"
        ).replace("%1", str(self.log_file))
        if self.more:
            text += "\n\n" + ngettext(
                "{n} more error happened since.", "{n} more errors happened since.", self.more
            ).format(n=self.more)
        return text

    def _show(self, exc: BaseException, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        from ccn_desktop.errors import user_message  # not before the first paint

        message = _damage_advice(exc) or user_message(exc) or f"{type(exc).__name__}: {exc}"
        self.more = 0
        dialog = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("%1 — unexpected error").replace("%1", APP_NAME),
            self.tr("Something went wrong: %1").replace("%1", message),
            QMessageBox.StandardButton.Ok,
            _active_window(),
        )
        dialog.setInformativeText(self._informative())
        dialog.setDetailedText(details)
        dialog.setObjectName("unexpected-error")
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._forget)
        dialog.open()

    def _forget(self) -> None:
        self.dialog = None


def _damage_advice(exc: BaseException) -> str | None:
    """Damage met while the catalogue is open: the way out is a restart, which checks the
    file and offers the newest good backup (ui/damaged_dialog.py)."""
    from ccn_desktop.catalogue.errors import DamagedCatalogueError

    if not isinstance(exc, DamagedCatalogueError):
        return None
    return QCoreApplication.translate(
        "ErrorReporter",
        "the catalogue file is damaged ({problem}). Close CCN Desktop and start it again: "
        "it will offer to restore the newest backup in good order.",
    ).format(problem=exc.problem)


def _active_window() -> QWidget | None:
    from PySide6.QtWidgets import QApplication

    return QApplication.activeWindow()


def install_error_reporter(log_file: Path) -> ErrorReporter:
    reporter = ErrorReporter(log_file)
    reporter.install()
    return reporter
