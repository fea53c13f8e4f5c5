"""The toolbar drops its buttons' words before it hides the search box.

With words beside the icons, the toolbar needs about 1,100 pixels in French or
Spanish; on a 1024-pixel laptop Qt then moves what does not fit, the search box
first, into the » overflow menu, and the window's main way in is gone. Here the
buttons show icons only (their words stay as tooltips and in the menus) for as long
as the words would push the search box out, and take their words back once the
window is wide enough again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QToolBar, QWidget

WORDS = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICONS = Qt.ToolButtonStyle.ToolButtonIconOnly


class ToolbarFit(QObject):
    """Watches `toolbar`; `kept`, the widget that must stay on it (the search box), is
    what Qt moves into the overflow menu first, as the last item."""

    def __init__(self, toolbar: QToolBar, kept: QWidget) -> None:
        super().__init__(toolbar)
        self.toolbar = toolbar
        self.kept = kept
        self.words_need = 0  # how wide the toolbar must be for every button's words
        self._pending = False
        toolbar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.check_later()
        return False

    def check_later(self) -> None:
        """After Qt has laid the toolbar out (it hides what overflows then)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.check)

    def check(self) -> None:
        self._pending = False
        if not self.toolbar.isVisible():
            return
        width = self.toolbar.width()
        style = self.toolbar.toolButtonStyle()
        if style == WORDS and self.toolbar.sizeHint().width() > width:  # the search box goes
            self.words_need = self.toolbar.sizeHint().width()
            self.toolbar.setToolButtonStyle(ICONS)
        elif style == ICONS and width >= self.words_need:
            self.toolbar.setToolButtonStyle(WORDS)  # checked again once laid out
