"""What the main window keeps between sessions (geometry, toolbar layout, the tab shown,
the history panel, each tab's columns and splitter) and closing, which saves them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6

from ccn_desktop.ui.settings import read_bytes
from ccn_desktop.ui.window_state import WindowState

if TYPE_CHECKING:
    from ccn_desktop.ui.main_window import MainWindow


class WindowSettings(WindowState):
    """Mixed into MainWindow (see window_state.py for the attributes these methods use)."""

    def _may_close(self: MainWindow) -> bool:
        """Close unless the form's unsaved changes keep it open: settings are saved, and the
        background reads end before the catalogue is closed under them."""
        if not self.current_tab().maybe_leave():
            return False
        self.save_settings()
        for tab in self._tabs.values():
            tab.wait_for_search()  # before the catalogue is closed under it
        overview = getattr(self, "network_window", None)
        if overview is not None and shiboken6.isValid(overview):
            overview.close()  # waits for a reading under way, like the searches
        self._closed = True
        return True

    def save_settings(self: MainWindow) -> None:
        settings = self.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self.current_tab().entity)
        settings.setValue("window/history", self.history_action.isChecked())
        for tab in self._tabs.values():
            tab.save_settings(settings)
        settings.sync()

    def _restore_settings(self: MainWindow) -> None:
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
