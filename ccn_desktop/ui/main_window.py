"""The main window: menus, toolbar, one tab per entity, undo/redo, status bar, settings.

The window holds what the tabs share (the catalogue, the undo stack, the actions)
and routes each action to the current tab. Later features plug in through
`file_menu`, `toolbar` and `add_file_action()`; they reach the records on screen
through `current_tab()`, `selected_uuids()` and `refresh_all()`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.query_types import RecordQuery
from ccn_desktop.ui.colour_scheme import ColourScheme
from ccn_desktop.ui.icons import ActionIcons
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.settings import open_settings, read_bytes
from ccn_desktop.ui.tabs import TAB_CLASSES, RecordTab
from ccn_desktop.ui.worker import run_and_wait, show_error

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.paths import DataPaths
    from ccn_desktop.ui.exchange.actions import ExchangeActions

log = logging.getLogger(__name__)

# Set by the start-up benchmark (tests/perf/bench_window.py): print the time of the first
# painted rows, then of the end of start-up, on standard output.
STARTUP_PROBE_ENV = "CCN_DESKTOP_STARTUP_PROBE"


class MainWindow(QMainWindow):
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
        self.paths: DataPaths = catalogue.paths if catalogue is not None else paths  # type: ignore[assignment]
        self._opener = opener
        self.exit_code = 0
        self.settings = settings if settings is not None else open_settings(self.paths)
        self.colour_scheme = ColourScheme(self.settings, self)  # light, dark or the system's
        self.undo_stack = QUndoStack(self)
        self._started = False
        self.exchange_actions: ExchangeActions | None = None  # installed after the first paint
        self._closed = False
        self._created = time.perf_counter()
        self._current_index = 0
        self._switching = False
        self._review_count = 0
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.setObjectName("main-window")

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._tabs: dict[str, RecordTab] = {}
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

        self.resize(1280, 800)
        self._restore_settings()
        self.tabs.currentChanged.connect(self._tab_changed)
        tab = self.current_tab()
        self.search_stack.setCurrentWidget(tab.search_box)
        tab.ensure_loaded()
        tab.table.firstRowsPainted.connect(self._first_paint)
        self._show_office()
        self._update_state()

    def _show_office(self) -> None:
        if self.catalogue is not None:
            name = self.catalogue.office.name
        else:
            name = self.current_tab().peek_office_name
        title = f"{APP_NAME} — {name}" if name else APP_NAME
        if self.catalogue is not None and self.catalogue.read_only:
            title = self.tr("{title} (read-only)").format(title=title)
        self.setWindowTitle(f"{title}[*]")
        self.office_label.setText(self.tr("Office: {name}").format(name=name) if name else "")

    # -- building ----------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
        icon: str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, QKeySequence.StandardKey):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            self.action_icons.set(action, icon)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action(
            self.tr("&New"), self.new_record, QKeySequence.StandardKey.New,
            "new", self.tr("Add a new record in this tab"),
        )  # fmt: skip
        self.duplicate_action = self._action(
            self.tr("D&uplicate"), self.duplicate_record, "Ctrl+D",
            "duplicate", self.tr("Start a new record with this one's values"),
        )  # fmt: skip
        self.save_action = self._action(
            self.tr("&Save"), self.save_record, QKeySequence.StandardKey.Save,
            "save", self.tr("Save the record's changes"),
        )  # fmt: skip
        self.revert_action = self._action(
            self.tr("Re&vert"), self.revert_record, None,
            "revert", self.tr("Put back the record's stored values"),
        )  # fmt: skip
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action(
            self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo, "undo"
        )
        self.redo_action = self._action(
            self.tr("&Redo"), self.redo, QKeySequence.StandardKey.Redo, "redo"
        )
        self.delete_action = self._action(
            self.tr("&Delete"), self.delete_record, QKeySequence.StandardKey.Delete,
            "delete", self.tr("Delete the record (it can be restored)"),
        )  # fmt: skip
        self.restore_action = self._action(
            self.tr("Res&tore"), self.restore_record, None, "restore",
            self.tr("Bring the deleted record back"),
        )  # fmt: skip
        self.find_action = self._action(
            self.tr("&Find"), self.focus_search, QKeySequence.StandardKey.Find, None,
            self.tr("Type to filter the records of this tab"),
        )  # fmt: skip
        self.clear_filters_action = self._action(
            self.tr("&Clear Filters"), lambda: self.current_tab().clear_filters(), "Ctrl+Shift+L"
        )
        self.deleted_action = self._action(
            self.tr("Recently &Deleted"), self._toggle_deleted_view, "Ctrl+Shift+D", None,
            self.tr("Show the deleted records of this tab"),
        )  # fmt: skip
        self.deleted_action.setCheckable(True)
        self.history_action = self._action(
            self.tr("&History Panel"), self._toggle_history, "Ctrl+Shift+H"
        )
        self.history_action.setCheckable(True)
        self.history_action.setChecked(True)
        self.tab_actions = []
        for number, tab in enumerate(self._tabs.values(), start=1):
            action = self._action(
                entity_label(tab.spec, plural=True),
                lambda _checked=False, tab=tab: self.tabs.setCurrentWidget(tab),
                f"Ctrl+{number}",
            )
            self.tab_actions.append(action)
        self.network_action = self._action(
            self.tr("&Network Overview"), self.show_network, "Ctrl+Shift+N", None,
            self.tr("Statistics and a world map of the member cities"),
        )  # fmt: skip
        self.about_action = self._action(
            self.tr("&About {app}").format(app=APP_NAME), self.show_about
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(self.tr("About &Qt"), QApplication.aboutQt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _make_navigation(self) -> None:
        """Back/Forward between linked records, and shortcuts that work in text fields."""
        from ccn_desktop.ui.record_navigation import Place, RecordNavigation
        from ccn_desktop.ui.window_shortcuts import WindowShortcuts

        def here() -> Place | None:
            tab = self.current_tab()
            uuid = tab.current_uuid if tab.detail_built else None
            return Place(tab.entity, uuid) if uuid else None

        def go(place: Place) -> bool:
            return self._go_to_record(place.entity, place.uuid)

        self.navigation = RecordNavigation(self, here, go)
        self.action_icons.set(self.navigation.back_action, "back")
        self.action_icons.set(self.navigation.forward_action, "forward")
        self.window_shortcuts = WindowShortcuts(self)

    def _make_menus(self) -> None:
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

    def _make_toolbar(self) -> None:
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

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.count_label = QLabel(bar)
        self.count_label.setAccessibleName(self.tr("Record count"))
        self.review_label = QLabel(bar)
        self.review_label.setAccessibleName(self.tr("Records needing review"))
        self.review_label.hide()
        self.office_label = QLabel(bar)
        self.office_label.setAccessibleName(self.tr("Office"))
        for label in (self.review_label, self.count_label, self.office_label):
            label.setContentsMargins(12, 0, 12, 0)
            bar.addPermanentWidget(label)

    # -- extension points -----------------------------------------------------------------

    def add_file_action(self, action: QAction, *, toolbar: bool = True) -> None:
        """Add a feature's action (Import, Export, Print…) to the File menu and the toolbar."""
        if action.parent() is None:
            action.setParent(self)
        self.file_menu.insertAction(self._file_extension_end, action)
        if toolbar:
            self._toolbar_extension_start.setVisible(True)
            self.toolbar.insertAction(self._toolbar_extension_end, action)

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

    def refresh_all(self) -> None:
        """After a change made outside the tabs (an import): re-read everything shown."""
        for tab in self._tabs.values():
            tab.mark_stale()
        self.current_tab().ensure_loaded()
        self._count_reviews()
        self._update_state()
        self._refresh_overview()

    # -- start-up ---------------------------------------------------------------------------

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

    def _first_paint(self) -> None:
        if os.environ.get(STARTUP_PROBE_ENV):
            print(f"first-rows-painted {time.time():.6f}", flush=True)
        QTimer.singleShot(0, self.finish_startup)

    def finish_startup(self) -> None:
        """What the first paint did not need: the catalogue itself (when the window painted
        a peek), the form, the history, the review count, the fact sheet actions."""
        if self._started:
            return
        self._started = True
        if self._closed:
            return  # closed before start-up finished: open nothing, ask nothing
        if self.catalogue is None and not self._open_catalogue():
            return
        self._install_features()
        tab = self.current_tab()
        tab.form  # noqa: B018 - builds the detail pane
        tab.history.setVisible(self.history_action.isChecked())
        self._count_reviews()
        self._update_state()
        log.info("window ready %.2f s after it was created", time.perf_counter() - self._created)
        if os.environ.get(STARTUP_PROBE_ENV):
            print(f"ready {time.time():.6f}", flush=True)

    def _open_catalogue(self) -> bool:
        """Open the catalogue now that the first rows are on screen; False if there is none."""
        from ccn_desktop.errors import user_message

        assert self._opener is not None
        try:
            catalogue = self._opener()
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                log.exception("opening the catalogue failed")
                message = self.tr("Unexpected error ({name}: {error}); details are in the log.")
                message = message.format(name=type(exc).__name__, error=exc)
            QMessageBox.critical(self, APP_NAME, message)
            self.exit_code = 1  # run_gui returns it once the window has closed
            self.close()
            return False
        if catalogue is None:  # the user chose to quit (e.g. not to open it read-only)
            self.close()
            return False
        self.attach(catalogue)
        return True

    def attach(self, catalogue: Catalogue) -> None:
        """Work on `catalogue` from now on (the window painted a peek until now)."""
        self.catalogue = catalogue
        for tab in self._tabs.values():
            tab.attach()
        self.current_tab().ensure_loaded()
        self._show_office()
        self._update_state()

    def _install_features(self) -> None:
        """Fact sheets (Print, Export as PDF, booklets) and the exchange (Import, Export,
        Conflicts, Likely duplicates, Offices, Exchange log; dropping a bundle)."""
        from ccn_desktop.ui.exchange.actions import install_exchange_actions
        from ccn_desktop.ui.factsheet_actions import install_factsheet_actions

        cities = self._tabs["city"]
        self.factsheet_actions = install_factsheet_actions(
            self, cities.selected_uuids, cities.filtered_uuids
        )
        actions = self.factsheet_actions
        for action in (actions.export_pdf, actions.booklet, actions.paper, actions.language):
            self.toolbar.removeAction(action)  # the menu holds them; Print is enough here
        actions.print_sheet.setIconText(self.tr("Print"))
        self.action_icons.set(actions.print_sheet, "print")
        self.exchange_actions = install_exchange_actions(
            self, self.refresh_all, changes=self.changes_made
        )
        self.action_icons.set(self.exchange_actions.import_action, "import")
        self.action_icons.set(self.exchange_actions.export_action, "export")
        from ccn_desktop.ui.spreadsheet.actions import install_spreadsheet_actions

        self.spreadsheet_actions = install_spreadsheet_actions(self, self.refresh_all)

    # -- routing actions to the current tab ------------------------------------------------

    def new_record(self) -> None:
        self.current_tab().new_record()

    def duplicate_record(self) -> None:
        self.current_tab().duplicate_record()

    def save_record(self) -> None:
        self.current_tab().save()

    def revert_record(self) -> None:
        self.current_tab().revert()

    def delete_record(self) -> None:
        self.current_tab().delete_record()

    def restore_record(self) -> None:
        self.current_tab().restore()

    def focus_search(self) -> None:
        self.current_tab().focus_search()

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self.current_tab().maybe_leave():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self.current_tab().maybe_leave():
            self.undo_stack.redo()

    def _toggle_deleted_view(self, on: bool) -> None:
        self.current_tab().set_deleted_view(on)
        self._update_state()

    def _toggle_history(self, on: bool) -> None:
        for tab in self._tabs.values():
            if tab.detail_built:
                tab.history.setVisible(on)

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        for action in self.current_tab().column_menu().actions():
            action.setParent(self.columns_menu)
            self.columns_menu.addAction(action)

    # -- what tabs and undo commands call ------------------------------------------------------

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

    def apply_write(
        self, entity: str, uuid: str, write: Callable[[], ChangeReport | None]
    ) -> ChangeReport | None:
        """Run an undo or redo step and show what it changed; None (and a message) if it
        failed. A step kept beside a newer version opens the conflict review."""
        tab = self._tabs[entity]
        row = tab.row_of_uuid(uuid)
        try:
            report = run_and_wait(write)  # the window paints while the disk syncs
        except Exception as exc:
            self.show_error(self.tr("Undo"), exc)
            self.refresh_all()
            return None
        self._switch_to(tab)
        tab.after_write(uuid, row, changes=report)
        report = report if report is not None else ChangeReport()
        if report.conflicts:
            self.review_conflict(entity, uuid)
        return report

    def changes_made(self, report: ChangeReport, source: RecordTab | None = None) -> None:
        """A write: every other tab shows the rows it changed (a city's new name among a
        conference's hosts), the status bar its counts, the overview its figures."""
        for tab in self._tabs.values():
            if tab is not source:
                tab.apply_changes(report)
        self._count_reviews()
        self._update_state()
        self._refresh_overview()

    def _refresh_overview(self) -> None:
        """The overview, if open, shows the catalogue as it now is (read in the background)."""
        overview = getattr(self, "network_window", None)
        if overview is not None and shiboken6.isValid(overview) and overview.isVisible():
            overview.refresh()

    def review_conflict(self, entity: str, uuid: str) -> None:
        """Open the conflict review of one record (after a write kept two versions)."""
        if self.exchange_actions is not None:
            self.exchange_actions.review_conflict(entity, uuid)

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

    # -- state shown in actions, title and status bar ---------------------------------------------

    def _count_reviews(self) -> None:
        review = RecordQuery(needs_review=True)
        catalogue = self.catalogue
        if catalogue is None:  # still painting a peek
            self._review_count = 0
            return
        self._review_count = sum(catalogue.count(name, review) for name in self._tabs)

    def _update_state(self) -> None:
        # Not while building, nor while Qt tears the window down (the stack emits as it dies).
        if not hasattr(self, "count_label") or not shiboken6.isValid(self.undo_stack):
            return
        if self.catalogue is None:  # a peek: nothing works until the catalogue is open
            for action in self._record_actions():
                action.setEnabled(False)
            self._show_counts(self.current_tab())
            return
        tab = self.current_tab()
        built = tab.detail_built
        deleted_record = tab.shows_deleted_record
        self.new_action.setEnabled(True)
        self.save_action.setEnabled(built and tab.can_save)
        self.revert_action.setEnabled(built and tab.is_dirty)
        self.duplicate_action.setEnabled(
            built and tab.current_uuid is not None and not deleted_record
        )
        self.delete_action.setEnabled(built and tab.current_uuid is not None and not deleted_record)
        self.restore_action.setEnabled(built and tab.current_uuid is not None and deleted_record)
        self.deleted_action.setChecked(tab.deleted_view)
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        if self.catalogue.read_only:
            for action in (self.new_action, self.duplicate_action, self.delete_action,
                           self.restore_action):  # fmt: skip
                action.setEnabled(False)
        self.undo_action.setText(
            self.tr("&Undo {what}").format(what=self.undo_stack.undoText()).strip()
        )
        self.redo_action.setText(
            self.tr("&Redo {what}").format(what=self.undo_stack.redoText()).strip()
        )
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))
        self.setWindowModified(tab.is_dirty)
        self._show_counts(tab)
        if self._review_count:
            self.review_label.setText(
                self.tr("{count} records need review").format(count=self._review_count)
                if self._review_count != 1
                else self.tr("1 record needs review")
            )
        self.review_label.setVisible(bool(self._review_count))

    def _show_counts(self, tab: RecordTab) -> None:
        records = entity_label(tab.spec, plural=tab.total != 1).lower()
        filtered = tab.shown != tab.total
        if tab.deleted_view:
            text = (
                self.tr("{shown} of {total} deleted {records}")
                if filtered
                else self.tr("{total} deleted {records}")
            )
        else:
            text = (
                self.tr("{shown} of {total} {records}")
                if filtered
                else self.tr("{total} {records}")
            )
        self.count_label.setText(text.format(shown=tab.shown, total=tab.total, records=records))

    def _record_actions(self) -> tuple[QAction, ...]:
        return (
            self.new_action, self.duplicate_action, self.save_action, self.revert_action,
            self.delete_action, self.restore_action, self.undo_action, self.redo_action,
        )  # fmt: skip

    # -- closing and settings -------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.current_tab().maybe_leave():
            event.ignore()
            return
        self.save_settings()
        for tab in self._tabs.values():
            tab.wait_for_search()  # before the catalogue is closed under it
        overview = getattr(self, "network_window", None)
        if overview is not None and shiboken6.isValid(overview):
            overview.close()  # waits for a reading under way, like the searches
        self._closed = True
        event.accept()

    def save_settings(self) -> None:
        settings = self.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self.current_tab().entity)
        settings.setValue("window/history", self.history_action.isChecked())
        for tab in self._tabs.values():
            tab.save_settings(settings)
        settings.sync()

    def _restore_settings(self) -> None:
        settings = self.settings
        geometry = read_bytes(settings, "window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = read_bytes(settings, "window/state")
        if state is not None:
            self.restoreState(state)
        self.history_action.setChecked(str(settings.value("window/history", "true")) != "false")
        for tab in self._tabs.values():
            tab.restore_settings(settings)
        entity = settings.value("window/tab")
        if entity in self._tabs:
            self.tabs.setCurrentWidget(self._tabs[str(entity)])
        self._current_index = self.tabs.currentIndex()

    # -- the network overview ---------------------------------------------------------------

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

    # -- help ---------------------------------------------------------------------------------

    def show_about(self) -> None:
        from ccn_desktop.ui.about_dialog import AboutDialog

        if self.catalogue is None:  # still opening: a moment later it has everything to show
            return
        AboutDialog(self.catalogue, self).exec()
