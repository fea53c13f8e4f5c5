"""The form follows what the table shows: filters, an empty result, saving, restoring."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ccn_desktop.ui.main_window import MainWindow
from tests.ui.tabs.test_editing import select


def _filter(qtbot: QtBot, window: MainWindow, text: str) -> None:
    tab = window.current_tab()
    tab.search_box.setText(text)
    tab.apply_filters()


def test_a_record_the_filter_hides_gives_way_to_the_first_match(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.current_tab()
    select(tab, "lodz")
    _filter(qtbot, window, "sarajevo")
    assert tab.shown == 1
    assert tab.form.values()["name"] == "Sarajevo"
    assert tab.table.currentIndex().row() == 0


def test_nothing_matching_says_so_and_offers_to_clear(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    select(tab, "lodz")
    _filter(qtbot, window, "xyzzy")
    assert tab.shown == 0
    assert tab.pane.title_label.text() == "No record selected"
    assert not tab.form.isEnabled()
    assert tab.empty_note.isVisibleTo(tab)
    assert tab.empty_note.plain_text() == "No city matches “xyzzy” — Clear filters"
    assert all(editor.problem() is None for editor in tab.form.editors.values())
    tab.empty_note.linkActivated.emit("clear")
    assert tab.search_box.text() == "" and tab.shown == tab.total
    assert not tab.empty_note.isVisibleTo(tab)
    assert tab.form.isEnabled() and tab.current_uuid is not None


def test_unsaved_edits_stay_when_the_filter_hides_their_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.current_tab()
    uuid = select(tab, "lodz")
    name = tab.form.editor("name").focus_widget()
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, " city")
    _filter(qtbot, window, "sarajevo")
    assert tab.current_uuid == uuid and tab.is_dirty


def test_save_keeps_the_scroll_position_and_says_saved(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.current_tab()
    window.resize(1280, 600)
    select(tab, "lodz")
    notes = tab.form.editor("notes")
    tab.form.scroll_area.ensureWidgetVisible(notes)
    bar = tab.form.scroll_area.verticalScrollBar()
    where = bar.value()
    assert where > 0
    tab.form.set_values({"notes": "Seen in the window"})
    assert tab.save()
    qtbot.wait(20)
    assert bar.value() == where
    assert window.statusBar().currentMessage() == "Saved"
    assert window.catalogue.get("city", tab.current_uuid)["notes"] == "Seen in the window"


def test_an_empty_deleted_view_and_empty_structured_filters_say_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = window.current_tab()
    tab.set_deleted_view(True)
    assert tab.shown == 0
    assert tab.empty_note.plain_text() == "No deleted cities"
    tab.set_deleted_view(False)
    assert not tab.empty_note.isVisibleTo(tab)
    tab.empty_note.explain(tab.spec, "", True, False)  # what a structured filter gets
    assert tab.empty_note.plain_text() == "No city matches these filters — Clear filters"
