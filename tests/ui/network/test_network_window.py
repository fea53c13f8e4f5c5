"""The Network Overview window over the starter catalogue: filters, map clicks, exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.statistics import NetworkFilter
from ccn_desktop.ui.main_window import MainWindow
from ccn_desktop.ui.network.window import NetworkWindow

# Offscreen, the window cannot be raised (the overview raises itself, then the main window).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def open_overview(qtbot: QtBot, window: MainWindow) -> NetworkWindow:
    window.show_network()
    overview = window.network_window
    qtbot.waitExposed(overview)
    return overview


def test_filters_change_the_figures_and_the_map(qtbot: QtBot, window: MainWindow) -> None:
    overview = open_overview(qtbot, window)
    assert overview.stats.total == 406 and len(overview.locations) == 406
    overview.field_filter.set_value("Film")
    overview.wait_for_refresh()
    assert overview.stats.total == 30
    assert set(overview.locations.fields) == {"Film"}
    assert overview.map.map.field_counts() == [("Film", 30)]
    model = overview.statistics.models["members-region"]
    last = model.rowCount() - 1
    assert model.data(model.index(last, model.columnCount() - 1)) == "30"
    overview.year_filter.low.set_year(2019)
    overview.wait_for_refresh()
    assert overview.stats.total == sum(item.new for item in overview.stats.growth)
    assert all(item.year >= 2019 for item in overview.stats.growth)


def test_the_overview_starts_from_the_cities_tab_filters(qtbot: QtBot, window: MainWindow) -> None:
    cities = window.tab_for("city")
    cities.field_filter.set_value("Music")
    overview = open_overview(qtbot, window)
    assert overview.network_filter() == NetworkFilter("Music")
    assert overview.stats.total == 84


def test_a_click_on_a_dot_selects_that_city(qtbot: QtBot, window: MainWindow) -> None:
    overview = open_overview(qtbot, window)
    overview.field_filter.set_value("Film")
    overview.wait_for_refresh()
    overview.pages.setCurrentIndex(1)
    qtbot.waitExposed(overview.map)
    places = overview.locations
    index = places.names.index("Sarajevo")
    point = overview.map.map.point_of(overview.map.map_rect(), index)
    assert overview.map.map.city_at(overview.map.map_rect(), point) == index
    assert "Sarajevo" in overview.map.city_text(index) and "2019" in overview.map.city_text(index)
    qtbot.mouseClick(overview.map, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert window.current_tab().entity == "city"
    assert window.current_tab().current_uuid == places.uuids[index]


def test_zoom_and_pan_move_the_view(qtbot: QtBot, window: MainWindow) -> None:
    overview = open_overview(qtbot, window)
    overview.pages.setCurrentIndex(1)
    widget = overview.map
    qtbot.waitExposed(widget)
    widget.zoom(4)
    assert widget.map.view.zoom == pytest.approx(4)
    before = widget.map.view.centre_x
    centre = widget.rect().center()
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(widget, centre + QPoint(60, 0))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre + QPoint(60, 0))
    assert widget.map.view.centre_x < before
    widget.reset_view()
    assert widget.map.view.zoom == 1


def test_a_city_without_coordinates_is_listed_not_drawn(
    qtbot: QtBot, window: MainWindow, starter_catalogue: Catalogue
) -> None:
    uuid = window.tab_for("city").filtered_uuids()[0]
    name = starter_catalogue.get("city", uuid)["name"]
    starter_catalogue.update("city", uuid, {"latitude": None, "longitude": None})
    overview = open_overview(qtbot, window)
    assert overview.missing_model.stringList() == [name]
    assert overview.missing_label.text() == "1 city has no location"
    assert uuid not in overview.locations.uuids
    assert sum(count for _field, count in overview.map.map.field_counts()) == 405


@pytest.mark.parametrize("page", [0, 1])
def test_each_page_exports_to_png_svg_and_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, page: int
) -> None:
    overview = open_overview(qtbot, window)
    overview.pages.setCurrentIndex(page)
    for ending in ("png", "svg", "pdf"):
        written = overview.save_drawing(overview.current_drawing(), tmp_path / f"page.{ending}")
        assert written is not None and written.stat().st_size > 1000
    text = " ".join(PdfReader(tmp_path / "page.pdf").pages[0].extract_text().split())
    assert "Film" in text and "Music" in text
    if page == 1:
        assert "Natural Earth" in text and "GeoNames" in text
    else:
        assert "Members by creative field" in text


def test_filters_changed_while_reading_show_only_the_last_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    overview = open_overview(qtbot, window)
    for field in ("Film", "Music", "Design"):  # faster than the reading: only the last counts
        overview.field_filter.set_value(field)
    overview.wait_for_refresh()
    assert overview.stats.filter == NetworkFilter("Design")
    assert overview.stats.total == 53 and set(overview.locations.fields) == {"Design"}


def test_hover_on_a_bar_shows_its_number(qtbot: QtBot, window: MainWindow) -> None:
    overview = open_overview(qtbot, window)
    chart = overview.statistics.chart_widgets["members-field"]
    assert chart.tooltip(chart.chart.bars.index(next(
        bar for bar in chart.chart.bars if bar.label == "Film"))) == "Film: 30"  # fmt: skip


def test_about_credits_natural_earth_and_geonames(window: MainWindow) -> None:
    from ccn_desktop.ui.about_dialog import AboutDialog

    dialog = AboutDialog(window.catalogue, window)
    text = " ".join(dialog.facts.values())
    assert "Natural Earth" in text and "GeoNames" in text
    dialog.close()


def test_the_view_menu_opens_the_overview(qtbot: QtBot, window: MainWindow) -> None:
    assert window.network_action in window.view_menu.actions()
    window.network_action.trigger()
    assert window.network_window.isVisible()
    window.network_action.trigger()  # raises the same window, does not make another
    assert len(window.findChildren(NetworkWindow)) == 1


@pytest.mark.parametrize("page", [0, 1])
def test_printing_paints_the_page_shown(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, page: int
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ccn_desktop.ui.network.window import print_drawing

    overview = open_overview(qtbot, window)
    overview.field_filter.set_value("Literature")
    overview.wait_for_refresh()
    overview.pages.setCurrentIndex(page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_drawing(printer, overview.current_drawing())
    text = " ".join(PdfReader(tmp_path / "printed.pdf").pages[0].extract_text().split())
    assert "Literature" in text and "63" in text


def test_an_edit_in_the_window_refreshes_the_overview(qtbot: QtBot, window: MainWindow) -> None:
    overview = open_overview(qtbot, window)
    cities = window.tab_for("city")
    window.show_record("city", overview.locations.uuids[0])
    name = overview.locations.names[0]
    cities.form.editors["latitude"].line.clear()
    cities.form.editors["longitude"].line.clear()
    cities.save()
    overview.wait_for_refresh()
    assert [missing for _uuid, missing in overview.locations.missing] == [name]


def test_choosing_a_region_zooms_the_map_to_it(qtbot: QtBot, window: MainWindow) -> None:
    overview = open_overview(qtbot, window)
    overview.region_filter.set_value("Europe and North America")
    overview.wait_for_refresh()
    view = overview.map.map.view
    assert view.zoom > 1 and view.centre_y > 0  # the northern hemisphere, closer
    overview.region_filter.set_value(None)
    overview.wait_for_refresh()
    assert view.zoom == 1


def test_the_printed_statistics_name_the_conference_hosts(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    overview = open_overview(qtbot, window)
    overview.save_drawing(overview.current_drawing(), tmp_path / "figures.pdf")
    text = " ".join(PdfReader(tmp_path / "figures.pdf").pages[0].extract_text().split())
    assert "2018: Kraków / Katowice" in text and "2025: Querétaro" in text
