"""Projects: filtered by status, participating city and a year they were running in."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ccn_desktop.catalogue.vocabulary import PROJECT_STATUSES
from ccn_desktop.ui.filter_widgets import ChoiceFilter, CityFilter, YearSpin
from ccn_desktop.ui.tabs.base_tab import RecordTab

FIRST_YEAR = 1990
LAST_YEAR = 2100


class ProjectTab(RecordTab):
    entity = "project"

    def build_filters(self) -> list[list[QWidget]]:
        self.status_filter = ChoiceFilter(self.tr("All statuses"), PROJECT_STATUSES, parent=self)
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        self.city_filter = CityFilter(
            lambda: self.catalogue, self.tr("Any participating city"), self
        )
        self.city_filter.setAccessibleName(self.tr("Participating city filter"))
        self.city_filter.setMinimumWidth(200)
        year_box = QWidget(self)
        layout = QHBoxLayout(year_box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.year_filter = YearSpin(FIRST_YEAR, LAST_YEAR, self.tr("Any"), year_box)
        self.year_filter.setAccessibleName(self.tr("Running in year"))
        self.year_filter.setToolTip(self.tr("Projects that were running in this year"))
        caption = QLabel(self.tr("Running in"), year_box)
        caption.setBuddy(self.year_filter)
        layout.addWidget(caption)
        layout.addWidget(self.year_filter)
        self.status_filter.changed.connect(self.filters_changed)
        self.city_filter.changed.connect(self.filters_changed)
        self.year_filter.valueChanged.connect(lambda _value: self.filters_changed())
        return [[self.status_filter, year_box], [self.city_filter]]

    def structured_query(self) -> dict[str, Any]:
        status = self.status_filter.value()
        year = self.year_filter.year()
        return {
            "equals": {"status": status} if status else {},
            "ranges": {"active_year": (year, year)} if year is not None else {},
            "linked_city": self.city_filter.value(),
        }

    def clear_structured_filters(self) -> None:
        for widget in (self.status_filter, self.city_filter, self.year_filter):
            widget.blockSignals(True)
        self.status_filter.clear_value()
        self.city_filter.clear_value()
        self.year_filter.set_year(None)
        for widget in (self.status_filter, self.city_filter, self.year_filter):
            widget.blockSignals(False)
