"""Undo and redo of edits, adds, deletes, restores and version restores, through the window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.main_window import MainWindow
from tests.helpers import city_values


def select(window: MainWindow, entity: str, text: str) -> str:
    tab = window.tab_for(entity)
    if window.current_tab() is not tab:
        window.tabs.setCurrentWidget(tab)
    tab.select_row(tab.model.row_of_id(window.catalogue.ids(entity, RecordQuery(text=text))[0]))
    assert tab.current_uuid is not None
    return tab.current_uuid


def edit(window: MainWindow, values: dict[str, Any]) -> None:
    window.current_tab().form.set_values(values)
    window.save_action.trigger()
    assert not window.current_tab().is_dirty


@pytest.fixture
def say_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)


def test_undo_and_redo_a_sequence_of_edits(qtbot: QtBot, window: MainWindow) -> None:
    catalogue = window.catalogue
    uuid = select(window, "city", "lodz")
    original = catalogue.get("city", uuid)["notes"]
    edit(window, {"notes": "first"})
    edit(window, {"notes": "second"})
    assert window.undo_action.text() == "&Undo Edit “Łódź”"
    window.undo_action.trigger()
    assert catalogue.get("city", uuid)["notes"] == "first"
    assert window.current_tab().form.values()["notes"] == "first"
    window.undo_action.trigger()
    assert catalogue.get("city", uuid)["notes"] == original
    assert not window.undo_action.isEnabled() and window.redo_action.isEnabled()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert catalogue.get("city", uuid)["notes"] == "second"
    # Each undo and redo is a new local edit: history grows, the version moves on.
    assert len(catalogue.history("city", uuid)) == 1 + 2 + 2 + 2


def test_undo_of_an_add_deletes_and_redo_brings_it_back(qtbot: QtBot, window: MainWindow) -> None:
    catalogue = window.catalogue
    tab = window.current_tab()
    window.new_action.trigger()
    tab.form.set_values(city_values(name="Undoville"))
    window.save_action.trigger()
    uuid = tab.current_uuid
    assert uuid is not None and tab.total == 407
    window.undo_action.trigger()
    assert catalogue.get("city", uuid)["deleted"] is True and tab.total == 406
    assert tab.current_uuid != uuid
    window.redo_action.trigger()
    assert catalogue.get("city", uuid)["deleted"] is False
    assert tab.current_uuid == uuid and tab.selected_uuids() == [uuid]


def test_undo_of_delete_restores_and_of_restore_deletes(
    qtbot: QtBot, window: MainWindow, say_yes: None
) -> None:
    catalogue = window.catalogue
    tab = window.current_tab()
    uuid = select(window, "city", "lodz")
    window.delete_action.trigger()
    assert catalogue.get("city", uuid)["deleted"] is True
    window.undo_action.trigger()
    assert catalogue.get("city", uuid)["deleted"] is False and tab.current_uuid == uuid
    window.redo_action.trigger()
    assert catalogue.get("city", uuid)["deleted"] is True

    tab.set_deleted_view(True)
    assert tab.current_uuid == uuid
    window.restore_action.trigger()  # the last deleted one: back to the records, on it
    assert catalogue.get("city", uuid)["deleted"] is False
    assert not tab.deleted_view and tab.current_uuid == uuid
    window.undo_action.trigger()  # undo the restore: deleted again, as Delete would
    assert catalogue.get("city", uuid)["deleted"] is True
    assert not tab.deleted_view and tab.current_uuid != uuid
    history = [entry.action for entry in catalogue.history("city", uuid)]
    assert history[:5] == ["undo", "restore", "redo", "undo", "delete"]


def test_undo_goes_to_the_tab_of_the_record(qtbot: QtBot, window: MainWindow) -> None:
    uuid = select(window, "city", "lodz")
    edit(window, {"notes": "changed"})
    window.tabs.setCurrentWidget(window.tab_for("conference"))
    window.undo_action.trigger()
    assert window.current_tab().entity == "city"
    assert window.current_tab().current_uuid == uuid


def test_undo_asks_before_dropping_unsaved_changes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = select(window, "city", "lodz")
    edit(window, {"notes": "saved"})
    window.current_tab().form.set_values({"notes": "typed, not saved"})
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Cancel)
    window.undo_action.trigger()
    assert window.catalogue.get("city", uuid)["notes"] == "saved"
    assert window.current_tab().form.values()["notes"] == "typed, not saved"


def test_a_step_that_cannot_run_is_reported_and_dropped(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, say_yes: None
) -> None:
    catalogue = window.catalogue
    tab = window.current_tab()
    window.new_action.trigger()
    tab.form.set_values(city_values(name="Twin"))
    window.save_action.trigger()
    first = tab.current_uuid
    window.delete_action.trigger()
    catalogue.add("city", city_values(name="Twin"))  # entered again meanwhile (an import)
    window.refresh_all()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: errors.append(text))
    assert window.undo_stack.count() == 2
    window.undo_action.trigger()  # restoring the first would make a duplicate: refused
    assert len(errors) == 1 and "already in the catalogue" in errors[0]
    assert catalogue.get("city", first)["deleted"] is True
    assert window.undo_stack.count() == 1  # the step that cannot run is gone
    assert window.undo_action.text() == "&Undo Add “Twin”"


def test_version_restore_and_its_undo(qtbot: QtBot, window: MainWindow) -> None:
    catalogue = window.catalogue
    tab = window.current_tab()
    uuid = select(window, "city", "lodz")
    original = catalogue.get("city", uuid)
    edit(window, {"notes": "edited", "website": "https://lodz.example.pl"})
    first_version = catalogue.history("city", uuid)[-1]
    tab.history.restoreRequested.emit(first_version.id)
    restored = catalogue.get("city", uuid)
    assert (restored["notes"], restored["website"]) == (original["notes"], original["website"])
    assert tab.form.values()["notes"] == original["notes"]
    assert catalogue.history("city", uuid)[0].action == "restore-version"
    assert "earlier version" in window.undo_action.text()
    window.undo_action.trigger()
    assert catalogue.get("city", uuid)["notes"] == "edited"
    window.redo_action.trigger()
    assert catalogue.get("city", uuid)["notes"] == original["notes"]


def test_a_save_and_its_undo_are_written_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk's sync (a catalogue on a USB stick) must not freeze the window."""
    import threading

    from ccn_desktop.catalogue.facade import Catalogue

    threads: list[bool] = []
    labels: list[str] = []
    original = Catalogue.update
    tab = window.current_tab()

    def watched(self: Catalogue, *args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Catalogue, "update", watched)
    uuid = select(window, "city", "lodz")
    assert tab.pane is not None
    tab.pane.save_button.setText = labels.append  # type: ignore[method-assign]
    edit(window, {"notes": "written by the worker"})
    window.undo_action.trigger()
    assert threads == [False, False]  # the save, then the undo
    assert labels[:2] == ["Saving…", "&Save"]  # the form said it was saving
    assert window.catalogue is not None
    assert window.catalogue.get("city", uuid)["notes"] != "written by the worker"
