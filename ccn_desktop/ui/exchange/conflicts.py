"""Exchange ▸ Conflicts: fields two offices changed to different values, and their review.

An import merges concurrent versions field by field and never blocks on a conflict: a
field changed differently in two offices keeps both values, shows one (the same in
every office) and the record is flagged; a deletion against an edit is flagged too.
Reviewing shows only the fields in conflict side by side, the rest of the record as
merged ("Show every field" shows all); "keep mine" / "take theirs" per field or for
all; saving writes a new local edit that settles every conflicting field, so it
replaces the other values wherever it travels (`Catalogue.resolve_conflict`). The
review can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import InvalidRecordError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.errors import user_message
from ccn_desktop.i18n import N_
from ccn_desktop.ui.exchange.choice_model import ChoiceModel
from ccn_desktop.ui.exchange.undo import CallbackHost, CommandHost, ResolveConflict
from ccn_desktop.ui.exchange.values import (
    CityNameBook,
    entity_label,
    office_namer,
    tr,
    when_text,
)
from ccn_desktop.ui.exchange.widgets import choice_view, escape, fit_rows, table_view
from ccn_desktop.ui.table_model import DISPLAY, TOOLTIP, ItemListModel

Resolved = Callable[[str, str], None]  # (entity, uuid) after a review was saved


def review_count(catalogue: Catalogue) -> int:
    """How many records wait for a conflict review (the status bar shows it)."""
    review = RecordQuery(needs_review=True)
    return sum(catalogue.count(entity, review) for entity in ENTITIES)


@dataclass(frozen=True)
class FlaggedRecord:
    entity: str
    uuid: str
    title: str
    versions: int
    latest: str  # ISO time of the latest version


def flagged_records(catalogue: Catalogue) -> list[FlaggedRecord]:
    """Every record flagged by an import for review, by type then title."""
    found = []
    review = RecordQuery(needs_review=True)
    for entity in ENTITIES:
        ids = catalogue.ids(entity, review)
        if not ids:
            continue
        uuids = [row.uuid for row in catalogue.rows(entity, ids, ()).values()]
        for snapshot in catalogue.get_many(entity, uuids):
            sides = catalogue.conflict_versions(entity, snapshot["uuid"])
            latest = max([snapshot["modified_at"], *(side["modified_at"] for side in sides)])
            title = catalogue.label(entity, snapshot["uuid"])
            found.append(FlaggedRecord(entity, snapshot["uuid"], title, len(sides) + 1, latest))
    return found


class ConflictListModel(ItemListModel[FlaggedRecord]):
    HEADERS = (N_("Type"), N_("Record"), N_("Versions"), N_("Latest change"))

    def set_records(self, items: list[FlaggedRecord]) -> None:
        self.set_items(items)

    def record_at(self, row: int) -> FlaggedRecord:
        return self.item_at(row)

    def cell(self, record: FlaggedRecord, column: int, role: int) -> Any:
        if role not in (DISPLAY, TOOLTIP):
            return None
        return (
            entity_label(record.entity),
            record.title,
            str(record.versions),
            when_text(record.latest),
        )[column]


def side_name(office_uuid: str, catalogue: Catalogue, office_name: Callable[[str], str]) -> str:
    """Whose value a column holds: "This office's value (Bangkok)", "Nairobi's value"."""
    if office_uuid == catalogue.office.uuid:
        return tr("This office's value ({office})").format(office=catalogue.office.name)
    return tr("{office}'s value").format(office=office_name(office_uuid))


def version_header(version: dict[str, Any], side: str, shown: bool) -> str:
    """A column's header, a short line each: whose value, (the office,) when."""
    text = f"{side.replace(' (', chr(10) + '(', 1)}\n{when_text(version['modified_at'])}"
    return text + ("\n" + tr("(shown now)") if shown else "")


class ConflictReviewDialog(QDialog):
    """The versions of one record side by side; Save resolves the conflict."""

    resolved = Signal(str, str)

    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        entity: str,
        uuid: str,
        *,
        host: CommandHost | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.entity = entity
        self.uuid = uuid
        self.host = host or CallbackHost(catalogue, parent)
        self.undo_stack = undo_stack
        self.setObjectName("conflict-review")
        shown = catalogue.get(entity, uuid)
        sides = sorted(catalogue.conflict_versions(entity, uuid), key=lambda v: v["modified_at"])
        self.versions = [shown, *sides]
        self.title = catalogue.label(entity, uuid)
        self.setWindowTitle(tr("Review the conflict in “{title}”").format(title=self.title))
        name_of = office_namer(catalogue)
        own = catalogue.office.uuid
        self.mine = next(
            (index for index, v in enumerate(self.versions) if v["modified_by"] == own), 0
        )
        self.sides = [side_name(v["modified_by"], catalogue, name_of) for v in self.versions]
        headers = [version_header(v, self.sides[i], i == 0) for i, v in enumerate(self.versions)]
        with_deleted = len({bool(v["deleted"]) for v in self.versions}) > 1
        names = CityNameBook(catalogue)
        self.model = ChoiceModel(
            entity, self.versions, headers, city_names=names, with_deleted=with_deleted,
            default=0, parent=self,
        )  # fmt: skip

        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "<b>{title}</b> ({kind}) was changed in more than one office at the same "
                "time. Changes to different fields are already merged; below are the "
                "fields changed differently, with each office's value — nothing was lost. "
                "For each field, choose the value to keep. Saving makes the result a new "
                "edit of this office, which replaces the other values here and in the "
                "offices it reaches."
            ).format(title=escape(self.title), kind=entity_label(entity).lower()),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.view = choice_view(self, tr("Versions side by side"), self.model)
        layout.addWidget(self.view, 1)

        row = QHBoxLayout()
        self.all_buttons: list[QPushButton] = []
        for index, version in enumerate(self.versions):
            if index == self.mine and version["modified_by"] == own:
                text = tr("Keep this office's values for &all")
            else:
                text = tr("Take {office}'s values for all").format(
                    office=name_of(version["modified_by"]).replace("&", "&&")
                )
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, i=index: self.model.choose_all(i))
            self.all_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.every_field = QCheckBox(tr("Show &every field"), self)
        self.every_field.toggled.connect(lambda on: self.model.set_only_differences(not on))
        row.addWidget(self.every_field)
        layout.addLayout(row)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: palette(highlight);")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if catalogue.read_only:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(tr("The catalogue is open read-only."))
        self.resize(1000, 640)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, lambda: fit_rows(self, self.view))

    @property
    def theirs(self) -> int:
        """The other version when there are two (the one "take theirs" picks)."""
        return 1 - self.mine if len(self.versions) == 2 else -1

    def save(self) -> bool:
        """Write the chosen values as a new local edit; False (and the reason shown) if refused."""
        values, deleted = self.model.chosen_values(), self.model.chosen_deleted()
        shown = self.versions[0]
        before = ({name: shown.get(name) for name in ENTITIES[self.entity].field_names},
                  bool(shown["deleted"]))  # fmt: skip
        try:
            self.catalogue.resolve_conflict(self.entity, self.uuid, values, deleted=deleted)
        except InvalidRecordError as exc:
            self._problem(str(exc))
            return False
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                raise
            self._problem(message)
            return False
        command = ResolveConflict(
            self.host, self.entity, self.uuid, self.title, before, (values, deleted)
        )
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        self.resolved.emit(self.entity, self.uuid)
        self.accept()
        return True

    def _problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()


class ConflictsDialog(QDialog):
    """The records waiting for a review; Review… opens one."""

    resolved = Signal(str, str)

    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        *,
        host: CommandHost | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.host = host
        self.undo_stack = undo_stack
        self.review: ConflictReviewDialog | None = None
        self.setObjectName("conflicts")
        self.setWindowTitle(tr("Conflicts"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.model = ConflictListModel(self)
        self.view = table_view(self, tr("Records to review"))
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the record's name
        header.setStretchLastSection(False)  # "Latest change" keeps its whole width
        self.view.doubleClicked.connect(lambda _index: self.open_review())
        layout.addWidget(self.view, 1)
        self.buttons = QDialogButtonBox(self)
        self.review_button = QPushButton(tr("&Review…"), self)
        self.buttons.addButton(self.review_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.review_button.clicked.connect(self.open_review)
        layout.addWidget(self.buttons)
        self.reload()
        self.resize(720, 420)

    def reload(self) -> None:
        self.model.set_records(flagged_records(self.catalogue))
        count = self.model.rowCount()
        self.intro.setText(
            tr("No record waits for a review.")
            if not count
            else tr(
                "These records were changed here and in another office at the same time. "
                "Each keeps every version until you review it; choose one and press Review."
            )
        )
        if count:
            self.view.selectRow(0)
        self.review_button.setEnabled(bool(count))

    def selected(self) -> FlaggedRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def open_review(self) -> ConflictReviewDialog | None:
        record = self.selected()
        if record is None:
            return None
        self.review = ConflictReviewDialog(
            self, self.catalogue, record.entity, record.uuid,
            host=self.host, undo_stack=self.undo_stack,
        )  # fmt: skip
        self.review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review.resolved.connect(self._after_review)
        self.review.destroyed.connect(self._review_gone)
        self.review.open()
        return self.review

    def _review_gone(self, *_args: object) -> None:
        self.review = None

    def _after_review(self, entity: str, uuid: str) -> None:
        self.reload()
        self.resolved.emit(entity, uuid)
