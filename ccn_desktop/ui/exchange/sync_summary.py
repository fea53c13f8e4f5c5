"""What the window shows of a sync: the quiet banner when a stick is in, and the summary.

The summary lists, per office, what came in from it and what was left for it; then the
files that were skipped, each with its reason; then, if the stick could not take the
bundles, the one sentence saying why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.exchange.sync import Arrival, SyncReport, held_text
from ccn_desktop.i18n import N_, number
from ccn_desktop.ui.exchange.import_flow import counts_lines
from ccn_desktop.ui.exchange.values import tr
from ccn_desktop.ui.exchange.volumes import Volume
from ccn_desktop.ui.exchange.widgets import table_view
from ccn_desktop.ui.table_model import DISPLAY, ItemListModel


class SyncBanner(QToolBar):
    """ "Sync with STICK-NAME", over the tables while such a stick is in; Not now hides it
    until the stick is taken out."""

    sync_requested = Signal(object)  # Volume

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Stick"), parent)
        self.setObjectName("sync-banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.volume: Volume | None = None
        self._dismissed: Volume | None = None
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(6, 2, 6, 2)
        self.label = QLabel(box)
        self.sync_button = QPushButton(box)
        self.later_button = QPushButton(tr("Not now"), box)
        self.later_button.setFlat(True)
        row.addWidget(self.label)
        row.addWidget(self.sync_button)
        row.addWidget(self.later_button)
        row.addStretch(1)
        self.addWidget(box)
        self.sync_button.clicked.connect(self._sync_clicked)
        self.later_button.clicked.connect(self._later)
        self.hide()

    def show_volume(self, volume: Volume | None) -> None:
        """The stick found now (None: none)."""
        self.volume = volume
        if volume != self._dismissed:
            self._dismissed = None
        if volume is None or volume == self._dismissed:
            self.hide()
            return
        self.label.setText(
            tr("The stick {name} holds bundles of the exchange.").format(name=volume.name)
        )
        self.sync_button.setText(tr("Sync with {name}").format(name=volume.name))
        self.sync_button.setAccessibleName(self.sync_button.text())
        self.show()

    def _sync_clicked(self) -> None:
        if self.volume is not None:
            self.sync_requested.emit(self.volume)

    def _later(self) -> None:
        self._dismissed = self.volume
        self.hide()


def arrival_text(arrival: Arrival) -> str:
    if arrival.nothing_new:
        return tr("{name}: nothing new").format(name=arrival.path.name)
    lines = counts_lines(arrival.counts) or [tr("No record changed.")]
    text = "; ".join(lines)
    if arrival.conflicts:
        text += tr(" ({count} to review)").format(count=number(arrival.conflicts))
    return text


class SummaryModel(ItemListModel[tuple[str, str, str]]):
    """One row per office: its name, what came in from it, what was left for it."""

    HEADERS = (N_("Office"), N_("Came in"), N_("Left for it"))

    def cell(self, row: tuple[str, str, str], column: int, role: int) -> Any:
        return row[column] if role == DISPLAY else None


class SyncSummaryDialog(QDialog):
    """The end of a sync (see the module docstring)."""

    def __init__(self, parent: QWidget | None, report: SyncReport) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("sync-summary")
        self.setWindowTitle(
            tr("Sync with {folder}").format(folder=report.folder.parent.name or report.folder)
        )
        layout = QVBoxLayout(self)
        self.heading = QLabel(self._heading(), self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        rows = []
        for office in report.per_office():
            came = "\n".join(arrival_text(a) for a in office.arrivals) or tr("—")
            left = "\n".join(
                (tr("{name} ({counts})") if item.written
                 else tr("{name}, unchanged: nothing new for it")).format(
                    name=item.path.name, counts=held_text(item.counts))
                for item in office.left
            ) or tr("—")  # fmt: skip
            rows.append((office.name, came, left))
        self.model = SummaryModel(self)
        self.model.set_items(rows)
        self.table = table_view(self, tr("What came in and what was left, per office"))
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        self.skipped = QLabel(self._skipped_text(), self)
        self.skipped.setWordWrap(True)
        self.skipped.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skipped.setVisible(bool(self.skipped.text()))
        layout.addWidget(self.skipped)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def _heading(self) -> str:
        report = self.report
        if report.complete:
            return tr("The sync is done: each office's bundle is on the stick.")
        if report.write_problem:
            return report.write_problem
        return tr("The sync is done, but some files were skipped (below).")

    def _skipped_text(self) -> str:
        if not self.report.skipped:
            return ""
        lines = [tr("Skipped:")]
        lines += [f"{item.path.name}: {item.reason}" for item in self.report.skipped]
        return "\n".join(lines)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as text (office, came in, left for it)."""
        return [self.model.item_at(row) for row in range(self.model.rowCount())]
