"""The filter box of a tab, shown in the window's toolbar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    """A line edit whose Tab goes on to the tab's own filters.

    It sits in the toolbar, far from its tab in Qt's focus chain; without this, Tab
    would go to the next toolbar button instead of where the eye goes next.
    """

    def __init__(self, next_widget: Callable[[], QWidget]) -> None:
        super().__init__()
        self._next_widget = next_widget

    def focusNextPrevChild(self, forward: bool) -> bool:
        if forward:
            widget = self._next_widget()
            if widget.isVisible() and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().focusNextPrevChild(forward)
