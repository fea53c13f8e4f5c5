"""The history panel: versions listed, one viewed against the current one, restore asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.entities import CITY
from ccn_desktop.catalogue.facade import REDO, UNDO, Catalogue, HistoryEntry
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.history_models import (
    DIFFERS_ROLE,
    HISTORY_ID_ROLE,
    HistoryTableModel,
    VersionValuesModel,
    local_time,
)
from ccn_desktop.ui.history_panel import HistoryPanel
from tests.exchange.exchanging import send
from tests.helpers import city_values


def edited_city(catalogue: Catalogue) -> str:
    host = catalogue.add("city", city_values(name="Katowice", country_code="PL", country="Poland"))
    uuid = catalogue.add("city", city_values(notes="first", objectives=["One"]))
    catalogue.update("city", uuid, {"notes": "second", "focal_point_email": "a@b.org"})
    catalogue.add("conference", {"year": 2018, "host_city_uuids": [host, uuid]})
    return uuid


def panel_for(qtbot: QtBot, catalogue: Catalogue, uuid: str) -> HistoryPanel:
    panel = HistoryPanel(catalogue)
    qtbot.addWidget(panel)
    panel.load("city", uuid)
    panel.resize(560, 600)
    panel.show()
    return panel


def cell(model: object, row: int, column: int) -> str:
    return model.index(row, column).data()  # type: ignore[attr-defined]


def test_lists_versions_newest_first_with_office_and_origin(
    qtbot: QtBot, empty_catalogue: Catalogue
) -> None:
    uuid = edited_city(empty_catalogue)
    panel = panel_for(qtbot, empty_catalogue, uuid)
    model = panel.model
    assert model.rowCount() == 2
    assert [cell(model, row, 1) for row in range(2)] == ["Edited", "Created"]
    assert cell(model, 0, 2) == "Test office"
    assert cell(model, 0, 3) == "Local edit"
    entries = empty_catalogue.history("city", uuid)
    assert model.index(1, 0).data(HISTORY_ID_ROLE) == entries[1].id
    assert cell(model, 0, 0) == local_time(entries[0].at)
    assert "2 version" in panel.title.text() and "Testville" in panel.title.text()


def test_selecting_an_older_version_shows_what_differs_and_restore_asks(
    qtbot: QtBot, empty_catalogue: Catalogue
) -> None:
    uuid = edited_city(empty_catalogue)
    panel = panel_for(qtbot, empty_catalogue, uuid)
    assert panel.selected_entry() is not None
    assert not panel.restore_button.isEnabled()  # the newest version is the current one
    assert panel.values_model.differing_fields() == []
    older = panel.versions.visualRect(panel.model.index(1, 0)).center()
    qtbot.mouseClick(panel.versions.viewport(), Qt.MouseButton.LeftButton, pos=older)
    assert panel.values_model.differing_fields() == ["E-mail", "Notes"]
    values = panel.values_model
    notes = next(row for row in range(values.rowCount()) if cell(values, row, 0) == "Notes")
    assert (cell(values, notes, 1), cell(values, notes, 2)) == ("first", "second")
    assert values.index(notes, 1).data(DIFFERS_ROLE) is True
    assert values.index(notes, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert panel.restore_button.isEnabled()
    history_id = empty_catalogue.history("city", uuid)[1].id
    with qtbot.waitSignal(panel.restoreRequested) as requested:
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert requested.args == [history_id]
    # The window restores; the panel reads the record again.
    empty_catalogue.restore_version("city", uuid, history_id)
    panel.refresh()
    assert panel.model.rowCount() == 3
    assert cell(panel.model, 0, 1) == "Earlier version restored"


def test_a_deleted_record_shows_its_deletion(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    uuid = edited_city(empty_catalogue)
    empty_catalogue.delete("city", uuid)
    panel = panel_for(qtbot, empty_catalogue, uuid)
    assert cell(panel.model, 0, 1) == "Deleted"
    panel.select_row(1)
    assert "Deleted" in panel.values_model.differing_fields()
    assert panel.restore_button.isEnabled()


def test_starter_versions_name_their_origin(qtbot: QtBot, catalogue: Catalogue) -> None:
    uuid = catalogue.uuid_of("city", catalogue.ids("city")[0])
    panel = panel_for(qtbot, catalogue, uuid)
    assert cell(panel.model, 0, 3) == "Starter catalogue"
    assert cell(panel.model, 0, 2) == "Starter catalogue"


def test_versions_from_another_office_name_it(
    qtbot: QtBot, empty_catalogue: Catalogue, tmp_path: Path
) -> None:
    """After an import the history says "Nairobi", not the office's UUID."""
    nairobi = Catalogue.open(
        DataPaths.in_folder(tmp_path / "nairobi"), office_name="Nairobi", starter=False
    )
    try:
        uuid = nairobi.add("city", city_values())
        send(nairobi, empty_catalogue, tmp_path / "stick")
        panel = panel_for(qtbot, empty_catalogue, uuid)
        assert cell(panel.model, 0, 2) == "Nairobi"
        assert cell(panel.model, 0, 3) == "Bundle"
    finally:
        nairobi.close()


def test_versions_are_listed_by_time_newest_first(empty_catalogue: Catalogue) -> None:
    """A bundle brings older changes after newer local ones: the list is by time anyway."""
    model = HistoryTableModel(empty_catalogue)

    def entry(history_id: int, at: str) -> HistoryEntry:
        return HistoryEntry(history_id, "update", "local", "o", None, at, {}, {})

    model.set_entries(
        [entry(3, "2026-01-02T10:00:00+00:00"), entry(2, "2026-03-01T10:00:00+00:00"),
         entry(1, "2026-02-01T10:00:00+00:00")]
    )  # fmt: skip
    assert [model.entry_at(row).id for row in range(3)] == [2, 1, 3]


def test_undo_and_redo_are_named_in_the_history(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    uuid = edited_city(empty_catalogue)
    empty_catalogue.update("city", uuid, {"notes": "first"}, step=UNDO)
    empty_catalogue.update("city", uuid, {"notes": "second"}, step=REDO)
    empty_catalogue.delete("city", uuid, step=REDO)
    empty_catalogue.restore("city", uuid, step=UNDO)
    panel = panel_for(qtbot, empty_catalogue, uuid)
    actions = [cell(panel.model, row, 1) for row in range(panel.model.rowCount())]
    assert actions == ["Undone", "Redone", "Redone", "Undone", "Edited", "Created"]


def test_the_version_list_has_room_for_several_versions(
    qtbot: QtBot, empty_catalogue: Catalogue
) -> None:
    panel = panel_for(qtbot, empty_catalogue, edited_city(empty_catalogue))
    rows = panel.versions.verticalHeader().defaultSectionSize()
    assert panel.versions.minimumHeight() >= 5 * rows
    assert panel.values_title.buddy() is panel.values


def test_a_reference_update_names_its_release(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    model = HistoryTableModel(empty_catalogue)
    assert model.origin_text("reference-2") == "Reference update 2"
    assert model.origin_text("reference-x") == "reference-x"  # unknown words show as stored
    assert model.origin_text("bundle") == "Bundle"


def test_an_unknown_office_shows_its_uuid(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    model = HistoryTableModel(empty_catalogue)
    other = "0b7e1f55-2a36-4a8d-9f0e-4f5c4e7d9a11"
    assert model.office_name(other) == other
    assert model.office_name(empty_catalogue.office.uuid) == "Test office"


def test_nothing_loaded(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    panel = HistoryPanel(empty_catalogue)
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 0
    assert panel.values_model.rowCount() == 0
    assert not panel.restore_button.isEnabled()


def test_local_time_reads_utc_in_this_computers_zone() -> None:
    moment = dt.datetime(2025, 3, 1, 12, 30, tzinfo=dt.UTC)
    assert local_time(moment.isoformat()) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
    assert local_time("not a time") == "not a time"


def test_linked_cities_show_by_name(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    uuid = edited_city(empty_catalogue)
    conference = empty_catalogue.linked("conference", uuid)[0]
    panel = HistoryPanel(empty_catalogue)
    qtbot.addWidget(panel)
    panel.load("conference", conference)
    values = panel.values_model
    hosts = next(row for row in range(values.rowCount()) if cell(values, row, 0) == "Host cities")
    assert cell(values, hosts, 1) == "• Katowice (Poland)\n• Testville (France)"


def test_models_pass_the_model_tester(qtmodeltester, empty_catalogue: Catalogue) -> None:
    uuid = edited_city(empty_catalogue)
    entries = empty_catalogue.history("city", uuid)
    history = HistoryTableModel(empty_catalogue)
    history.set_entries(entries)
    qtmodeltester.check(history)
    values = VersionValuesModel()
    values.set_versions(CITY, entries[1].snapshot, entries[0].snapshot)
    qtmodeltester.check(values)
    assert values.rowCount() == len(CITY.fields)
