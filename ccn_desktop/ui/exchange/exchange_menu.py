"""Where the exchange's actions go in a window: File ▸ Import bundle… and Export
bundle… (through the main window's `add_file_action`, else a plain window's File
menu), and an Exchange menu before Help holding them and the exchange's dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from ccn_desktop.ui.exchange.values import tr
from ccn_desktop.ui.exchange.window_features import features_of


def menu_action(parent: QMainWindow, text: str, tip: str, slot: Callable[[], Any]) -> QAction:
    """An action of a feature's menu: its tip on the status bar and as a tooltip; `slot`
    is called without the `checked` argument."""
    action = QAction(text, parent)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def file_menu(window: QMainWindow, title: str) -> QMenu:
    """The window's File menu: the main window's, or the plain window's menu called
    `title` (made when it has none)."""
    features = features_of(window)
    if features is not None:
        return features.file_menu
    for action in window.menuBar().actions():
        found = action.menu()
        if isinstance(found, QMenu) and found.title().replace("&", "") == title.replace("&", ""):
            return found
    return window.menuBar().addMenu(title)


def add_to_file_menu(window: QMainWindow, actions: Sequence[QAction]) -> None:
    """Import and Export in the File menu (and, in the main window, its toolbar)."""
    features = features_of(window)
    for action in actions:
        if features is not None:
            features.add_file_action(action, toolbar=True)
        else:
            file_menu(window, tr("&File")).addAction(action)


def exchange_menu(
    window: QMainWindow, groups: Sequence[Sequence[QAction]], undo_stack: QUndoStack | None
) -> tuple[QMenu, QAction | None, QAction | None]:
    """The Exchange menu, its `groups` of actions between separators, before the Help
    menu; with `undo_stack` (a window without undo of its own) also Undo and Redo, which
    are returned with the menu."""
    menu = QMenu(tr("E&xchange"), window)
    for number, group in enumerate(groups):
        if number:
            menu.addSeparator()
        for action in group:
            menu.addAction(action)
    undo = redo = None
    if undo_stack is not None:
        menu.addSeparator()
        undo = undo_stack.createUndoAction(menu, tr("&Undo"))
        redo = undo_stack.createRedoAction(menu, tr("&Redo"))
        menu.addAction(undo)
        menu.addAction(redo)
    bar = window.menuBar()
    help_menu = next((a for a in bar.actions() if a.text().replace("&", "") == tr("Help")), None)
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    return menu, undo, redo
