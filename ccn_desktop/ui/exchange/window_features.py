"""What the exchange asks of the window it is installed in, as a typed protocol.

The main window (ui/main_window.py) offers all of it: its settings, undo stack, File
menu and status bar labels, running undo steps (`apply_write`), reopening a
restored catalogue (`attach`) and its current tab (to settle unsaved changes). A
plain QMainWindow offers none of it, and the exchange then brings its own
(`install_exchange_actions` works on either).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

if TYPE_CHECKING:
    from ccn_desktop.catalogue.changes import ChangeReport
    from ccn_desktop.catalogue.facade import Catalogue


class LeavableTab(Protocol):
    def maybe_leave(self) -> bool:
        """True when the form may be left: saved, discarded, or nothing to lose."""
        ...


@runtime_checkable
class ExchangeWindow(Protocol):
    settings: QSettings
    undo_stack: QUndoStack
    file_menu: QMenu
    review_label: QLabel
    office_label: QLabel

    @property
    def catalogue(self) -> Catalogue | None: ...

    def add_file_action(self, action: QAction, *, toolbar: bool = True) -> None: ...

    def apply_write(
        self, entity: str, uuid: str, write: Callable[[], ChangeReport | None]
    ) -> ChangeReport | None: ...

    def attach(self, catalogue: Catalogue) -> None: ...

    def current_tab(self) -> LeavableTab: ...


def features_of(window: QMainWindow) -> ExchangeWindow | None:
    """The window's features when it has them all (the main window), else None."""
    return window if isinstance(window, ExchangeWindow) else None
