"""The window's shortcuts win over a text field's own key bindings.

On Linux a line edit takes Ctrl+E (end of line), Ctrl+D (delete a character) and
Ctrl+K for itself, so Export or Duplicate did nothing while the cursor was in a
field. Qt asks the focused widget first (a ShortcutOverride event); this filter
answers "not yours" for the window's own shortcuts, so the action runs wherever
the focus is. The editing keys a field needs (copy, paste, undo typing, Delete,
select all) are never claimed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

# What text fields keep: editing their own text comes first there.
_FIELD_STANDARD_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
)


def _field_keys() -> frozenset[str]:
    """The platform's bindings of those keys (known only once the application exists)."""
    return frozenset(
        binding.toString()
        for key in _FIELD_STANDARD_KEYS
        for binding in QKeySequence.keyBindings(key)
    )


class WindowShortcuts(QObject):
    """Installed on the application for one window; claims its actions' shortcuts."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._field_keys = _field_keys()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        window.destroyed.connect(lambda: app.removeEventFilter(self))

    def _claimed(self, pressed: str) -> bool:
        for action in self._window.findChildren(QAction):
            if not action.isEnabled():
                continue
            for shortcut in action.shortcuts():
                text = shortcut.toString()
                if text == pressed and text not in self._field_keys:
                    return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        combination = event.keyCombination()
        pressed = QKeySequence(combination).toString()
        if not event.modifiers() or not self._claimed(pressed):
            return False
        event.ignore()  # the field does not take it: Qt looks for a shortcut instead
        return True
