"""Item models of the import preview, read straight from the engine's plan (a bundle's
`ImportPlan` or a spreadsheet's `SheetPlan`: what both offer is `PreviewedPlan`).

The counts, the list of changed records and each record's field-by-field
differences are the plan's own numbers and values: the preview shows exactly what
`apply_plan` would write, computed once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QSortFilterProxyModel, Qt

from ccn_desktop import i18n
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.exchange.likely_duplicates import LikelyDuplicate
from ccn_desktop.exchange.record_changes import ChangeKind, RecordChange
from ccn_desktop.i18n import N_
from ccn_desktop.ui.exchange.values import (
    DELETED_FIELD,
    EMPTY,
    CityNames,
    entity_label,
    field_spec,
    short,
    tr,
    value_text,
)
from ccn_desktop.ui.table_model import (
    DISPLAY,
    RIGHT_ALIGNED,
    TOOLTIP,
    Index,
    ItemListModel,
    bold_font,
)


class PreviewedPlan(Protocol):
    """What the preview reads of a plan, whatever is imported (a bundle, a spreadsheet)."""

    @property
    def changes(self) -> Sequence[RecordChange]: ...

    @property
    def counts(self) -> Mapping[str, Mapping[Any, int]]: ...  # entity -> kind -> number

    @property
    def duplicates(self) -> Sequence[LikelyDuplicate]: ...

    @property
    def nothing_to_do(self) -> bool: ...

    def total(self, kind: ChangeKind) -> int: ...


KIND_ROLE = Qt.ItemDataRole.UserRole + 1
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 2

# Columns of the counts table, in the order people read a change.
COUNT_KINDS = (
    ChangeKind.NEW,
    ChangeKind.UPDATED,
    ChangeKind.MERGED,
    ChangeKind.DELETED,
    ChangeKind.RESTORED,
    ChangeKind.CONFLICT,
    ChangeKind.UNCHANGED,
)
KIND_LABELS = {
    ChangeKind.NEW: N_("New"),
    ChangeKind.UPDATED: N_("Updated"),
    ChangeKind.MERGED: N_("Merged (different fields)"),
    ChangeKind.DELETED: N_("Deleted"),
    ChangeKind.RESTORED: N_("Restored"),
    ChangeKind.CONFLICT: N_("Conflict"),
    ChangeKind.UNCHANGED: N_("Unchanged"),
}
DUPLICATES_COLUMN = len(COUNT_KINDS) + 1


def kind_label(kind: ChangeKind) -> str:
    return tr(KIND_LABELS[kind])


class CountsModel(ItemListModel[str]):
    """One row per kind of record, one column per kind of change, and likely duplicates."""

    HEADERS = (N_("Records"), *(KIND_LABELS[kind] for kind in COUNT_KINDS), N_("Likely duplicates"))

    def __init__(self, plan: PreviewedPlan, parent: Any = None) -> None:
        super().__init__(parent)
        entities = list(ENTITIES)
        # A kind is a ChangeKind (a str) in a spreadsheet's plan, its value in a bundle's.
        self._counts: dict[str, dict[str, int]] = {
            entity: dict(plan.counts[entity]) for entity in entities
        }
        self._duplicates = dict.fromkeys(entities, 0)
        for duplicate in plan.duplicates:
            self._duplicates[duplicate.entity] += 1
        self.set_items(entities)

    def count(self, entity: str, column: int) -> int:
        if column == DUPLICATES_COLUMN:
            return self._duplicates[entity]
        return self._counts[entity].get(COUNT_KINDS[column - 1], 0)

    def cell(self, entity: str, column: int, role: int) -> Any:
        if role == DISPLAY:
            if column == 0:
                return entity_label(entity, 2)
            number = self.count(entity, column)
            return i18n.number(number) if number else EMPTY
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.FontRole and column > 0:
            kind = COUNT_KINDS[column - 1] if column <= len(COUNT_KINDS) else None
            notable = kind == ChangeKind.CONFLICT or column == DUPLICATES_COLUMN
            if notable and self.count(entity, column):
                return bold_font()
        return None


class ChangesModel(ItemListModel[RecordChange]):
    """Every record the import changes: what happens to it, its type, its title, which fields."""

    KIND, TYPE, TITLE, FIELDS = range(4)
    HEADERS = (N_("Change"), N_("Type"), N_("Record"), N_("Fields that change"))

    def __init__(self, changes: Sequence[RecordChange], parent: Any = None) -> None:
        super().__init__(parent)
        self.set_items(changes)

    def change_at(self, row: int) -> RecordChange:
        return self.item_at(row)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role == CHANGE_ROLE and index.isValid():
            return index.row()
        return super().data(index, role)

    def cell(self, change: RecordChange, column: int, role: int) -> Any:
        if role == KIND_ROLE:
            return str(change.kind)
        if role not in (DISPLAY, TOOLTIP):
            return None
        if column == self.KIND:
            return kind_label(change.kind)
        if column == self.TYPE:
            return entity_label(change.entity)
        if column == self.TITLE:
            return change.title
        if column == self.FIELDS:
            return self._fields_text(change)
        return None

    @staticmethod
    def _fields_text(change: RecordChange) -> str:
        if change.mine is None:
            return tr("all (new here)") if change.kind == ChangeKind.NEW else EMPTY
        if change.kind in (ChangeKind.MERGED, ChangeKind.CONFLICT) and (
            change.fields_here or change.fields_there
        ):
            return _brought_text(change)
        labels = []
        for diff in change.diffs:
            spec = field_spec(change.entity, diff.field)
            labels.append(tr("Deleted") if spec is None else tr(spec.label))
        if not labels and change.kind == ChangeKind.UPDATED:
            return unchanged_update_text()
        return ", ".join(labels) or EMPTY


def unchanged_update_text() -> str:
    """A newer version with the same values: what the other office did to it (it deleted
    and restored the record, or changed a field and back) — bundles carry no history."""
    return tr("none: deleted and restored (or changed back) at the other office")


def _labels(entity: str, names: Sequence[str]) -> str:
    texts = []
    for name in names:
        spec = field_spec(entity, name)
        texts.append(tr(spec.label) if spec is not None else name)
    return ", ".join(texts) or EMPTY


def _brought_text(change: RecordChange) -> str:
    """The fields each side brought to a merge ("here: Notes; bundle: E-mail"), and those
    left in conflict."""
    text = tr("here: {mine}; bundle: {theirs}").format(
        mine=_labels(change.entity, change.fields_here),
        theirs=_labels(change.entity, change.fields_there),
    )
    if change.conflicting:
        text += "; " + tr("in conflict: {fields}").format(
            fields=_labels(change.entity, change.conflicting)
        )
    return text


class ChangeFilter(QSortFilterProxyModel):
    """The changes of one kind (or all), sortable by any column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: str = ""
        self.setFilterRole(KIND_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_kind(self, kind: str) -> None:
        """Show only the changes of `kind` ("" shows every change)."""
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._kind = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._kind = kind
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._kind:
            return True
        model = self.sourceModel()
        return bool(model.index(source_row, 0, source_parent).data(KIND_ROLE) == self._kind)


class FieldDiffModel(ItemListModel[tuple[str, str, str]]):
    """One record's differences: each field as it is here and as the import makes it.

    A new record shows every field it brings; a conflict shows the other office's
    version beside the one shown here (both are kept, and the record is flagged).
    Each row is (label, mine, theirs), in full; the cells show them shortened.
    """

    FIELD, MINE, THEIRS = range(3)
    HEADERS = (N_("Field"), N_("Shown here now"), N_("After the import"))

    def __init__(self, city_names: CityNames | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._city_names = city_names
        self._change: RecordChange | None = None

    @property
    def change(self) -> RecordChange | None:
        return self._change

    def set_change(self, change: RecordChange | None) -> None:
        self._change = change
        self.set_items(self._make_rows(change) if change is not None else [])
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def row_values(self, row: int) -> tuple[str, str, str]:
        return self.item_at(row)

    def _make_rows(self, change: RecordChange) -> list[tuple[str, str, str]]:
        entity = change.entity
        rows = []
        if change.mine is None:  # new here: every field it brings
            for spec in ENTITIES[entity].fields:
                value = change.theirs.get(spec.name)
                if value not in (None, "", []):
                    rows.append((tr(spec.label), EMPTY, self._text(entity, spec.name, value)))
            return rows
        for diff in change.diffs:
            label = tr("Kept or deleted") if diff.field == DELETED_FIELD else tr(diff.label)
            rows.append(
                (
                    label,
                    self._text(entity, diff.field, diff.mine),
                    self._text(entity, diff.field, diff.theirs),
                )
            )
        return rows

    def _text(self, entity: str, name: str, value: Any) -> str:
        return value_text(field_spec(entity, name), value, self._city_names)

    def header(self, section: int) -> Any:
        conflict = self._change is not None and self._change.kind == ChangeKind.CONFLICT
        if section == self.THEIRS and conflict:
            return tr("Other office's version (kept too)")
        return super().header(section)

    def cell(self, row: tuple[str, str, str], column: int, role: int) -> Any:
        text = row[column]
        if role == DISPLAY:
            return short(text) if column else text
        if role == TOOLTIP and column:
            return text
        return None


class PlanDuplicatesModel(ItemListModel[LikelyDuplicate]):
    """Incoming records that look like one already here (they arrive as separate records)."""

    HEADERS = (N_("Type"), N_("Arriving"), N_("Already here"))

    def __init__(self, duplicates: Sequence[LikelyDuplicate], parent: Any = None) -> None:
        super().__init__(parent)
        self.set_items(duplicates)

    def cell(self, duplicate: LikelyDuplicate, column: int, role: int) -> Any:
        if role not in (DISPLAY, TOOLTIP):
            return None
        if column == 0:
            return entity_label(duplicate.entity)
        if column == 1:
            return duplicate.incoming_title
        return duplicate.existing_title
