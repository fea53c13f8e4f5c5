"""Exchange ▸ Exchange log: every bundle written and imported here, and the backups.

Each import was preceded by a backup of the catalogue file; "Restore this backup…"
puts the catalogue back as it was just before that import, after the user
confirms, and after the current file is itself backed up (the restore callback,
which the window provides, does that: it must close and reopen the catalogue).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.offices import LogEntry, exchange_log
from ccn_desktop.i18n import N_
from ccn_desktop.ui.exchange.values import counts_text, tr, when_text
from ccn_desktop.ui.exchange.widgets import table_view
from ccn_desktop.ui.table_model import DISPLAY, TOOLTIP, ItemListModel

RestoreBackup = Callable[[Path], None]


def backup_of(entry: LogEntry) -> Path | None:
    """The backup made before an import, if it is still in its folder."""
    if entry.direction != "import" or not entry.backup_path:
        return None
    path = Path(entry.backup_path)
    return path if path.is_file() else None


class ExchangeLogModel(ItemListModel[LogEntry]):
    HEADERS = (
        N_("When"),
        N_("What"),
        N_("Office"),
        N_("Contents"),
        N_("File"),
        N_("Backup before the import"),
    )
    WHEN, WHAT, OFFICE, CONTENTS, FILE, BACKUP = range(6)

    def __init__(self, own_office: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._own = own_office

    def set_entries(self, items: list[LogEntry]) -> None:
        self.set_items(items)

    def entry_at(self, row: int) -> LogEntry:
        return self.item_at(row)

    def cell(self, entry: LogEntry, column: int, role: int) -> Any:
        if role == TOOLTIP:
            if column == self.FILE:
                return entry.file_name
            if column == self.BACKUP:
                return entry.backup_path or None
            return None
        if role != DISPLAY:
            return None
        if column == self.WHEN:
            return when_text(entry.at)
        if column == self.WHAT:
            if entry.direction == "import":
                return (
                    tr("Spreadsheet imported") if entry.scope == "spreadsheet" else tr("Imported")
                )
            return tr("Exported") if entry.scope == "full" else tr("Exported (changes only)")
        if column == self.OFFICE:
            if entry.direction == "export":
                if entry.office_uuid == self._own:
                    return tr("for any office")
                return tr("for {office}").format(office=entry.office_name)
            if entry.scope == "spreadsheet":
                return tr("into {office}").format(office=entry.office_name)
            return tr("from {office}").format(office=entry.office_name)
        if column == self.CONTENTS:
            return counts_text(entry.counts)
        if column == self.FILE:
            return Path(entry.file_name).name if entry.file_name else ""
        if entry.direction != "import":
            return ""
        if backup_of(entry) is None:
            return tr("(no longer there)") if entry.backup_path else ""
        return Path(entry.backup_path).name


class ExchangeLogDialog(QDialog):
    """The log, newest first; Restore this backup… for an import's backup."""

    restore_requested = Signal(object)  # Path of the backup, once the user confirmed

    def __init__(
        self, parent: QWidget | None, catalogue: Catalogue, restore: RestoreBackup | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.confirm_box: QMessageBox | None = None
        self.setObjectName("exchange-log")
        self.setWindowTitle(tr("Exchange log"))
        if restore is not None:
            self.restore_requested.connect(restore)
        layout = QVBoxLayout(self)
        self.empty_label = QLabel(tr("No bundle has been exported or imported yet."), self)
        layout.addWidget(self.empty_label)
        self.model = ExchangeLogModel(catalogue.office.uuid, self)
        self.view = table_view(self, tr("Exchange log"))
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        titles = header.fontMetrics()
        for column, width in enumerate((130, 150, 170, 230, 260, 180)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(width, titles.horizontalAdvance(title) + 24))
        self.view.setWordWrap(False)
        self.view.selectionModel().selectionChanged.connect(self._update_button)
        layout.addWidget(self.view, 1)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(tr("&Restore this backup…"), self)
        self.restore_button.setToolTip(
            tr("Put the catalogue back as it was just before this import")
        )
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.confirm_restore)
        self.restore_button.setVisible(restore is not None)
        layout.addWidget(self.buttons)
        self.reload()
        wanted = header.length() + 40  # every column as wide as its title, the backup's too
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        self.resize(min(max(1100, wanted), screen), 440)

    def reload(self) -> None:
        self.model.set_entries(exchange_log(self.catalogue))
        self.empty_label.setVisible(self.model.rowCount() == 0)
        if self.model.rowCount():
            self.view.selectRow(0)
        self._update_button()

    def selected(self) -> LogEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def _update_button(self, *_args: object) -> None:
        entry = self.selected()
        usable = entry is not None and backup_of(entry) is not None
        self.restore_button.setEnabled(usable and not self.catalogue.read_only)

    def confirm_restore(self) -> None:
        entry = self.selected()
        backup = backup_of(entry) if entry is not None else None
        if entry is None or backup is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Restore this backup"),
            tr(
                "Put the catalogue back as it was just before {file} from {office} was "
                "imported on {when}?"
            ).format(
                file=Path(entry.file_name).name,
                office=entry.office_name,
                when=when_text(entry.at),
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            tr(
                "Everything changed since then leaves the catalogue. The catalogue as it is "
                "now is backed up first, so you can come back to it."
            )
        )
        self.confirm_button = box.addButton(tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._confirmed(backup) if button is self.confirm_button else None
        )
        self.confirm_box = box
        box.open()

    def _confirmed(self, backup: Path) -> None:
        self.accept()
        self.restore_requested.emit(backup)
