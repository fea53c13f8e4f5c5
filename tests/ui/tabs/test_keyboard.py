"""Keyboard and focus in the window: what a user without a mouse meets first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.main_window import MainWindow
from tests.ui.tabs.test_editing import select


def _focused(window: MainWindow) -> object:
    return QApplication.focusWidget() or window.focusWidget()


def test_new_puts_the_cursor_in_the_first_field(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    tab.table.setFocus()
    window.new_action.trigger()
    name = tab.form.editor("name").focus_widget()
    assert _focused(window) is name
    qtbot.keyClicks(name, "Chefchaouen")
    assert tab.form.values()["name"] == "Chefchaouen"


def test_tab_from_the_table_goes_to_the_form(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    select(tab, "lodz")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    focused = _focused(window)
    assert focused is not tab.table
    assert focused is not None and tab.detail.isAncestorOf(focused)


def test_enter_in_the_table_puts_a_visible_cursor_in_the_first_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.current_tab()
    select(tab, "lodz")
    tab.form.scroll_area.verticalScrollBar().setValue(
        tab.form.scroll_area.verticalScrollBar().maximum()
    )
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    name = tab.form.editor("name").focus_widget()
    assert _focused(window) is name
    assert isinstance(name, QLineEdit) and name.text() == "Łódź"
    # scrolled into view: the field's top is inside the scroll area's viewport
    viewport = tab.form.scroll_area.viewport()
    top = name.mapTo(viewport, name.rect().topLeft())
    assert 0 <= top.y() < viewport.height()


def _shortcut_override(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> QKeyEvent:
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    event.ignore()
    return event


def test_window_shortcuts_are_not_taken_by_a_text_field(qtbot: QtBot, window: MainWindow) -> None:
    """On Linux a line edit binds Ctrl+E (end of line): the window's Export must win."""
    tab = window.current_tab()
    select(tab, "lodz")
    field = tab.form.editor("name").focus_widget()
    field.setFocus()
    export = window.exchange_actions.export_action
    assert export.shortcut().toString() == "Ctrl+E"
    claim = _shortcut_override(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.sendEvent(field, claim)  # answered by the window's filter
    assert not claim.isAccepted()  # so Qt runs the shortcut, not the field's binding
    copy = _shortcut_override(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(field, copy)
    assert copy.isAccepted()  # copying text stays the field's own
    typed = _shortcut_override(Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, typed)
    assert typed.isAccepted()  # a plain letter is typed


def test_ctrl_e_in_a_text_field_opens_export(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[bool] = []
    export = window.exchange_actions.export_action
    export.triggered.disconnect()  # only see it; do not open the dialog
    export.triggered.connect(lambda *_args: seen.append(True))
    tab = window.current_tab()
    select(tab, "lodz")
    description = tab.form.editor("description").focus_widget()
    assert isinstance(description, QPlainTextEdit)
    description.setFocus()
    qtbot.keyClick(description, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen == [True]


def test_alt_left_and_right_go_back_and_forward_between_linked_records(
    qtbot: QtBot, window: MainWindow
) -> None:
    cities = window.tab_for("city")
    city = select(cities, "lodz")
    catalogue = window.catalogue
    conference_id = catalogue.ids("conference", RecordQuery())[0]
    conference = catalogue.uuid_of("conference", conference_id)
    assert not window.navigation.back_action.isEnabled()
    window.show_record("conference", conference)  # what a link does
    assert window.current_tab().entity == "conference"
    assert window.current_tab().current_uuid == conference
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_tab() is cities and cities.current_uuid == city
    assert window.navigation.forward_action.isEnabled()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_tab().entity == "conference"
    assert window.current_tab().current_uuid == conference
    assert not window.navigation.forward_action.isEnabled()
