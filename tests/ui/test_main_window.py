"""The window as a whole: relations, unsaved changes, settings, menus, status bar, About."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.about_dialog import AboutDialog
from ccn_desktop.ui.exchange.window_features import features_of
from ccn_desktop.ui.feature_host import FeatureHost
from ccn_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_window

Button = QMessageBox.StandardButton


def select(window: MainWindow, entity: str, text: str) -> str:
    """Select the first record the text finds (a conference: by its year)."""
    tab = window.tab_for(entity)
    if window.current_tab() is not tab:
        window.tabs.setCurrentWidget(tab)
    by_year = entity == "conference"
    query = RecordQuery(equals={"year": int(text)}) if by_year else RecordQuery(text=text)
    tab.select_row(tab.model.row_of_id(window.catalogue.ids(entity, query)[0]))
    assert tab.current_uuid is not None
    return tab.current_uuid


def answer(monkeypatch: pytest.MonkeyPatch, *answers: Button) -> list[str]:
    asked: list[str] = []
    queue = list(answers)

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Button:
        asked.append(text)
        return queue.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


# -- relations ---------------------------------------------------------------------------


def test_following_a_link_selects_the_record_in_its_tab(qtbot: QtBot, window: MainWindow) -> None:
    catalogue = window.catalogue
    conference = select(window, "conference", "2018")
    krakow = catalogue.get("conference", conference)["host_city_uuids"][0]
    cities = window.tab_for("city")
    cities.search_box.setText("lodz")  # Kraków is filtered out…
    cities.apply_filters()
    window.current_tab().form.linkActivated.emit("city", krakow)
    assert window.current_tab() is cities
    assert cities.current_uuid == krakow and cities.selected_uuids() == [krakow]
    assert cities.search_box.text() == ""  # …so the filter was cleared
    row = cities.table.currentIndex().row()
    assert cities.table.visualRect(cities.model.index(row, 0)).intersects(
        cities.table.viewport().rect()
    )


def test_following_a_link_to_a_deleted_record_shows_it_in_recently_deleted(
    qtbot: QtBot, window: MainWindow
) -> None:
    catalogue = window.catalogue
    conference = select(window, "conference", "2018")
    katowice = catalogue.get("conference", conference)["host_city_uuids"][1]
    catalogue.delete("city", katowice)
    window.show_record("city", katowice)
    tab = window.current_tab()
    assert tab.entity == "city" and tab.deleted_view and tab.current_uuid == katowice


def test_following_a_link_asks_about_unsaved_changes_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    conference = select(window, "conference", "2018")
    host = window.catalogue.get("conference", conference)["host_city_uuids"][0]
    window.current_tab().form.set_values({"theme": "Unsaved theme"})
    answer(monkeypatch, Button.Cancel)
    window.current_tab().form.linkActivated.emit("city", host)
    assert window.current_tab().entity == "conference"
    assert window.current_tab().form.values()["theme"] == "Unsaved theme"


# -- unsaved changes -----------------------------------------------------------------------


def test_selecting_another_row_asks_save_discard_or_cancel(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = window.catalogue
    tab = window.current_tab()
    lodz = select(window, "city", "lodz")
    lodz_row = tab.table.currentIndex().row()
    other_row = 0 if lodz_row else 1
    tab.form.set_values({"notes": "typed"})
    asked = answer(monkeypatch, Button.Cancel, Button.Discard)

    tab.select_row(other_row)  # Cancel: stay on Łódź with the typed text
    assert "Łódź" in asked[0]
    assert tab.current_uuid == lodz and tab.table.currentIndex().row() == lodz_row
    assert tab.form.values()["notes"] == "typed"

    tab.select_row(other_row)  # Discard: move on, nothing stored
    assert tab.current_uuid != lodz and not tab.is_dirty
    assert catalogue.get("city", lodz)["notes"] != "typed"

    tab.select_row(lodz_row)
    tab.form.set_values({"notes": "typed again"})
    answer(monkeypatch, Button.Save)
    tab.select_row(other_row)  # Save: stored, then move on
    assert catalogue.get("city", lodz)["notes"] == "typed again"
    assert tab.table.currentIndex().row() == other_row and tab.current_uuid != lodz


def test_switching_tab_asks_and_cancel_stays(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(window, "city", "lodz")
    window.current_tab().form.set_values({"notes": "typed"})
    answer(monkeypatch, Button.Cancel, Button.Discard)
    window.tabs.setCurrentIndex(1)
    assert window.current_tab().entity == "city" and window.current_tab().is_dirty
    window.tabs.setCurrentIndex(1)
    assert window.current_tab().entity == "conference"


def test_new_asks_first(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    lodz = select(window, "city", "lodz")
    window.current_tab().form.set_values({"notes": "typed"})
    answer(monkeypatch, Button.Cancel)
    window.new_action.trigger()
    assert window.current_tab().current_uuid == lodz


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    lodz = select(window, "city", "lodz")
    window.current_tab().form.set_values({"notes": "typed before closing"})
    answer(monkeypatch, Button.Cancel, Button.Save)
    assert window.close() is False
    assert window.isVisible()
    assert window.close() is True
    assert window.catalogue.get("city", lodz)["notes"] == "typed before closing"


# -- settings ---------------------------------------------------------------------------------


def test_settings_are_restored_in_the_next_window(
    qtbot: QtBot, starter_catalogue: Catalogue
) -> None:
    first = open_window(qtbot, starter_catalogue)
    first.resize(760, 600)
    first.tabs.setCurrentWidget(first.tab_for("conference"))
    conferences = first.tab_for("conference")
    conferences.splitter.setSizes([300, 600])
    conferences.pane.splitter.setSizes([400, 100])
    header = conferences.table.horizontalHeader()
    header.setSectionHidden(conferences.model.columns.index("format"), True)
    header.resizeSection(0, 77)
    header.moveSection(header.visualIndex(1), 0)  # year first
    cities = first.tab_for("city")
    cities.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
    split, detail = conferences.splitter.sizes(), conferences.pane.splitter.sizes()
    size = first.size()
    first.close()
    settings_file = starter_catalogue.paths.config_dir / "window.ini"
    assert settings_file.is_file()

    second = open_window(qtbot, starter_catalogue)
    assert second.current_tab().entity == "conference"
    assert second.size() == size
    restored = second.tab_for("conference")
    assert restored.splitter.sizes() == split
    assert restored.pane.splitter.sizes() == detail
    header = restored.table.horizontalHeader()
    assert header.isSectionHidden(restored.model.columns.index("format"))
    assert header.sectionSize(0) == 77 and header.logicalIndex(0) == 1
    city_header = second.tab_for("city").table.horizontalHeader()
    assert city_header.sortIndicatorSection() == 3
    model = second.tab_for("city").model
    second.tab_for("city").ensure_loaded()
    years = [int(model.index(row, 3).data()) for row in range(20)]
    assert years == sorted(years, reverse=True)


def test_a_damaged_settings_file_is_ignored(qtbot: QtBot, starter_catalogue: Catalogue) -> None:
    folder = starter_catalogue.paths.config_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "window.ini").write_bytes(b"[window]\ngeometry=\x00\x01garbage\ntab=nowhere\n")
    window = open_window(qtbot, starter_catalogue)
    assert window.current_tab().entity == "city" and window.current_tab().shown == 406


# -- menus, toolbar, extension points ------------------------------------------------------------


def test_standard_shortcuts(window: MainWindow) -> None:
    expected = {
        window.new_action: QKeySequence.StandardKey.New,
        window.save_action: QKeySequence.StandardKey.Save,
        window.delete_action: QKeySequence.StandardKey.Delete,
        window.find_action: QKeySequence.StandardKey.Find,
        window.undo_action: QKeySequence.StandardKey.Undo,
        window.redo_action: QKeySequence.StandardKey.Redo,
        window.quit_action: QKeySequence.StandardKey.Quit,
    }
    for action, key in expected.items():
        assert action.shortcuts() == QKeySequence.keyBindings(key), action.text()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "E&xchange", "&Help"]
    for action in (window.new_action, window.save_action, window.delete_action,
                   window.undo_action, window.redo_action):  # fmt: skip
        assert action in window.toolbar.actions() and not action.icon().isNull()


def test_features_plug_into_file_menu_and_toolbar(window: MainWindow) -> None:
    export = QAction("Export…", window)
    window.add_file_action(export)
    menu = window.file_menu.actions()
    assert menu.index(export) < menu.index(window.quit_action)
    assert menu.index(export) > menu.index(window.save_action)
    bar = window.toolbar.actions()
    assert bar.index(export) > bar.index(window.redo_action)
    assert window.toolbar.widgetForAction(bar[-1]) is window.search_stack  # the filter box last
    quiet = QAction("Verify a bundle…")
    window.add_file_action(quiet, toolbar=False)
    assert quiet in window.file_menu.actions() and quiet not in window.toolbar.actions()


def test_the_exchange_and_fact_sheets_find_their_features_on_the_window(
    window: MainWindow,
) -> None:
    """The window's parts together keep the typed protocols its features talk to it through."""
    assert features_of(window) is window
    assert isinstance(window, FeatureHost)


def test_selected_uuids_for_batch_features(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    tab.table.selectRow(0)
    tab.table.selectionModel().select(
        tab.model.index(2, 0),
        tab.table.selectionModel().SelectionFlag.Select
        | tab.table.selectionModel().SelectionFlag.Rows,
    )
    entity, uuids = window.selected_uuids()
    assert entity == "city" and uuids == [tab.model.uuid_at(0), tab.model.uuid_at(2)]


def test_status_bar_counts_office_and_reviews(qtbot: QtBot, starter_catalogue: Catalogue) -> None:
    uuid = starter_catalogue.uuid_of("city", starter_catalogue.ids("city")[0])
    with starter_catalogue.transaction() as session:
        store.load(session, "city", uuid).needs_review = True
    window = open_window(qtbot, starter_catalogue)
    assert window.count_label.text() == "406 cities"
    assert window.office_label.text() == f"Office: {starter_catalogue.office.name}"
    assert window.review_label.isVisible() and window.review_label.text() == (
        "1 record needs review"
    )
    assert window.current_tab().pane.state_label.text().startswith("Needs review")


def test_about_names_version_folder_file_and_office(window: MainWindow) -> None:
    dialog = AboutDialog(window.catalogue, window)
    office = window.catalogue.office
    values = set(dialog.facts.values())
    assert str(window.catalogue.paths.catalogue_file) in values
    assert str(window.catalogue.paths.data_dir) in values
    assert {office.name, office.uuid, office.fingerprint} <= values
    dialog.close()


def test_filter_inputs_have_accessible_names(window: MainWindow) -> None:
    for entity in ("city", "conference", "project"):
        tab = window.tab_for(entity)
        left = tab.splitter.widget(0)
        inputs = [tab.search_box, tab.table] + [
            widget
            for widget in left.findChildren(QWidget)
            if isinstance(widget, QComboBox | QAbstractSpinBox | QLineEdit)
            and not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)
        ]
        assert len(inputs) >= 4
        for widget in inputs:
            assert widget.accessibleName(), f"{entity}: {widget!r} has no accessible name"


def test_a_read_only_catalogue_can_be_read_not_changed(
    qtbot: QtBot, starter_catalogue: Catalogue
) -> None:
    paths = starter_catalogue.paths
    starter_catalogue.close()
    read_only = Catalogue.open(paths, read_only=True)
    try:
        window = open_window(qtbot, read_only)
        assert window.windowTitle().endswith("(read-only)[*]")
        tab = window.current_tab()
        lodz = select(window, "city", "lodz")
        assert tab.form.values()["name"] == "Łódź"
        assert not any(editor.isEnabled() for editor in tab.form.editors.values())
        for action in (window.new_action, window.duplicate_action, window.delete_action,
                       window.save_action, window.restore_action):  # fmt: skip
            assert not action.isEnabled(), action.text()
        assert not tab.history.restore_button.isVisible()
        assert "read-only" in tab.pane.state_label.text()
        tab.search_box.setText("krak")
        tab.apply_filters()
        assert tab.shown >= 1  # searching still works
        shown = tab.current_uuid  # the first match: the filter hid Łódź
        assert shown not in (None, lodz)
        window.new_action.trigger()
        assert tab.current_uuid == shown
    finally:
        window.close()
        read_only.close()


def test_a_window_closed_before_start_up_finished_opens_nothing(
    qtbot: QtBot, catalogue: Catalogue
) -> None:
    opened: list[str] = []

    def opener() -> Catalogue:
        opened.append("asked")
        return catalogue

    window = MainWindow(None, paths=catalogue.paths, opener=opener)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.close()
    window.finish_startup()
    assert opened == []
    assert window.catalogue is None
