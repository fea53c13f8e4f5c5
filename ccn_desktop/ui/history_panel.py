"""A record's history: its versions, what each held, and a way back to any of them.

The list shows when (local time), what was done, by which office and where the
version came from. Selecting one shows its values beside the current ones, the
fields that differ in bold on a highlighted row. "Restore this version" only asks:
the window restores through its undo stack (`Catalogue.restore_version`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.entities import ENTITIES, EntitySpec
from ccn_desktop.catalogue.facade import Catalogue, HistoryEntry
from ccn_desktop.catalogue.starter import STARTER_OFFICE_UUID
from ccn_desktop.i18n import N_, ngettext
from ccn_desktop.ui.forms.display import city_labeller, display_value
from ccn_desktop.ui.table_model import ItemListModel, bold_font

HISTORY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 2

# How actions and origins read: one past-tense phrase each, with a capital, as a person
# would say what happened; values from newer versions show as stored.
_ACTIONS = {
    "insert": N_("Created"),
    "update": N_("Edited"),
    "delete": N_("Deleted"),
    "restore": N_("Restored"),
    "restore-version": N_("Earlier version restored"),
    "undo": N_("Undone"),
    "redo": N_("Redone"),
    "resolve": N_("Conflict resolved"),
    "conflict": N_("Conflicting edit kept"),
    "merge": N_("Merged with a duplicate"),
    "merge-away": N_("Merged into another record"),
    "field-merge": N_("Merged with another office's changes"),
    "received": N_("As another office sent it"),
}
_ORIGINS = {
    "local": N_("Local edit"),
    "bundle": N_("Bundle"),
    "starter": N_("Starter catalogue"),
    "conflict": N_("Bundle (conflict)"),
    "spreadsheet": N_("Spreadsheet"),
}


def local_time(iso_utc: str) -> str:
    """An ISO UTC time as this computer's local time, to the minute."""
    try:
        moment = dt.datetime.fromisoformat(iso_utc)
    except ValueError:
        return iso_utc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _known_office_names(catalogue: Catalogue) -> dict[str, str]:
    """The offices whose bundles came here, by UUID (the history names them)."""
    from ccn_desktop.exchange.offices import known_offices

    return {office.uuid: office.name for office in known_offices(catalogue)}


class HistoryTableModel(ItemListModel[HistoryEntry]):
    """The versions of one record, newest first."""

    HEADERS = (N_("When"), N_("Action"), N_("Office"), N_("Origin"))
    WHEN, ACTION, OFFICE, ORIGIN = range(4)

    def __init__(self, catalogue: Catalogue, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._office_names: dict[str, str] = {}
        self._sheets: dict[str, str] = {}

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        """Newest first by the time of the change (a bundle brings older changes in later)."""
        entries = sorted(entries, key=lambda entry: (entry.at, entry.id), reverse=True)
        self._office_names = _known_office_names(self._catalogue)
        self._sheets = (
            self._sheet_files() if any(e.origin == "spreadsheet" for e in entries) else {}
        )
        self.set_items(entries)

    def _sheet_files(self) -> dict[str, str]:
        """Which spreadsheet each import came from (the exchange log names the file)."""
        from ccn_desktop.exchange.offices import exchange_log

        return {
            entry.bundle_uuid: entry.file_name
            for entry in exchange_log(self._catalogue)
            if entry.scope == "spreadsheet"
        }

    def entry_at(self, row: int) -> HistoryEntry:
        return self.item_at(row)

    def office_name(self, office_uuid: str) -> str:
        if office_uuid == self._catalogue.office.uuid:
            return self._catalogue.office.name
        if office_uuid == STARTER_OFFICE_UUID:
            return self.tr("Starter catalogue")
        return self._office_names.get(office_uuid, office_uuid)

    def origin_text(self, origin: str) -> str:
        """ "Reference update 2" for release 2 of the reference data, else the origin's word."""
        prefix = "reference-"
        if origin.startswith(prefix) and origin[len(prefix) :].isdigit():
            return self.tr("Reference update %1").replace("%1", origin[len(prefix) :])
        return self.tr(_ORIGINS.get(origin, origin))

    def cell(self, entry: HistoryEntry, column: int, role: int) -> Any:
        if role == HISTORY_ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return local_time(entry.at)
            if column == self.ACTION:
                return self.tr(_ACTIONS.get(entry.action, entry.action))
            if column == self.OFFICE:
                return self.office_name(entry.office_uuid)
            if entry.origin == "spreadsheet" and entry.bundle_uuid in self._sheets:
                name = Path(self._sheets[entry.bundle_uuid]).name
                return self.tr("Spreadsheet %1").replace("%1", name)
            return self.origin_text(entry.origin)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.WHEN:
                return entry.at
            if column == self.OFFICE:
                return entry.office_uuid
            if column == self.ORIGIN and entry.origin == "spreadsheet" and entry.bundle_uuid:
                return self.tr("Imported from the spreadsheet %1").replace(
                    "%1", self._sheets.get(entry.bundle_uuid, entry.bundle_uuid)
                )
            if column == self.ORIGIN and entry.bundle_uuid:
                return self.tr("Bundle %1").replace("%1", entry.bundle_uuid)
        return None


class VersionValuesModel(ItemListModel[tuple[str, str, str]]):
    """One version's fields beside the current ones; rows that differ are marked."""

    HEADERS = (N_("Field"), N_("This version"), N_("Current"))

    def set_versions(
        self,
        spec: EntitySpec | None,
        version: Mapping[str, Any] | None,
        current: Mapping[str, Any] | None,
        city_label: Callable[[str], str] | None = None,
    ) -> None:
        rows: list[tuple[str, str, str]] = []
        if spec is not None and version is not None:
            current = current or {}
            for field in spec.fields:
                rows.append(
                    (
                        self.tr(field.label),
                        display_value(field, version.get(field.name), city_label),
                        display_value(field, current.get(field.name), city_label),
                    )
                )
            if bool(version.get("deleted")) != bool(current.get("deleted")):
                yes, no = self.tr("yes"), self.tr("no")
                rows.append(
                    (
                        self.tr("Deleted"),
                        yes if version.get("deleted") else no,
                        yes if current.get("deleted") else no,
                    )
                )
        self.set_items(rows)

    def differing_fields(self) -> list[str]:
        return [row[0] for row in self.items if row[1] != row[2]]

    def cell(self, row: tuple[str, str, str], column: int, role: int) -> Any:
        differs = row[1] != row[2]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[column]
        if role == DIFFERS_ROLE:
            return differs
        if role == Qt.ItemDataRole.ToolTipRole:
            text = row[column] if column else ""
            if differs:
                text = "\n\n".join(
                    filter(None, [text, self.tr("Differs from the current version")])
                )
            return text or None
        if role == Qt.ItemDataRole.FontRole and differs:
            return bold_font()
        if role == Qt.ItemDataRole.BackgroundRole and differs:
            colour = QGuiApplication.palette().color(QPalette.ColorRole.Highlight)
            colour.setAlpha(48)
            return QBrush(colour)
        if role == Qt.ItemDataRole.AccessibleTextRole and differs and column == 0:
            return self.tr("%1 (changed)").replace("%1", row[0])
        return None


class HistoryPanel(QWidget):
    """The versions of the record given to `load()`; emits `restoreRequested(history_id)`."""

    restoreRequested = Signal(int)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._entity: str | None = None
        self._uuid: str | None = None
        self._current: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.model = HistoryTableModel(catalogue, self)
        self.versions = QTableView(splitter)
        self.versions.setModel(self.model)
        self.versions.setAccessibleName(self.tr("Versions"))
        self._setup_table(self.versions)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.values_model = VersionValuesModel(self)
        self.values = QTableView(splitter)
        self.values.setModel(self.values_model)
        self.values.setAccessibleName(self.tr("Values of the selected version"))
        self._setup_table(self.values)
        self.values.setWordWrap(True)
        self.values.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.values.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        values_header = self.values.horizontalHeader()
        values_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        values_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        values_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.values.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # At least five versions in view; the values below say what they are.
        rows = self.versions.verticalHeader().defaultSectionSize()
        self.versions.setMinimumHeight(
            rows * 5 + self.versions.horizontalHeader().sizeHint().height() + 4
        )
        values_box = QWidget(splitter)
        values_layout = QVBoxLayout(values_box)
        values_layout.setContentsMargins(0, 4, 0, 0)
        self.values_title = QLabel(self.tr("The selected version beside the current one:"))
        self.values_title.setBuddy(self.values)
        values_layout.addWidget(self.values_title)
        values_layout.addWidget(self.values, 1)
        splitter.addWidget(self.versions)
        splitter.addWidget(values_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.legend = QLabel(self.tr("Fields that differ from the current version are in bold."))
        self.legend.setWordWrap(True)
        self.legend.setEnabled(False)
        self.restore_button = QPushButton(self.tr("&Restore this version"), self)
        self.restore_button.setToolTip(
            self.tr("Make the selected version the current one again (can be undone)")
        )
        self.restore_button.clicked.connect(self._restore_clicked)
        row.addWidget(self.legend, 1)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        self.versions.selectionModel().currentRowChanged.connect(self._show_selected)
        self.load(None, None)

    @staticmethod
    def _setup_table(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(False)

    # -- the contract ----------------------------------------------------------------------

    def load(self, entity: str | None, uuid: str | None) -> None:
        """Show the versions of a record (None, None: nothing)."""
        self._entity, self._uuid = entity, uuid
        self.refresh()

    def refresh(self) -> None:
        """Read the versions again (after a save or a restore)."""
        entity, uuid = self._entity, self._uuid
        if entity is None or uuid is None:
            self._current = None
            self.model.set_entries([])
            self.title.setText(self.tr("No record selected."))
        else:
            self._current = self.catalogue.get(entity, uuid)
            entries = self.catalogue.history(entity, uuid)
            self.model.set_entries(entries)
            label = self.catalogue.label(entity, uuid)
            text = ngettext(
                "History of {record}: {count} version",
                "History of {record}: {count} versions",
                len(entries),
            ).format(record=label, count=len(entries))
            self.title.setText(text)
        if self.model.rowCount():
            self.select_row(0)
        else:
            self._show_selected()

    def select_row(self, row: int) -> None:
        self.versions.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def selected_entry(self) -> HistoryEntry | None:
        index = self.versions.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    # -- reacting --------------------------------------------------------------------------

    def _show_selected(self, *_args: Any) -> None:
        entry = self.selected_entry()
        spec = ENTITIES[self._entity] if self._entity else None
        if entry is None or spec is None:
            self.values_model.set_versions(None, None, None)
            self.restore_button.setEnabled(False)
            return
        labeller = city_labeller(self.catalogue, spec, [entry.snapshot, self._current or {}])
        self.values_model.set_versions(spec, entry.snapshot, self._current, labeller)
        self.restore_button.setEnabled(not self._same_as_current(spec, entry.snapshot))

    def _same_as_current(self, spec: EntitySpec, snapshot: Mapping[str, Any]) -> bool:
        current = self._current or {}
        names = [*spec.field_names, "deleted"]
        return all(snapshot.get(name) == current.get(name) for name in names)

    def _restore_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.restoreRequested.emit(entry.id)
