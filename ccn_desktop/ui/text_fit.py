"""Keep a window tall enough for its wrapped text, at whatever width it has.

Qt sizes a top-level window from its layout's minimum size, which counts a
word-wrapped label as one line. On X11 (no window manager, or a small screen) a
dialog then opens at that height and its longer sentences are cut off at the
edge: the French and Spanish texts first. `keep_text_whole` makes the window's
minimum height follow its layout's height for the current width, every time the
window is shown or resized.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _TextFit(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() in (
            QEvent.Type.Show, QEvent.Type.Resize, QEvent.Type.LayoutRequest,
        ):  # fmt: skip
            fit_height(watched)
        return False


def fit_height(window: QWidget) -> None:
    """Raise (or lower) the window's minimum height to what its text needs at its width."""
    layout = window.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(window.width())
    if needed > 0 and needed != window.minimumHeight():
        window.setMinimumHeight(needed)


def keep_text_whole(window: QWidget) -> None:
    """Install the fit on `window` (a dialog whose layout holds word-wrapped labels)."""
    fit = _TextFit(window)
    window.installEventFilter(fit)
