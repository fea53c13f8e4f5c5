"""Exchange ▸ Likely duplicates: records that look like one, and merging them.

Two offices can each type in the same new city; both records travel and meet.
The catalogue finds them (same folded name, country and field for cities; same
year for conferences; same folded title for projects). Merging lets the user pick
each field's value; the records merged away are deleted and become aliases of the
one kept (`Catalogue.merge_records`), so links to them point to it — here and, as
the alias travels, in every office.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.errors import user_message
from ccn_desktop.i18n import N_
from ccn_desktop.ui.exchange.choice_model import ChoiceModel
from ccn_desktop.ui.exchange.values import (
    CityNameBook,
    entity_label,
    office_namer,
    tr,
    when_text,
)
from ccn_desktop.ui.exchange.widgets import choice_view, fit_rows, table_view
from ccn_desktop.ui.table_model import DISPLAY, TOOLTIP, ItemListModel


@dataclass(frozen=True)
class DuplicateGroup:
    entity: str
    uuids: tuple[str, ...]
    titles: tuple[str, ...]


def duplicate_groups(catalogue: Catalogue) -> list[DuplicateGroup]:
    groups = []
    for entity in ENTITIES:
        for uuids in catalogue.likely_duplicates(entity):
            titles = tuple(catalogue.label(entity, uuid) for uuid in uuids)
            groups.append(DuplicateGroup(entity, tuple(uuids), titles))
    return groups


class DuplicateGroupsModel(ItemListModel[DuplicateGroup]):
    HEADERS = (N_("Type"), N_("Records that look like one"), N_("How many"))

    def set_groups(self, items: list[DuplicateGroup]) -> None:
        self.set_items(items)

    def group_at(self, row: int) -> DuplicateGroup:
        return self.item_at(row)

    def cell(self, group: DuplicateGroup, column: int, role: int) -> Any:
        if role not in (DISPLAY, TOOLTIP):
            return None
        return (
            entity_label(group.entity),
            " / ".join(group.titles),
            str(len(group.uuids)),
        )[column]


class MergeDialog(QDialog):
    """Records side by side: which one to keep, and each field's value."""

    merged = Signal(str, str)  # entity, the UUID kept

    def __init__(
        self, parent: QWidget | None, catalogue: Catalogue, entity: str, uuids: tuple[str, ...]
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.entity = entity
        self.setObjectName("merge-records")
        self.records = sorted(
            catalogue.get_many(entity, list(uuids)), key=lambda r: (r["created_at"], r["uuid"])
        )
        self.confirm_box: QMessageBox | None = None
        self.titles = [catalogue.label(entity, record["uuid"]) for record in self.records]
        self.setWindowTitle(tr("Merge {records}").format(records=" / ".join(self.titles)))
        name_of = office_namer(catalogue)
        headers = [
            tr("Record {number}\nadded {created}\nlast changed by {office}").format(
                number=number,
                created=when_text(record["created_at"]),
                office=name_of(record["modified_by"]),
            )
            for number, record in enumerate(self.records, start=1)
        ]
        self.model = ChoiceModel(
            entity, self.records, headers, city_names=CityNameBook(catalogue), parent=self
        )
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "These {kinds} look like one. Choose the record to keep and, for each field, "
                "click the value to keep. The other record is deleted and becomes an alias "
                "of the one kept: links to it point to the kept record, here and in every "
                "office the merge reaches. A merge cannot be undone."
            ).format(kinds=entity_label(entity, 2).lower()),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        keep_row = QHBoxLayout()
        keep_label = QLabel(tr("Record to &keep:"), self)
        self.keep_combo = QComboBox(self)
        for number, title in enumerate(self.titles, start=1):
            self.keep_combo.addItem(tr("Record {number}: {title}").format(
                number=number, title=title))  # fmt: skip
        keep_label.setBuddy(self.keep_combo)
        keep_row.addWidget(keep_label)
        keep_row.addWidget(self.keep_combo, 1)
        layout.addLayout(keep_row)
        self.view = choice_view(self, tr("Records side by side"), self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().resizeSection(0, 170)
        layout.addWidget(self.view, 1)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = QPushButton(tr("&Merge…"), self)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.clicked.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.keep_combo.currentIndexChanged.connect(self._keep_changed)
        self._keep_changed(0)
        if catalogue.read_only:
            self.merge_button.setEnabled(False)
        self.resize(980, 620)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, lambda: fit_rows(self, self.view))

    @property
    def keep(self) -> int:
        return self.keep_combo.currentIndex()

    def _keep_changed(self, keep: int) -> None:
        """Start from the kept record's values, filling its empty fields from the other."""

        def rule(name: str) -> int:
            if self.records[keep].get(name) not in (None, "", []):
                return keep
            for index, record in enumerate(self.records):
                if record.get(name) not in (None, "", []):
                    return index
            return keep

        self.model.choose_where(rule)

    def confirm(self) -> None:
        kept = self.titles[self.keep]
        others = [title for index, title in enumerate(self.titles) if index != self.keep]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Merge records"),
            tr("Merge {others} into {kept}?").format(others=" / ".join(others), kept=kept),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            tr("The merge travels to every office with the next bundles; it cannot be undone.")
        )
        self.confirm_merge = box.addButton(tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.merge() if button is self.confirm_merge else None
        )
        self.confirm_box = box
        box.open()

    def merge(self) -> bool:
        """Merge every other record into the one kept, with the chosen values."""
        keep_uuid = self.records[self.keep]["uuid"]
        others = [r["uuid"] for index, r in enumerate(self.records) if index != self.keep]
        values = self.model.chosen_values()
        try:
            # The chosen values last: until the others are gone they would look like a
            # duplicate of them.
            for uuid in others[:-1]:
                self.catalogue.merge_records(self.entity, keep_uuid, uuid)
            self.catalogue.merge_records(self.entity, keep_uuid, others[-1], values)
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                raise
            self.problem_label.setText(message)
            self.problem_label.show()
            return False
        self.merged.emit(self.entity, keep_uuid)
        self.accept()
        return True


class DuplicatesDialog(QDialog):
    """The groups of likely duplicates; Merge… opens one."""

    merged = Signal(str, str)

    def __init__(self, parent: QWidget | None, catalogue: Catalogue) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.merge_dialog: MergeDialog | None = None
        self.setObjectName("likely-duplicates")
        self.setWindowTitle(tr("Likely duplicates"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.model = DuplicateGroupsModel(self)
        self.view = table_view(self, tr("Likely duplicates"))
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.doubleClicked.connect(lambda _index: self.open_merge())
        layout.addWidget(self.view, 1)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = QPushButton(tr("&Merge…"), self)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(self.open_merge)
        layout.addWidget(self.buttons)
        self.reload()
        self.resize(720, 420)

    def reload(self) -> None:
        self.model.set_groups(duplicate_groups(self.catalogue))
        count = self.model.rowCount()
        self.intro.setText(
            tr("No records look like duplicates.")
            if not count
            else tr(
                "Each line holds records that look like one record (typed in by two "
                "offices, for example). Merge them, or leave them if they really differ."
            )
        )
        if count:
            self.view.selectRow(0)
        self.merge_button.setEnabled(bool(count) and not self.catalogue.read_only)

    def selected(self) -> DuplicateGroup | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.group_at(rows[0].row()) if rows else None

    def open_merge(self) -> MergeDialog | None:
        group = self.selected()
        if group is None:
            return None
        self.merge_dialog = MergeDialog(self, self.catalogue, group.entity, group.uuids)
        self.merge_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.merge_dialog.merged.connect(self._after_merge)
        self.merge_dialog.destroyed.connect(self._merge_gone)
        self.merge_dialog.open()
        return self.merge_dialog

    def _merge_gone(self, *_args: object) -> None:
        self.merge_dialog = None

    def _after_merge(self, entity: str, uuid: str) -> None:
        self.reload()
        self.merged.emit(entity, uuid)
