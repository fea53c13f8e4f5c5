"""The attributes the main window and its parts share, declared once with their types.

MainWindow (main_window.py) sets them while it is built; its parts (actions, menus,
status bar, change routing, settings, start-up) read and set them. Declaring them
here gives every part the same types, as tabs/tab_state.py does for a tab's parts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QLabel, QMenu, QStackedWidget, QTabWidget, QToolBar

    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.paths import DataPaths
    from ccn_desktop.ui.colour_scheme import ColourScheme
    from ccn_desktop.ui.exchange.actions import ExchangeActions
    from ccn_desktop.ui.factsheet_actions import FactsheetActions
    from ccn_desktop.ui.icons import ActionIcons
    from ccn_desktop.ui.network.window import NetworkWindow
    from ccn_desktop.ui.record_navigation import RecordNavigation
    from ccn_desktop.ui.spreadsheet.actions import SpreadsheetActions
    from ccn_desktop.ui.tabs import RecordTab
    from ccn_desktop.ui.toolbar_fit import ToolbarFit
    from ccn_desktop.ui.window_shortcuts import WindowShortcuts


class WindowState:
    catalogue: Catalogue | None  # None while the window paints a peek (catalogue/peek.py)
    paths: DataPaths
    settings: QSettings
    colour_scheme: ColourScheme
    undo_stack: QUndoStack
    exit_code: int  # what run_gui returns once the window has closed
    exchange_actions: ExchangeActions | None  # installed after the first paint
    factsheet_actions: FactsheetActions
    spreadsheet_actions: SpreadsheetActions
    network_window: NetworkWindow  # set once the overview was first opened
    _opener: Callable[[], Catalogue | None] | None
    _started: bool
    _closed: bool
    _created: float  # perf_counter() when the window was created
    _current_index: int  # the tab shown, to go back to when leaving it is refused
    _switching: bool  # set while the window itself changes the tab
    _review_count: int

    # the tabs
    tabs: QTabWidget
    _tabs: dict[str, RecordTab]
    search_stack: QStackedWidget

    # actions (window_actions.py)
    action_icons: ActionIcons
    new_action: QAction
    duplicate_action: QAction
    save_action: QAction
    revert_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    delete_action: QAction
    restore_action: QAction
    find_action: QAction
    clear_filters_action: QAction
    deleted_action: QAction
    history_action: QAction
    tab_actions: list[QAction]
    network_action: QAction
    about_action: QAction
    about_qt_action: QAction
    navigation: RecordNavigation
    window_shortcuts: WindowShortcuts

    # menus and toolbar (window_menus.py)
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    columns_menu: QMenu
    language_menu: QMenu
    help_menu: QMenu
    toolbar: QToolBar
    toolbar_fit: ToolbarFit
    _file_extension_end: QAction
    _toolbar_extension_start: QAction
    _toolbar_extension_end: QAction

    # status bar (window_status.py)
    count_label: QLabel
    review_label: QLabel
    office_label: QLabel
