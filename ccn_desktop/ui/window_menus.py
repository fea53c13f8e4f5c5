"""The main window's menu bar and toolbar, and where features add theirs: Import,
Export, Print… go through `add_file_action` into the File menu and the toolbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSizePolicy, QToolBar, QWidget

from ccn_desktop.ui.toolbar_fit import ToolbarFit
from ccn_desktop.ui.window_state import WindowState

if TYPE_CHECKING:
    from ccn_desktop.ui.main_window import MainWindow


class WindowMenus(WindowState):
    """Mixed into MainWindow (see window_state.py for the attributes these methods use)."""

    def _make_menus(self: MainWindow) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.setSeparatorsCollapsible(True)
        for action in (self.new_action, self.duplicate_action, self.save_action,
                       self.revert_action):  # fmt: skip
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        # Import, Export, Print… are inserted before this separator (add_file_action).
        self._file_extension_end = self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.delete_action)
        self.edit_menu.addAction(self.restore_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        for action in self.tab_actions:
            self.view_menu.addAction(action)
        self.view_menu.addAction(self.network_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.navigation.back_action)
        self.view_menu.addAction(self.navigation.forward_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.deleted_action)
        self.view_menu.addAction(self.clear_filters_action)
        self.columns_menu = self.view_menu.addMenu(self.tr("&Columns"))
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        self.view_menu.addAction(self.history_action)
        self.view_menu.addSeparator()
        from ccn_desktop.ui.language_menu import language_menu

        self.language_menu = language_menu(self, self.paths)
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addMenu(self.colour_scheme.menu(self.view_menu))

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def _make_toolbar(self: MainWindow) -> None:
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        for action in (self.new_action, self.save_action, self.delete_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        # Import, Export, Print… go after this separator, which shows once there are some.
        self._toolbar_extension_start = self.toolbar.addSeparator()
        self._toolbar_extension_start.setVisible(False)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._toolbar_extension_end = self.toolbar.addWidget(spacer)
        self.search_stack.setFixedWidth(280)
        self.toolbar.addWidget(self.search_stack)
        self.toolbar_fit = ToolbarFit(self.toolbar, self.search_stack)

    def add_file_action(self: MainWindow, action: QAction, *, toolbar: bool = True) -> None:
        """Add a feature's action (Import, Export, Print…) to the File menu and the toolbar."""
        if action.parent() is None:
            action.setParent(self)
        self.file_menu.insertAction(self._file_extension_end, action)
        if toolbar:
            self._toolbar_extension_start.setVisible(True)
            self.toolbar.insertAction(self._toolbar_extension_end, action)
            self.toolbar_fit.words_need = 0  # more buttons: measure again with words
            self.toolbar_fit.check_later()

    def _fill_columns_menu(self: MainWindow) -> None:
        self.columns_menu.clear()
        for action in self.current_tab().column_menu().actions():
            action.setParent(self.columns_menu)
            self.columns_menu.addAction(action)
