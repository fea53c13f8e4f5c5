"""Cities: filtered by creative field (with its colour chip), region, country and year."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS, FIRST_DESIGNATION_YEAR, UNESCO_REGIONS
from ccn_desktop.ui.filter_widgets import ChoiceFilter, CountryFilter, YearRangeFilter
from ccn_desktop.ui.tabs.base_tab import RecordTab

LAST_YEAR = 2100


class CityTab(RecordTab):
    entity = "city"

    def build_filters(self) -> list[list[QWidget]]:
        self.field_filter = ChoiceFilter(
            self.tr("All creative fields"), tuple(CREATIVE_FIELDS), chips=True, parent=self
        )
        self.field_filter.setAccessibleName(self.tr("Creative field filter"))
        self.region_filter = ChoiceFilter(self.tr("All regions"), UNESCO_REGIONS, parent=self)
        self.region_filter.setAccessibleName(self.tr("UNESCO region filter"))
        self.country_filter = CountryFilter(self.tr("All countries"), parent=self)
        self.country_filter.setAccessibleName(self.tr("Country filter"))
        self.year_filter = YearRangeFilter(
            FIRST_DESIGNATION_YEAR, LAST_YEAR, self.tr("Designated"), parent=self
        )
        for widget in (
            self.field_filter,
            self.region_filter,
            self.country_filter,
            self.year_filter,
        ):
            widget.changed.connect(self.filters_changed)
        return [[self.field_filter, self.region_filter], [self.country_filter, self.year_filter]]

    def structured_query(self) -> dict[str, Any]:
        equals: dict[str, Any] = {}
        for name, widget in (
            ("creative_field", self.field_filter),
            ("region", self.region_filter),
            ("country_code", self.country_filter),
        ):
            value = widget.value()
            if value:
                equals[name] = value
        years = self.year_filter.value()
        return {"equals": equals, "ranges": {"designation_year": years} if years else {}}

    def clear_structured_filters(self) -> None:
        for widget in (
            self.field_filter,
            self.region_filter,
            self.country_filter,
            self.year_filter,
        ):
            widget.blockSignals(True)
            widget.clear_value()
            widget.blockSignals(False)
