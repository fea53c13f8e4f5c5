"""Conferences: filtered by year range and host city."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ccn_desktop.ui.filter_widgets import CityFilter, YearRangeFilter
from ccn_desktop.ui.tabs.base_tab import RecordTab

FIRST_YEAR = 2004
LAST_YEAR = 2100


class ConferenceTab(RecordTab):
    entity = "conference"

    def build_filters(self) -> list[list[QWidget]]:
        self.year_filter = YearRangeFilter(FIRST_YEAR, LAST_YEAR, self.tr("Year"), parent=self)
        self.host_filter = CityFilter(lambda: self.catalogue, self.tr("Any host city"), parent=self)
        self.host_filter.setAccessibleName(self.tr("Host city filter"))
        self.host_filter.setMinimumWidth(200)
        for widget in (self.year_filter, self.host_filter):
            widget.changed.connect(self.filters_changed)
        return [[self.year_filter, self.host_filter]]

    def structured_query(self) -> dict[str, Any]:
        years = self.year_filter.value()
        return {
            "ranges": {"year": years} if years else {},
            "linked_city": self.host_filter.value(),
        }

    def clear_structured_filters(self) -> None:
        for widget in (self.year_filter, self.host_filter):
            widget.blockSignals(True)
            widget.clear_value()
            widget.blockSignals(False)
