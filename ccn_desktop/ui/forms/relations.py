"""A city's read-only relations: the conferences it hosted and the projects it takes part in.

Each is shown as a link; one click, or Enter on it, asks to go there.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QGroupBox, QLabel, QListView, QWidget

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.forms.record_list_model import (
    ENTITY_ROLE,
    UUID_ROLE,
    RecordItem,
    RecordListModel,
)


class LinkListView(QListView):
    """A list of links: a click or Enter follows the row, nothing is edited."""

    followed = Signal(str, str)  # entity, uuid

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setTabKeyNavigation(False)
        self.clicked.connect(self._follow)

    def _follow(self, index: QModelIndex) -> None:
        if index.isValid():
            self.followed.emit(index.data(ENTITY_ROLE), index.data(UUID_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._follow(self.currentIndex())
            return
        super().keyPressEvent(event)

    def fit_to_rows(self) -> None:
        rows = self.model().rowCount() if self.model() is not None else 0
        shown = min(rows, 8)
        height = sum(self.sizeHintForRow(row) for row in range(shown))
        self.setFixedHeight(height + 2 * self.frameWidth() + (6 if rows > shown else 2))


class RelationsBox(QGroupBox):
    """Shown under a city's form; filled from `Catalogue.linked`."""

    linkActivated = Signal(str, str)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Relations"))
        self.catalogue = catalogue
        layout = QFormLayout(self)
        self.lists: dict[str, LinkListView] = {}
        self.models: dict[str, RecordListModel] = {}
        self.empty_labels: dict[str, QLabel] = {}
        self.row_labels: list[QLabel] = []
        titles = {"conference": self.tr("Conferences hosted"), "project": self.tr("Projects")}
        for entity, title in titles.items():
            model = RecordListModel(self, as_links=True)
            view = LinkListView(self)
            view.setModel(model)
            view.setAccessibleName(title)
            view.setAccessibleDescription(self.tr("Press Enter or click to open"))
            view.followed.connect(self.linkActivated)
            empty = QLabel(self.tr("None"), self)
            empty.setEnabled(False)
            holder = QWidget(self)
            column = QFormLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addRow(view)
            column.addRow(empty)
            label = QLabel(title + ":", self)
            label.setBuddy(view)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            layout.addRow(label, holder)
            self.row_labels.append(label)
            self.lists[entity] = view
            self.models[entity] = model
            self.empty_labels[entity] = empty

    def load(self, city_uuid: str | None) -> None:
        for entity, model in self.models.items():
            items: list[RecordItem] = []
            if city_uuid:
                items = [
                    RecordItem(entity, uuid, self.catalogue.label(entity, uuid))
                    for uuid in self.catalogue.linked(entity, city_uuid)
                ]
            model.set_items(items)
            view = self.lists[entity]
            view.setVisible(bool(items))
            view.fit_to_rows()
            self.empty_labels[entity].setVisible(not items)

    def labels(self, entity: str) -> list[str]:
        """The rows shown for `entity`, as read."""
        model = self.models[entity]
        return [model.index(row, 0).data() for row in range(model.rowCount())]
