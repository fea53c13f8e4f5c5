"""A mouse wheel scrolls the form; it never changes a field the user is not in.

Qt lets the wheel change a combo box, spin box or date under the pointer even when
it has no focus. Scrolling down a long city form then silently picks another region
or designation year on the way, and a Save later stores it. Here such editors take
focus by click or Tab only, and a wheel over one that has no focus goes on to the
scroll area instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)  # QSpinBox, QDateEdit and the like


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)  # the form scrolls instead
        else:
            event.ignore()
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def guard_wheel(container: QWidget) -> None:
    """Guard every combo box and spin box inside `container` (call once it is built)."""
    guard = _WheelGuard(container)
    for editor in container.findChildren(QWidget):
        if isinstance(editor, GUARDED):
            editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            editor.installEventFilter(guard)
