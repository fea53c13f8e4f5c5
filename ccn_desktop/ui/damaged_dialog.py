"""The dialog shown when the catalogue file cannot be opened because it is damaged.

It leads the user back to a good state in two clicks: "Restore the backup of …"
(the damaged file is kept aside under a dated name, never deleted), then "Open
the catalogue". When no backup passes the check, the damaged file can be kept
aside and a new catalogue started from the starter records instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.errors import DamagedCatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import NOT_A_SQLITE_FILE, NOT_OURS
from ccn_desktop.catalogue.restore import restore_backup, start_afresh
from ccn_desktop.errors import user_message
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.backup_dialogs import when_text

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


class DamagedCatalogueDialog(QDialog):
    """Explains what is wrong and offers the way back; accepted once a good file is in place."""

    def __init__(
        self, paths: DataPaths, error: DamagedCatalogueError, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.error = error
        self.kept_aside: Path | None = None
        self.setWindowTitle(self.tr("%1 — the catalogue cannot be opened").replace("%1", APP_NAME))
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._set_icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.explanation = QLabel(self)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = self.details.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.details.setFont(small)
        self.buttons = QDialogButtonBox(self)
        self.main_button = QPushButton(self)
        self.main_button.setDefault(True)
        self.quit_button = self.buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.addButton(self.main_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.main_button.clicked.connect(self._main_clicked)
        self.quit_button.clicked.connect(self.reject)

        text = QVBoxLayout()
        for widget in (self.heading, self.explanation, self.details):
            text.addWidget(widget)
        top = QVBoxLayout(self)
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.icon)
        row_layout.addLayout(text, 1)
        top.addWidget(row)
        top.addWidget(self.buttons)
        self._done = False
        self._describe()
        self.setMinimumWidth(520)

    # -- what it says ------------------------------------------------------------

    def _set_icon(self, which: QStyle.StandardPixmap) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        self.icon.setPixmap(self.style().standardIcon(which).pixmap(size))

    def _describe(self) -> None:
        backup = self.error.good_backup
        if self.error.problem in (_(NOT_A_SQLITE_FILE), _(NOT_OURS)):
            heading = self.tr("Your catalogue file is not a CCN Desktop catalogue.")
        else:
            heading = self.tr("Your catalogue file is damaged and cannot be opened.")
        self.heading.setText(heading)
        parts = [
            self.tr(
                "This can happen when a computer loses power or a USB stick is pulled out "
                "while the catalogue is being saved."
            )
        ]
        if backup is not None:
            parts.append(
                self.tr(
                    "A backup from %1 is in good order. Restoring it brings the catalogue "
                    "back as it was then; changes made after it are not in it. The damaged "
                    "file is kept beside the catalogue, not deleted."
                ).replace("%1", when_text(backup))
            )
            self.main_button.setText(
                self.tr("Restore the backup of %1").replace("%1", when_text(backup))
            )
        else:
            parts.append(
                self.tr(
                    "No backup is in good order. You can keep the damaged file aside (it is "
                    "not deleted: someone may be able to repair it) and start a new catalogue "
                    "with the starter records."
                )
            )
            self.main_button.setText(self.tr("Keep it aside and start a new catalogue"))
        self.explanation.setText("\n\n".join(parts))
        self.details.setText(
            self.tr("File: %1\nProblem: %2")
            .replace("%1", str(self.paths.catalogue_file))
            .replace("%2", self.error.problem)
        )

    # -- what it does ------------------------------------------------------------

    def _main_clicked(self) -> None:
        if self._done:
            self.accept()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.error.good_backup is not None:
                result = restore_backup(self.paths, self.error.good_backup)
                self.kept_aside = result.kept_aside
            else:
                self.kept_aside = start_afresh(self.paths)
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                raise
            log.warning("recovery of %s failed: %s", self.paths.catalogue_file, message)
            self.explanation.setText(self.tr("That did not work: %1").replace("%1", message))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._done = True
        self._set_icon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        if self.error.good_backup is not None:
            self.heading.setText(self.tr("The catalogue was restored."))
            done = self.tr("It is back as it was on %1.").replace(
                "%1", when_text(self.error.good_backup)
            )
        else:
            self.heading.setText(self.tr("A new catalogue will be started."))
            done = ""
        kept = (
            self.tr("The damaged file is kept as:\n%1").replace("%1", str(self.kept_aside))
            if self.kept_aside is not None
            else ""
        )
        self.explanation.setText("\n\n".join(part for part in (done, kept) if part))
        self.details.clear()
        self.main_button.setText(self.tr("Open the catalogue"))
        self.main_button.setFocus()


def recover(paths: DataPaths, error: DamagedCatalogueError, parent: QWidget | None = None) -> bool:
    """Show the dialog; True once a good catalogue file is in place (open it again)."""
    log.warning("the catalogue cannot be opened: %s", error)
    dialog = DamagedCatalogueDialog(paths, error, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


def open_catalogue_or_recover(
    paths: DataPaths,
    parent: QWidget | None = None,
    opener: Callable[[DataPaths], Catalogue | None] = Catalogue.open,
) -> Catalogue | None:
    """Open the catalogue with `opener`; if it is damaged, let the user recover first.

    Returns None when the user quits (here, or in `opener`). Other errors propagate.
    """
    for _attempt in range(MAX_ATTEMPTS):
        try:
            return opener(paths)
        except DamagedCatalogueError as error:
            if not recover(paths, error, parent):
                return None
    return opener(paths)
