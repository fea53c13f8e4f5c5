"""The main window's start-up after its first paint: opening the catalogue (when the
window painted a peek), the form and history, the review count, and the features that
plug in (fact sheets, the exchange, spreadsheets)."""

from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from ccn_desktop import APP_NAME
from ccn_desktop.ui.window_state import WindowState

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.ui.main_window import MainWindow

log = logging.getLogger("ccn_desktop.ui.main_window")  # the window's log, as before the split

# Set by the start-up benchmark (tests/perf/bench_window.py): print the time of the first
# painted rows, then of the end of start-up, on standard output.
STARTUP_PROBE_ENV = "CCN_DESKTOP_STARTUP_PROBE"


class WindowStartup(WindowState):
    """Mixed into MainWindow (see window_state.py for the attributes these methods use)."""

    def _first_paint(self: MainWindow) -> None:
        if os.environ.get(STARTUP_PROBE_ENV):
            print(f"first-rows-painted {time.time():.6f}", flush=True)
        QTimer.singleShot(0, self.finish_startup)

    def finish_startup(self: MainWindow) -> None:
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

    def _open_catalogue(self: MainWindow) -> bool:
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

    def attach(self: MainWindow, catalogue: Catalogue) -> None:
        """Work on `catalogue` from now on (the window painted a peek until now)."""
        self.catalogue = catalogue
        for tab in self._tabs.values():
            tab.attach()
        self.current_tab().ensure_loaded()
        self._show_office()
        self._update_state()

    def _install_features(self: MainWindow) -> None:
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
