"""What a feature (fact sheets, backups) asks of the window it is installed in.

The main window offers it: its open catalogue, which a restore replaces, and
`add_file_action`, which puts an action into its File menu (and toolbar). A bare
QMainWindow (a test's, a tool's) offers neither; features then get the catalogue
passed in and add their actions to a File menu of its menu bar.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue


@runtime_checkable
class FeatureHost(Protocol):
    @property
    def catalogue(self) -> Catalogue | None: ...

    def add_file_action(self, action: QAction, *, toolbar: bool = True) -> None: ...


def host_of(window: QMainWindow) -> FeatureHost | None:
    """The window as a feature host when it is one (the main window), else None."""
    return window if isinstance(window, FeatureHost) else None


def add_file_actions(window: QMainWindow, actions: Iterable[QAction], *, toolbar: bool) -> None:
    """Into the host's File menu (and toolbar when `toolbar`), else a bare File menu."""
    host = host_of(window)
    for action in actions:
        if host is not None:
            host.add_file_action(action, toolbar=toolbar)
        else:
            file_menu(window).addAction(action)


def file_menu(window: QMainWindow) -> QMenu:
    """The menu bar's File menu, made when there is none."""
    title = window.tr("&File")
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and menu.title().replace("&", "") == title.replace("&", ""):
            return menu
    return window.menuBar().addMenu(title)
