"""Filtering as you type and the structured filters of each tab, on real catalogues."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.main_window import MainWindow
from ccn_desktop.ui.record_table_model import UUID_ROLE
from tests.ui.conftest import open_window


def names(window: MainWindow, entity: str = "city") -> list[str]:
    model = window.tab_for(entity).model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_filters_accent_and_case_insensitively(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    assert tab.entity == "city" and tab.shown == 406
    qtbot.keyClicks(tab.search_box, "LODZ")
    qtbot.waitUntil(lambda: tab.shown == 1)
    assert names(window) == ["Łódź"]
    assert window.count_label.text() == "1 of 406 cities"


def test_typing_runs_one_query_after_the_pause(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = window.current_tab()
    queries: list[str] = []
    original = window.catalogue.ids

    def counting_ids(entity: str, query: RecordQuery | None = None) -> list[int]:
        queries.append(query.text if query else "")
        return original(entity, query)

    monkeypatch.setattr(window.catalogue, "ids", counting_ids)
    qtbot.keyClicks(tab.search_box, "krak")
    assert queries == []  # nothing while typing
    qtbot.waitUntil(lambda: queries == ["krak"])
    assert "Kraków" in names(window)
    tab.search_box.clear()
    qtbot.waitUntil(lambda: tab.shown == 406)


def test_city_structured_filters(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.tab_for("city")
    catalogue = window.catalogue
    tab.field_filter.set_value("Film")
    assert tab.shown == catalogue.count("city", RecordQuery(equals={"creative_field": "Film"}))
    model = tab.model
    field_column = model.columns.index("creative_field")
    assert {model.index(row, field_column).data() for row in range(tab.shown)} == {"Film"}
    tab.region_filter.set_value("Europe and North America")
    expected = RecordQuery(equals={"creative_field": "Film", "region": "Europe and North America"})
    assert tab.shown == catalogue.count("city", expected) > 0
    tab.clear_filters()
    tab.country_filter.set_value("PL")
    assert "Łódź" in names(window) and tab.shown == catalogue.count(
        "city", RecordQuery(equals={"country_code": "PL"})
    )
    tab.clear_filters()
    tab.year_filter.low.set_year(2019)
    tab.year_filter.high.set_year(2019)
    assert tab.shown == catalogue.count(
        "city", RecordQuery(ranges={"designation_year": (2019, 2019)})
    )
    year_column = model.columns.index("designation_year")
    assert {model.index(row, year_column).data() for row in range(tab.shown)} == {"2019"}
    tab.clear_filters()
    assert tab.shown == 406
    assert tab.field_filter.value() is None and tab.year_filter.value() is None


def test_field_filter_shows_colour_chips_with_names(window: MainWindow) -> None:
    combo = window.tab_for("city").field_filter
    film = combo.findData("Film")
    assert combo.itemText(film) == "Film"
    assert not combo.itemIcon(film).isNull()


def test_country_filter_takes_a_typed_name(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.tab_for("city")
    box = tab.country_filter
    box.setFocus()
    box.lineEdit().setText("Poland")
    box.lineEdit().editingFinished.emit()
    assert box.value() == "PL"
    assert tab.shown == window.catalogue.count("city", RecordQuery(equals={"country_code": "PL"}))


@pytest.mark.qt_log_ignore("This plugin does not support")  # the suggestion popup, offscreen
def test_conference_filters_by_year_range_and_host_city(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.tab_for("conference"))
    tab = window.current_tab()
    assert tab.entity == "conference" and tab.shown == 16
    tab.year_filter.low.set_year(2015)
    tab.year_filter.high.set_year(2019)
    year_column = tab.model.columns.index("year")
    years = [tab.model.index(row, year_column).data() for row in range(tab.shown)]
    assert years == ["2015", "2016", "2017", "2018", "2019"]
    tab.clear_filters()
    host = tab.host_filter
    host.setFocus()
    qtbot.keyClicks(host, "krakow")
    qtbot.waitUntil(lambda: bool(host._labels))
    assert any(label.startswith("Kraków") for label in host._labels)
    popup = host.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.shown == 1)
    assert host.text().startswith("Kraków")
    hosts_column = tab.model.columns.index("hosts")
    assert tab.model.index(0, hosts_column).data() == "Kraków / Katowice"
    host.clear_value()
    assert tab.shown == 16


def test_project_filters_by_status_city_and_year(qtbot: QtBot, window: MainWindow) -> None:
    catalogue = window.catalogue
    lodz = catalogue.uuid_of("city", catalogue.ids("city", RecordQuery(text="lodz"))[0])
    catalogue.add("project", {"title": "Film school", "status": "Ongoing", "start_year": 2020,
                              "city_uuids": [lodz]})  # fmt: skip
    catalogue.add("project", {"title": "Old archive", "status": "Completed", "start_year": 2010,
                              "end_year": 2012})  # fmt: skip
    window.tabs.setCurrentWidget(window.tab_for("project"))
    tab = window.current_tab()
    assert tab.shown == 3
    tab.status_filter.set_value("Ongoing")
    assert names(window, "project") == ["Film school"]
    tab.clear_filters()
    tab.year_filter.set_year(2011)
    assert names(window, "project") == ["Old archive"]
    tab.clear_filters()
    tab.city_filter.set_city(lodz, "Łódź (Poland)")
    assert names(window, "project") == ["Film school"]
    tab.clear_filters()
    assert tab.shown == 3


def test_selection_is_kept_when_the_record_is_still_shown(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    row = tab.model.row_of_id(window.catalogue.ids("city", RecordQuery(text="lodz"))[0])
    tab.select_row(row)
    uuid = tab.current_uuid
    qtbot.keyClicks(tab.search_box, "lod")
    qtbot.waitUntil(lambda: tab.shown < 406)
    assert tab.selected_uuids() == [uuid]
    current = tab.table.currentIndex()
    assert current.data(UUID_ROLE) == uuid
    tab.search_box.setText("zzzz-nothing")
    tab.apply_filters()
    assert tab.shown == 0 and tab.selected_uuids() == []
    # the form does not keep showing a record the table no longer lists
    assert tab.current_uuid is None and tab.pane.title_label.text() == "No record selected"


def test_sorting_by_clicking_a_header(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    header = tab.table.horizontalHeader()
    column = tab.model.columns.index("designation_year")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    years = [int(tab.model.index(row, column).data()) for row in range(tab.shown)]
    assert years == sorted(years) and years[0] < years[-1]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    years = [int(tab.model.index(row, column).data()) for row in range(tab.shown)]
    assert years == sorted(years, reverse=True)


def test_empty_catalogue_opens_on_a_new_record(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    window = open_window(qtbot, empty_catalogue)
    tab = window.current_tab()
    assert tab.shown == 0 and tab.current_uuid is None
    assert tab.form.isEnabled()
    assert window.count_label.text() == "0 cities"
