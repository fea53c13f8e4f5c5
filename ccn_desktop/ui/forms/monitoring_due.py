"""The read-only "Next report due" line of a city's form, kept up to date as the user types.

The date counts four years from the last monitoring report (or from designation when
none is recorded). Only a known report date can make it overdue: a city with no
report dates on record lacks data, and is not shown as an alarm.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ccn_desktop.catalogue.monitoring import next_report_due
from ccn_desktop.ui.forms.editor_base import MARK_MARGIN, problem_colour


class MonitoringDueLabel(QLabel):
    """When the next monitoring report is due; red and bold once it is overdue."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("monitoringDue")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setContentsMargins(MARK_MARGIN + 2, 0, 0, 0)

    def show_due(self, designation_year: Any, report_dates: Any, form: QWidget) -> None:
        """Say when the report is due after `designation_year` and the `report_dates` (as
        the form's editors hold them), in the colours of `form`."""
        year = designation_year if isinstance(designation_year, int) else None
        due = next_report_due(year, report_dates)
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, form.palette().color(QPalette.ColorRole.WindowText)
        )
        font = self.font()
        font.setBold(False)
        if due is None:
            text = self.tr("unknown (no designation year)")
        elif due.year_only:  # no report dates on record: no alarm, the data is missing
            text = self.tr(
                "no report recorded (the first is due in %1, four years after designation)"
            ).replace("%1", due.text())
        else:
            text = self.tr("%1 (four years after the last report)").replace("%1", due.text())
        if due is not None and not due.year_only and due.is_overdue(dt.date.today()):
            text = self.tr("%1 — overdue").replace("%1", text)
            palette.setColor(QPalette.ColorRole.WindowText, problem_colour(form))
            font.setBold(True)
        self.setText(text)
        self.setPalette(palette)
        self.setFont(font)
        self.setAccessibleName(self.tr("Next monitoring report due: %1").replace("%1", text))
