"""Select, edit, save, add, duplicate, delete, restore — and what happens when saving fails."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.main_window import MainWindow
from ccn_desktop.ui.tabs import RecordTab
from tests.helpers import city_values, database_dump


def row_of(tab: RecordTab, text: str) -> int:
    record_id = tab.catalogue.ids(tab.entity, RecordQuery(text=text))[0]
    return tab.model.row_of_id(record_id)


def select(tab: RecordTab, text: str) -> str:
    tab.select_row(row_of(tab, text))
    assert tab.current_uuid is not None
    return tab.current_uuid


class Answers:
    """Stands in for QMessageBox's static questions; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: QMessageBox.StandardButton):
        self.answers = list(answers)
        self.questions: list[str] = []
        self.errors: list[str] = []
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "critical", self._critical)

    def _question(self, _parent: Any, _title: str, text: str, *_args: Any) -> Any:
        self.questions.append(text)
        return self.answers.pop(0)

    def _critical(self, _parent: Any, _title: str, text: str, *_args: Any) -> Any:
        self.errors.append(text)
        return QMessageBox.StandardButton.Ok


def test_clicking_a_row_shows_its_record(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    row = row_of(tab, "lodz")
    rect = tab.table.visualRect(tab.model.index(row, 0))
    if not rect.isValid():
        tab.table.scrollTo(tab.model.index(row, 0))
        rect = tab.table.visualRect(tab.model.index(row, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.form.values()["name"] == "Łódź"
    assert tab.pane.title_label.text() == "Łódź"


def test_edit_save_and_see_it_in_the_catalogue(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    uuid = select(tab, "lodz")
    assert not window.save_action.isEnabled()
    tab.form.set_values({"focal_point_email": "film@lodz.example.pl"})
    assert tab.is_dirty and window.save_action.isEnabled() and window.isWindowModified()
    window.save_action.trigger()
    assert window.catalogue.get("city", uuid)["focal_point_email"] == "film@lodz.example.pl"
    assert not tab.is_dirty and not window.save_action.isEnabled()
    assert tab.current_uuid == uuid and tab.selected_uuids() == [uuid]
    assert [entry.action for entry in window.catalogue.history("city", uuid)][:1] == ["update"]


def test_invalid_input_disables_save(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    select(tab, "lodz")
    tab.form.set_values({"focal_point_email": "not an address"})
    assert tab.is_dirty
    assert not window.save_action.isEnabled() and not tab.pane.save_button.isEnabled()
    tab.form.set_values({"focal_point_email": "ok@example.org"})
    assert window.save_action.isEnabled()


def test_a_refused_save_shows_the_problems_on_the_form(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = window.current_tab()
    select(tab, "lodz")
    window.duplicate_action.trigger()  # same name, country and field: the catalogue refuses it
    assert tab.current_uuid is None
    before = window.catalogue.count("city")
    shown: list[Any] = []
    monkeypatch.setattr(tab.form, "show_problems", lambda problems: shown.extend(problems))
    assert tab.save() is False
    assert [problem.field for problem in shown] == ["name"]
    assert "already in the catalogue" in shown[0].message
    assert window.catalogue.count("city") == before
    assert tab.is_dirty  # still there to be corrected


@pytest.mark.parametrize(
    "failure",
    [OSError(28, "No space left on device"), RuntimeError("database or disk is full")],
)
def test_a_failed_save_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    tab = window.current_tab()
    uuid = select(tab, "lodz")
    answers = Answers(monkeypatch)
    tab.form.set_values({"notes": "Typed before the disk filled up"})
    dump = database_dump(window.catalogue.paths.catalogue_file)

    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise failure

    monkeypatch.setattr(window.catalogue, "update", fail)
    window.save_action.trigger()
    assert len(answers.errors) == 1
    assert str(failure.args[-1]) in answers.errors[0]
    assert "still in the form" in answers.errors[0]
    assert tab.form.values()["notes"] == "Typed before the disk filled up"
    assert tab.is_dirty and tab.current_uuid == uuid
    assert database_dump(window.catalogue.paths.catalogue_file) == dump
    assert not window.undo_stack.canUndo()


def test_new_record_is_added_and_selected(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    window.new_action.trigger()
    assert tab.current_uuid is None and tab.pane.title_label.text() == "New city"
    assert tab.selected_uuids() == []
    tab.form.set_values(city_values(name="Newtown", country_code="GB", country="United Kingdom"))
    assert window.save_action.isEnabled()
    window.save_action.trigger()
    uuid = tab.current_uuid
    assert uuid is not None and window.catalogue.get("city", uuid)["name"] == "Newtown"
    assert tab.selected_uuids() == [uuid]
    assert window.catalogue.count("city") == 407 and tab.total == 407
    assert window.count_label.text() == "407 cities"


def test_duplicate_starts_a_new_record_with_the_same_values(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.current_tab()
    original = select(tab, "lodz")
    stored = window.catalogue.get("city", original)
    window.duplicate_action.trigger()
    assert tab.current_uuid is None
    values = tab.form.values()
    assert values["country_code"] == "PL" and values["creative_field"] == stored["creative_field"]
    tab.form.set_values({"name": "Łódź Bis"})
    window.save_action.trigger()
    copy = tab.current_uuid
    assert copy not in (None, original)
    saved = window.catalogue.get("city", copy)
    assert (saved["name"], saved["country_code"]) == ("Łódź Bis", "PL")
    assert window.catalogue.get("city", original)["name"] == "Łódź"


def test_delete_names_the_record_and_restore_brings_it_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = window.current_tab()
    uuid = select(tab, "lodz")
    row = tab.table.currentIndex().row()
    answers = Answers(monkeypatch, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    window.delete_action.trigger()  # No: nothing happens
    assert window.catalogue.get("city", uuid)["deleted"] is False
    window.delete_action.trigger()
    assert "“Łódź”" in answers.questions[-1]
    assert window.catalogue.get("city", uuid)["deleted"] is True
    assert tab.shown == 405 and tab.table.currentIndex().row() == row  # its neighbour
    assert tab.current_uuid != uuid

    window.deleted_action.trigger()
    assert tab.deleted_view and tab.shown == 1 and tab.current_uuid == uuid
    assert tab.shows_deleted_record and not tab.form.isEnabled()
    assert window.restore_action.isEnabled() and not window.delete_action.isEnabled()
    assert window.count_label.text() == "1 deleted city"
    window.restore_action.trigger()
    assert window.catalogue.get("city", uuid)["deleted"] is False
    # the last deleted one: back in the records, on the restored record, ready to edit
    assert not tab.deleted_view and not window.deleted_action.isChecked()
    assert tab.shown == 406 and tab.current_uuid == uuid
    assert tab.model.uuid_at(tab.table.currentIndex().row()) == uuid
    assert tab.form.isEnabled() and not tab.pane.restore_button.isVisibleTo(tab)
    assert all(editor.problem() is None for editor in tab.form.editors.values())


def test_new_from_the_deleted_view_goes_back_to_live_records(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.current_tab()
    tab.set_deleted_view(True)
    assert tab.shown == 0
    window.new_action.trigger()
    assert not tab.deleted_view and tab.form.isEnabled() and tab.current_uuid is None


def test_enter_in_the_table_moves_to_the_form(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    select(tab, "lodz")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    focused = window.focusWidget()
    assert focused is not None and tab.form.isAncestorOf(focused)


def test_find_focuses_the_filter_box(qtbot: QtBot, window: MainWindow) -> None:
    window.current_tab().table.setFocus()
    window.find_action.trigger()
    assert window.focusWidget() is window.current_tab().search_box
    assert window.search_stack.currentWidget() is window.current_tab().search_box


def test_column_chooser_hides_and_shows_columns(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    header = tab.table.horizontalHeader()
    menu = tab.column_menu()
    actions = [action for action in menu.actions() if action.isCheckable()]
    assert [action.text() for action in actions][:3] == ["Name", "Country", "Creative field"]
    actions[1].setChecked(False)
    assert header.isSectionHidden(1)
    for action in actions[2:]:
        action.setChecked(False)
    menu = tab.column_menu()
    last = next(action for action in menu.actions() if action.isCheckable())
    assert last.isChecked() and not last.isEnabled()  # the last visible column stays
    tab.reset_columns()
    assert not any(header.isSectionHidden(c) for c in range(tab.model.columnCount()))


@pytest.mark.qt_log_ignore("This plugin does not support")  # popups, offscreen
def test_header_context_menu_is_the_column_chooser(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    seen: list[list[str]] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append([action.text() for action in menu.actions()])
        menu.close()

    QTimer.singleShot(200, close_menu)
    tab.table.horizontalHeader().customContextMenuRequested.emit(QPoint(10, 5))
    assert seen and seen[0][0] == "Name" and "Reset columns" in seen[0]


def test_keyboard_alone_reaches_filters_table_and_form(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    window.activateWindow()
    tab.search_box.setFocus()
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Tab)
    assert window.focusWidget() is tab.field_filter
    for _ in range(12):  # on through the filters to the table
        if window.focusWidget() is tab.table:
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is tab.table
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    focused = window.focusWidget()
    assert focused is not None and tab.form.isAncestorOf(focused)
    assert tab.current_uuid == tab.model.uuid_at(tab.table.currentIndex().row())
