"""The main window: menus, toolbar, one tab per entity, undo/redo, status bar, settings.

The window holds what the tabs share (the catalogue, the undo stack, the actions)
and routes each action to the current tab. Later features plug in through
`file_menu`, `toolbar` and `add_file_action()`; they reach the records on screen
through `current_tab()`, `selected_uuids()` and `refresh_all()`.

Its parts live beside it, one job each (window_state.py declares what they share):
window_actions.py (the actions and where they go), window_menus.py (menus, toolbar,
`add_file_action`), window_status.py (enabled actions, title, status bar),
window_changes.py (a write's change report to the tabs), window_settings.py (kept
between sessions; closing) and window_startup.py (what follows the first paint).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabWidget

from ccn_desktop import APP_NAME
from ccn_desktop.ui.colour_scheme import ColourScheme
from ccn_desktop.ui.icons import ActionIcons
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.settings import open_settings
from ccn_desktop.ui.tabs import TAB_CLASSES, RecordTab
from ccn_desktop.ui.window_actions import WindowActions
from ccn_desktop.ui.window_changes import WindowChanges
from ccn_desktop.ui.window_menus import WindowMenus
from ccn_desktop.ui.window_settings import WindowSettings
from ccn_desktop.ui.window_startup import STARTUP_PROBE_ENV, WindowStartup
from ccn_desktop.ui.window_status import WindowStatus
from ccn_desktop.ui.worker import show_error

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.paths import DataPaths
    from ccn_desktop.ui.exchange.window_features import ExchangeWindow
    from ccn_desktop.ui.feature_host import FeatureHost

__all__ = ["STARTUP_PROBE_ENV", "MainWindow"]


def first_size(available: QSize | None) -> QSize:
    """1280 × 800, or less on a smaller screen (a 1024 × 768 laptop): never off its edge."""
    wanted = QSize(1280, 800)
    return wanted if available is None else wanted.boundedTo(available)


class MainWindow(
    WindowActions,
    WindowMenus,
    WindowStatus,
    WindowChanges,
    WindowSettings,
    WindowStartup,
    QMainWindow,
):
    """The window over an open catalogue, or (`opener` given) one it opens after painting.

    `MainWindow(None, paths=…, opener=…)` paints the current tab's first rows from a
    sqlite3 peek, then calls `opener()` (which may ask questions, return None to quit,
    or raise an error for the user) and attaches the catalogue it returns.
    """

    def __init__(
        self,
        catalogue: Catalogue | None,
        settings: QSettings | None = None,
        *,
        paths: DataPaths | None = None,
        opener: Callable[[], Catalogue | None] | None = None,
    ) -> None:
        super().__init__()
        if catalogue is None and (paths is None or opener is None):
            raise ValueError("a window without a catalogue needs its paths and an opener")
        self.catalogue = catalogue
        self.paths = catalogue.paths if catalogue is not None else paths  # type: ignore[assignment]
        self._opener = opener
        self.exit_code = 0
        self.settings = settings if settings is not None else open_settings(self.paths)
        self.colour_scheme = ColourScheme(self.settings, self)  # light, dark or the system's
        self.undo_stack = QUndoStack(self)
        self._started = False
        self.exchange_actions = None  # installed after the first paint
        self._closed = False
        self._created = time.perf_counter()
        self._current_index = 0
        self._switching = False
        self._review_count = 0
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.setObjectName("main-window")

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._tabs = {}
        self.search_stack = QStackedWidget(self)
        for tab_class in TAB_CLASSES:
            tab = tab_class(self, self.tabs)
            self._tabs[tab.entity] = tab
            self.tabs.addTab(tab, entity_label(tab.spec, plural=True))
            self.search_stack.addWidget(tab.search_box)
            tab.statusChanged.connect(self._update_state)
            tab.dirtyChanged.connect(lambda _dirty: self._update_state())
        self.setCentralWidget(self.tabs)
        self.action_icons = ActionIcons(self)  # one SVG set, in the palette's colours
        self._make_actions()
        self._make_navigation()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self.undo_stack.canUndoChanged.connect(lambda _on: self._update_state())
        self.undo_stack.canRedoChanged.connect(lambda _on: self._update_state())
        self.undo_stack.undoTextChanged.connect(lambda _text: self._update_state())
        self.undo_stack.redoTextChanged.connect(lambda _text: self._update_state())

        self.resize(first_size(self.screen().availableGeometry().size() if self.screen() else None))
        self._restore_settings()
        self.tabs.currentChanged.connect(self._tab_changed)
        tab = self.current_tab()
        self.search_stack.setCurrentWidget(tab.search_box)
        tab.ensure_loaded()
        tab.table.firstRowsPainted.connect(self._first_paint)
        self._show_office()
        self._update_state()

    # -- the tabs --------------------------------------------------------------------------

    def current_tab(self) -> RecordTab:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, RecordTab)
        return widget

    def tab_for(self, entity: str) -> RecordTab:
        return self._tabs[entity]

    def selected_uuids(self) -> tuple[str, list[str]]:
        """The current tab's entity and its selected records, in table order."""
        tab = self.current_tab()
        return tab.entity, tab.selected_uuids()

    def show_record(self, entity: str, uuid: str) -> None:
        """Follow a link: go to the record's tab and show it there (Back returns)."""
        if not self.current_tab().maybe_leave():
            return
        self.navigation.following_link()
        self._go_to_record(entity, uuid)

    def _go_to_record(self, entity: str, uuid: str) -> bool:
        if not self.current_tab().maybe_leave():
            return False
        tab = self._tabs[entity]
        self._switch_to(tab)
        shown = tab.show_uuid(uuid)
        tab.table.setFocus()
        return shown

    def show_error(self, title: str, exc: BaseException) -> None:
        show_error(self, title, exc)

    def _switch_to(self, tab: RecordTab) -> None:
        if self.tabs.currentWidget() is tab:
            return
        self._switching = True
        try:
            self.tabs.setCurrentWidget(tab)
        finally:
            self._switching = False
        self._enter_tab(tab)

    def _tab_changed(self, index: int) -> None:
        if self._switching:
            return
        previous = self.tabs.widget(self._current_index)
        leaving = isinstance(previous, RecordTab) and index != self._current_index
        if leaving and not previous.maybe_leave():  # type: ignore[union-attr]
            self._switching = True
            self.tabs.setCurrentIndex(self._current_index)
            self._switching = False
            return
        tab = self.tabs.widget(index)
        if isinstance(tab, RecordTab):
            self._enter_tab(tab)

    def _enter_tab(self, tab: RecordTab) -> None:
        self._current_index = self.tabs.indexOf(tab)
        self.search_stack.setCurrentWidget(tab.search_box)
        tab.ensure_loaded()
        if self._started:
            tab.form  # noqa: B018 - builds the detail pane
            tab.history.setVisible(self.history_action.isChecked())
        self._update_state()

    # -- Qt's events -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        changed = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in changed and hasattr(self, "action_icons"):
            self.action_icons.refresh()  # light or dark: icons in the new text colour

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            # An empty table paints no rows; finish start-up soon after showing anyway.
            QTimer.singleShot(300, self.finish_startup)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():  # window_settings.py
            event.accept()
        else:
            event.ignore()

    # -- the network overview and help -----------------------------------------------------

    def show_network(self) -> None:
        """Open (or raise) the overview window, starting from the Cities tab's filters."""
        if self.catalogue is None:  # still opening
            return
        from ccn_desktop.catalogue.statistics import NetworkFilter
        from ccn_desktop.ui.network.window import NetworkWindow

        window = getattr(self, "network_window", None)
        if window is None or not shiboken6.isValid(window):
            cities = self._tabs["city"]
            query = cities.structured_query() if hasattr(cities, "field_filter") else {}
            equals, years = (
                query.get("equals", {}),
                query.get("ranges", {}).get("designation_year", (None, None)),
            )
            window = NetworkWindow(self.catalogue, self.show_city, self)
            window.setWindowFlag(Qt.WindowType.Window)
            window.set_filter(
                NetworkFilter(equals.get("creative_field"), equals.get("region"), *years)
            )
            self.network_window = window
        window.show()
        window.raise_()
        window.activateWindow()

    def show_city(self, uuid: str) -> None:
        """A city chosen on the map: select it in the Cities tab."""
        self.show_record("city", uuid)
        self.raise_()

    def show_about(self) -> None:
        from ccn_desktop.ui.about_dialog import AboutDialog

        if self.catalogue is None:  # still opening: a moment later it has everything to show
            return
        AboutDialog(self.catalogue, self).exec()


def _protocols_kept(window: MainWindow) -> tuple[ExchangeWindow, FeatureHost]:
    """Never called: mypy checks here that the window keeps the typed protocols the
    exchange (ui/exchange/window_features.py) and the fact sheets (factsheet_actions.py)
    talk to it through."""
    return window, window
