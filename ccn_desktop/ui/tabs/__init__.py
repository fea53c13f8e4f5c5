"""One tab per entity: a filterable table and the selected record's form (see base_tab)."""

from __future__ import annotations

from ccn_desktop.ui.tabs.base_tab import RecordTab
from ccn_desktop.ui.tabs.city_tab import CityTab
from ccn_desktop.ui.tabs.conference_tab import ConferenceTab
from ccn_desktop.ui.tabs.project_tab import ProjectTab

TAB_CLASSES: tuple[type[RecordTab], ...] = (CityTab, ConferenceTab, ProjectTab)

__all__ = ["TAB_CLASSES", "CityTab", "ConferenceTab", "ProjectTab", "RecordTab"]
