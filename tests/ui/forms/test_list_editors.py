"""Ordered-list editors: objectives and activities, report dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.entities import CITY, PROJECT
from ccn_desktop.ui.forms.list_editors import DateListEditor, TextListEditor
from tests.ui.forms.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Shown and active, so that focus (and in-place editors) behave as on a desktop."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def text_editor(qtbot: QtBot, items: list[str]) -> TextListEditor:
    editor = TextListEditor(PROJECT.field("activities"))
    qtbot.addWidget(editor)
    editor.set_value(items)
    editor.resize(500, 300)
    show_active(qtbot, editor)
    return editor


def test_set_value_is_not_an_edit(qtbot: QtBot) -> None:
    editor = text_editor(qtbot, [])
    with qtbot.assertNotEmitted(editor.changed):
        editor.set_value(["a", "b"])
    assert editor.value() == ["a", "b"]


def test_buttons_move_and_remove(qtbot: QtBot) -> None:
    editor = text_editor(qtbot, ["first", "second", "third"])
    editor.select_row(0)
    assert editor.up_button is not None and editor.down_button is not None
    assert not editor.up_button.isEnabled()
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert editor.value() == ["second", "first", "third"]
    assert editor.current_row() == 1
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.value() == ["first", "second", "third"]
    editor.select_row(2)
    assert not editor.down_button.isEnabled()
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.value() == ["first", "second"]
    assert editor.current_row() == 1


def test_keys_in_the_list(qtbot: QtBot) -> None:
    editor = text_editor(qtbot, ["first", "second", "third"])
    editor.view.setFocus()
    editor.select_row(2)
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert editor.value() == ["third", "first", "second"]
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert editor.value() == ["first", "third", "second"]
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.value() == ["first", "second"]


def test_add_edits_in_place_and_an_empty_entry_disappears(qtbot: QtBot) -> None:
    editor = text_editor(qtbot, ["first", "second"])
    editor.select_row(0)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)  # the in-place editor of the new entry
    qtbot.keyClicks(line, "inserted after the first")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: editor.value() == ["first", "inserted after the first", "second"])
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.view.state() != editor.view.State.EditingState)
    assert editor.value() == ["first", "inserted after the first", "second"]


def test_enter_edits_the_current_entry(qtbot: QtBot) -> None:
    editor = text_editor(qtbot, ["frist"])
    editor.view.setFocus()
    editor.select_row(0)
    qtbot.keyClick(editor.view, Qt.Key.Key_Return)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "first")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.value() == ["first"])


def test_list_keys_win_over_the_windows_shortcuts(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    editor = TextListEditor(PROJECT.field("activities"))
    window.setCentralWidget(editor)
    deleted: list[bool] = []
    delete_record = QAction("Delete record", window)
    delete_record.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    delete_record.triggered.connect(lambda: deleted.append(True))
    window.addAction(delete_record)
    show_active(qtbot, window)
    editor.set_value(["a", "b"])
    editor.view.setFocus()
    editor.select_row(0)
    qtbot.waitUntil(editor.view.hasFocus)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.value() == ["b"]
    assert deleted == []


def test_a_long_list_grows_the_view_to_show_its_entries(qtbot: QtBot) -> None:
    editor = text_editor(qtbot, ["short"])
    small = editor.view.heightForWidth(400)
    editor.set_value(["a long activity that wraps onto a second line " * 3] * 6)
    assert editor.view.heightForWidth(400) > 2 * small
    assert editor.view.heightForWidth(200) > editor.view.heightForWidth(400)


def test_report_dates_stay_in_order(qtbot: QtBot) -> None:
    editor = DateListEditor(CITY.field("report_dates"))
    qtbot.addWidget(editor)
    editor.show()
    editor.set_value(["2019-03-01"])
    assert editor.up_button is None  # dates order themselves
    with qtbot.waitSignal(editor.changed):
        editor.add(dt.date(2015, 6, 30))
    assert editor.value() == ["2015-06-30", "2019-03-01"]
    editor.select_row(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.value() == ["2019-03-01"]


def test_report_date_edited_with_a_date_edit(qtbot: QtBot) -> None:
    editor = DateListEditor(CITY.field("report_dates"))
    qtbot.addWidget(editor)
    show_active(qtbot, editor)
    editor.set_value(["2019-03-01", "2021-01-01"])
    editor.view.setFocus()
    editor.select_row(1)
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    date_edit = QApplication.focusWidget()
    assert isinstance(date_edit, QDateEdit)
    date_edit.setDate(QDate(2017, 5, 4))
    qtbot.keyClick(date_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.value() == ["2017-05-04", "2019-03-01"])  # re-sorted
