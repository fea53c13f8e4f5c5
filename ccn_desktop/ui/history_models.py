"""The models of a record's history: its versions, and one version beside the current one.

Each version reads as a person would say it: when (local time), what was done, by
which office, and where it came from (a local edit, a bundle, a spreadsheet, a
release of the reference data). The values of a version are shown beside the current
ones, the fields that differ marked in bold on a highlighted row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QGuiApplication, QPalette

from ccn_desktop.catalogue.entities import EntitySpec
from ccn_desktop.catalogue.facade import Catalogue, HistoryEntry
from ccn_desktop.catalogue.starter import STARTER_OFFICE_UUID
from ccn_desktop.i18n import N_
from ccn_desktop.ui.forms.display import display_value
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
