"""The right side of a tab: the record's title, its form, Save/Revert/Restore, its history.

Built the first time a record is shown (after the first paint), because the form
loads the editors, pycountry and the relations; the tab decides what is shown and
enabled, this module only lays it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue


class DetailPane(QWidget):
    """Title and state notes, the RecordForm, the buttons, and the HistoryPanel below."""

    def __init__(self, catalogue: Catalogue, entity: str, parent: QWidget | None = None) -> None:
        from ccn_desktop.ui.forms import RecordForm
        from ccn_desktop.ui.history_panel import HistoryPanel

        super().__init__(parent)
        # Made in reading order, which is the Tab order: form, buttons, history.
        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label.setWordWrap(True)
        self.form = RecordForm(catalogue, entity, self)  # it scrolls itself
        self.state_label = QLabel(self)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.hide()
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setToolTip(self.tr("Bring this deleted record back"))
        self.revert_button = QPushButton(self.tr("Re&vert"), self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        for button in (self.restore_button, self.revert_button, self.save_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addStretch(0)  # the buttons stay on the right when there is no note
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        editor = QWidget(self)
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.title_label)
        editor_layout.addWidget(self.form, 1)
        editor_layout.addLayout(buttons)

        self.history = HistoryPanel(catalogue, self)
        self.history.setAccessibleName(self.tr("History"))
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName(f"{entity}-detail-splitter")
        self.splitter.addWidget(editor)
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def restore_splitter(self, state: QByteArray | None) -> None:
        """A saved divider position, or the form three fifths of the height (the history
        then lists several versions and the values of the selected one)."""
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([6000, 4000])

    def show_state(self, title: str, notes: list[str]) -> None:
        self.title_label.setText(title)
        self.title_label.setAccessibleName(title)
        self.state_label.setText(" ".join(notes))
        self.state_label.setVisible(bool(notes))

    def show_saving(self, on: bool) -> None:
        """While a write goes to the disk (off the GUI thread), the Save button says so."""
        self.save_button.setText(self.tr("Saving…") if on else self.tr("&Save"))
        self.save_button.repaint()

    def set_buttons(self, *, can_save: bool, can_revert: bool, can_restore: bool) -> None:
        self.save_button.setEnabled(can_save)
        self.revert_button.setEnabled(can_revert)
        self.restore_button.setVisible(can_restore)
