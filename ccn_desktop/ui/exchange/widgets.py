"""Small widgets the exchange dialogs share: tables over item models, a fingerprint label."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontDatabase, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ccn_desktop.ui.exchange.choice_model import ChoiceModel


def table_view(parent: QWidget, name: str) -> QTableView:
    """A read-only, row-selecting table as every exchange dialog uses it."""
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def fit_rows(dialog: QWidget, view: QTableView, minimum_height: int = 360) -> None:
    """Shrink a shown dialog whose table has fewer rows than room: no acre of empty grid."""
    spare = view.viewport().height() - view.verticalHeader().length() - 8
    if spare > 0:
        dialog.resize(dialog.width(), max(minimum_height, dialog.height() - spare))


class RadioChoiceDelegate(QStyledItemDelegate):
    """Draws a version's cell with a radio button, not a check box: one value per field is
    kept, an either/or choice (the model still speaks Qt's check state)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        if state is None:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        indicator = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, item, widget
        )
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, widget)
        item.rect.setLeft(text_rect.left() - 2)  # the text where Qt puts it beside a check box
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        radio = QStyleOptionButton()
        radio.rect = indicator
        radio.palette = option.palette
        checked = state in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        radio.state = QStyle.StateFlag.State_Enabled | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
        )
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorRadioButton, radio, painter, widget)


def choice_view(parent: QWidget, name: str, model: ChoiceModel) -> QTableView:
    """Versions side by side: clicking a version's cell chooses its value for that field."""
    view = table_view(parent, name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    for column in range(1, model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setItemDelegate(RadioChoiceDelegate(view))

    def clicked(index: QModelIndex) -> None:
        if 1 <= index.column() <= model.version_count:
            model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)

    view.clicked.connect(clicked)
    return view


def fingerprint_label(text: str, parent: QWidget) -> QLabel:
    """A key fingerprint in a fixed-width font, selectable to copy."""
    label = QLabel(text, parent)
    label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def escape(text: str) -> str:
    """Text from a catalogue or a bundle, safe inside a rich-text label."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
