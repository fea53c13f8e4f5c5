"""Ordered-list editors: objectives and activities (lines), report dates, linked cities.

A list view with Add / Remove / Move up / Move down beside it. The keys work in the
list itself (Insert, Delete, Ctrl+Up, Ctrl+Down; F2 or Enter edits a line) and
take precedence over the window's shortcuts while the list has focus, so Delete
removes an entry rather than the record.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.entities import FieldSpec
from ccn_desktop.ui.forms.editor_base import FieldEditor
from ccn_desktop.ui.icons import ActionIcons, action_icon

_Index = QModelIndex | QPersistentModelIndex


class ListView(QListView):
    """A list that sizes itself to its entries (within limits) and knows the editing keys."""

    addRequested = Signal()
    removeRequested = Signal()
    moveRequested = Signal(int)
    enterPressed = Signal()

    def __init__(self, parent: QWidget | None = None, *, min_rows: int = 3, max_rows: int = 10):
        super().__init__(parent)
        self._min_rows = min_rows
        self._max_rows = max_rows
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    _KEYS: ClassVar[dict[tuple[Qt.Key, Qt.KeyboardModifier], str]] = {
        (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier): "add",
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier): "remove",
        (Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier): "up",
        (Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier): "down",
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier): "enter",
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier): "enter",
    }

    def _command(self, event: QKeyEvent) -> str | None:
        if self.state() == QAbstractItemView.State.EditingState:
            return None
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_Enter:
            modifiers = Qt.KeyboardModifier.KeypadModifier
        return self._KEYS.get((Qt.Key(event.key()), modifiers))

    def event(self, event: QEvent) -> bool:
        # Claim our keys before the window's shortcuts (Delete = delete record) see them.
        if event.type() == QEvent.Type.ShortcutOverride and self._command(event) is not None:  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = self._command(event)
        if command == "add":
            self.addRequested.emit()
        elif command == "remove":
            self.removeRequested.emit()
        elif command in ("up", "down"):
            self.moveRequested.emit(-1 if command == "up" else 1)
        elif command == "enter":
            self.enterPressed.emit()
        else:
            super().keyPressEvent(event)

    def _rows_height(self, width: int) -> int:
        """Height of the first `max_rows` entries, wrapped at `width` (the view's width)."""
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        # The style wraps text only within a valid rectangle: give it a height too.
        option.rect = QRect(0, 0, max(width - 2 * self.frameWidth() - scrollbar, 40), 10_000)
        delegate = self.itemDelegate()
        height = sum(
            delegate.sizeHint(option, model.index(row, 0)).height() + 2 * self.spacing()
            for row in range(min(rows, self._max_rows))
        )
        line = self.fontMetrics().height() + 6
        height = max(height, line * self._min_rows)
        if rows > self._max_rows:
            height += line // 2  # show that there is more below
        return height + 2 * self.frameWidth()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._rows_height(width)

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 100 else 300
        return QSize(super().sizeHint().width(), self._rows_height(width))

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height() + 6
        return QSize(super().minimumSizeHint().width(), line * self._min_rows)

    def resizeEvent(self, event: Any) -> None:
        old_width = event.oldSize().width()
        super().resizeEvent(event)
        if old_width != event.size().width():
            self.updateGeometry()  # wrapped lines: the height depends on the width


M = TypeVar("M", bound=QAbstractItemModel)


class OrderedListEditor(FieldEditor, Generic[M]):
    """The shared frame of the list editors: a view over `model` and its buttons."""

    def __init__(
        self,
        spec: FieldSpec,
        model: M,
        parent: QWidget | None = None,
        *,
        reorder: bool = True,
        add_text: str = "",
    ) -> None:
        super().__init__(spec, parent)
        self.model: M = model
        self._setting = False
        self.view = ListView(self)
        self.view.setModel(model)
        self.view.addRequested.connect(self.add)
        self.view.removeRequested.connect(self.remove_current)
        self.view.moveRequested.connect(self.move_current)
        self.input_row.addWidget(self.view, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        self.icons = ActionIcons(self)  # the window's icon set, in the palette's colours
        self.add_button = self._button(
            add_text or self.tr("Add"), self.tr("Add an entry (Insert)"), "add", self.add
        )
        self.remove_button = self._button(
            self.tr("Remove"), self.tr("Remove the selected entry (Delete)"), "remove",
            self.remove_current,
        )  # fmt: skip
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        self.up_button: QPushButton | None = None
        self.down_button: QPushButton | None = None
        if reorder:
            self.up_button = self._button(
                self.tr("Move up"), self.tr("Move the selected entry up (Ctrl+Up)"), "up",
                lambda: self.move_current(-1),
            )  # fmt: skip
            self.down_button = self._button(
                self.tr("Move down"), self.tr("Move the selected entry down (Ctrl+Down)"),
                "down", lambda: self.move_current(1),
            )  # fmt: skip
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        # Every list's buttons as wide as the widest label, so lists line up across the form.
        reference = QPushButton(action_icon("down", QColor("black")), self.tr("Move down"))
        self._button_width = reference.sizeHint().width()
        for optional in (self.add_button, self.remove_button, self.up_button, self.down_button):
            if optional is not None:
                optional.setMinimumWidth(self._button_width)
        self.buttons_layout = buttons
        self.input_row.addLayout(buttons)
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged,
                       model.modelReset):  # fmt: skip
            signal.connect(self._model_changed)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self._update_buttons()

    def _button(self, text: str, tip: str, icon: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        self.icons.set(button, icon)
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        return button

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "icons"):
            self.icons.refresh()  # light or dark: the buttons' icons in the new colours

    def set_accessible_name(self, name: str, hint: str = "") -> None:
        keys = self.tr("Insert adds an entry, Delete removes it, Ctrl+Up and Ctrl+Down move it.")
        super().set_accessible_name(name, f"{hint} {keys}".strip())

    def _model_changed(self, *_args: Any) -> None:
        self.view.updateGeometry()
        self._update_buttons()
        if not self._setting:
            self.changed.emit()

    def _update_buttons(self, *_args: Any) -> None:
        row = self.current_row()
        rows = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        if self.up_button is not None and self.down_button is not None:
            self.up_button.setEnabled(row > 0)
            self.down_button.setEnabled(0 <= row < rows - 1)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    # -- editing ---------------------------------------------------------------------------

    @abstractmethod
    def add(self) -> None: ...

    def remove_current(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.removeRows(row, 1)
        self.select_row(min(row, self.model.rowCount() - 1))
        self.view.setFocus()

    def move_current(self, delta: int) -> None:
        row = self.current_row()
        target = row + delta
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        # moveRows takes the row *before which* the moved row lands.
        destination = target + 1 if delta > 0 else target
        if self.model.moveRows(QModelIndex(), row, 1, QModelIndex(), destination):
            self.select_row(target)
        self.view.setFocus()

    def input_widget(self) -> QWidget:
        return self.view


class TextListEditor(OrderedListEditor[QStringListModel]):
    """TEXT_LIST: lines edited in place; an entry left empty disappears."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, QStringListModel(), parent)
        self.model.setParent(self)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.enterPressed.connect(self._edit_current)
        self.view.itemDelegate().closeEditor.connect(self._editor_closed)

    def _edit_current(self) -> None:
        if self.view.currentIndex().isValid():
            self.view.edit(self.view.currentIndex())

    def add(self) -> None:
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    def _editor_closed(self, *_args: Any) -> None:
        for row in reversed(range(self.model.rowCount())):
            if not str(self.model.index(row, 0).data() or "").strip():
                self.model.removeRows(row, 1)

    def value(self) -> list[str]:
        return list(self.model.stringList())

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            self.model.setStringList([str(item) for item in value or []])
        finally:
            self._setting = False
        self.view.updateGeometry()
        self._update_buttons()


class _DateDelegate(QStyledItemDelegate):
    """Edits an ISO date in place with a date edit and its calendar."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setMinimumDate(QDate(2004, 1, 1))
        editor.setMaximumDate(QDate(2100, 12, 31))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        date = QDate.fromString(str(index.data() or ""), Qt.DateFormat.ISODate)
        editor.setDate(date if date.isValid() else QDate.currentDate())  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        date = editor.date()  # type: ignore[attr-defined]
        model.setData(index, date.toString(Qt.DateFormat.ISODate))


class DateListEditor(OrderedListEditor[QStringListModel]):
    """DATE_LIST: dates kept in order (oldest first), so there is nothing to reorder."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, QStringListModel(), parent, reorder=False)
        self.model.setParent(self)
        self._delegate = _DateDelegate(self.view)
        self.view.setItemDelegate(self._delegate)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.enterPressed.connect(self._edit_current)
        self._delegate.closeEditor.connect(self._sort)

    def _edit_current(self) -> None:
        if self.view.currentIndex().isValid():
            self.view.edit(self.view.currentIndex())

    def add(self, date: dt.date | None = None) -> None:
        """Add a date (today unless given) and open it for editing."""
        text = (date or dt.date.today()).isoformat()
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, 0)
        self.model.setData(index, text)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        if date is None:
            self.view.edit(index)
        else:
            self._sort()

    def _sort(self, *_args: Any) -> None:
        current = self.view.currentIndex().data()
        dates = sorted(set(self.model.stringList()))
        if dates != self.model.stringList():
            self.model.setStringList(dates)
            if current in dates:
                self.select_row(dates.index(current))

    def value(self) -> list[str]:
        return list(self.model.stringList())

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            self.model.setStringList([str(item) for item in value or []])
        finally:
            self._setting = False
        self.view.updateGeometry()
        self._update_buttons()
