"""Small widgets the exchange dialogs share: tables over item models, a fingerprint label."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

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
