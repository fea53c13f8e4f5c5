"""How a write's change report reaches what the main window shows: the tabs' rows, the
status bar counts, the network overview, and the conflict review when a write was kept
beside a newer version. `refresh_all` re-reads everything after a change made elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.ui.window_state import WindowState
from ccn_desktop.ui.worker import run_and_wait

if TYPE_CHECKING:
    from ccn_desktop.ui.main_window import MainWindow
    from ccn_desktop.ui.tabs import RecordTab


class WindowChanges(WindowState):
    """Mixed into MainWindow (see window_state.py for the attributes these methods use)."""

    def apply_write(
        self: MainWindow, entity: str, uuid: str, write: Callable[[], ChangeReport | None]
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

    def changes_made(
        self: MainWindow, report: ChangeReport, source: RecordTab | None = None
    ) -> None:
        """A write: every other tab shows the rows it changed (a city's new name among a
        conference's hosts), the status bar its counts, the overview its figures."""
        for tab in self._tabs.values():
            if tab is not source:
                tab.apply_changes(report)
        self._count_reviews()
        self._update_state()
        self._refresh_overview()

    def refresh_all(self: MainWindow) -> None:
        """After a change made outside the tabs (an import): re-read everything shown."""
        for tab in self._tabs.values():
            tab.mark_stale()
        self.current_tab().ensure_loaded()
        self._count_reviews()
        self._update_state()
        self._refresh_overview()

    def _refresh_overview(self: MainWindow) -> None:
        """The overview, if open, shows the catalogue as it now is (read in the background)."""
        overview = getattr(self, "network_window", None)
        if overview is not None and shiboken6.isValid(overview) and overview.isVisible():
            overview.refresh()

    def review_conflict(self: MainWindow, entity: str, uuid: str) -> None:
        """Open the conflict review of one record (after a write kept two versions)."""
        if self.exchange_actions is not None:
            self.exchange_actions.review_conflict(entity, uuid)
