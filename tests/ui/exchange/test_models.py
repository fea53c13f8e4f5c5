"""Every item model of the exchange dialogs passes Qt's model tester, filled with real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ccn_desktop.exchange.offices import exchange_log, known_offices
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.ui.exchange.choice_model import ChoiceModel
from ccn_desktop.ui.exchange.conflicts import ConflictListModel, flagged_records
from ccn_desktop.ui.exchange.duplicates import DuplicateGroupsModel, duplicate_groups
from ccn_desktop.ui.exchange.exchange_log import ExchangeLogModel
from ccn_desktop.ui.exchange.offices import OfficesModel
from ccn_desktop.ui.exchange.preview_models import (
    ChangeFilter,
    ChangesModel,
    CountsModel,
    FieldDiffModel,
    PlanDuplicatesModel,
)
from ccn_desktop.ui.exchange.values import CityNameBook
from tests.helpers import city_values
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import export_in_window, import_in_window
from tests.ui.exchange.test_conflicts import make_conflict


def test_the_preview_models(
    qtmodeltester: Any, qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    uuid = dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    dakar.add("conference", {"year": 2026, "host_city_uuids": [uuid], "format": "Hybrid"})
    regional.add("city", city_values(name="Nis", country_code="RS", country="Serbia"))
    plan = make_plan(regional, read_bundle(export_in_window(qtbot, bare_window, dakar, stick).path))
    assert plan.changes and plan.duplicates
    for model in (
        CountsModel(plan),
        ChangesModel(plan.changes),
        PlanDuplicatesModel(plan.duplicates),
    ):
        qtmodeltester.check(model, force_py=True)
    proxy = ChangeFilter()
    proxy.setSourceModel(ChangesModel(plan.changes))
    proxy.set_kind("new")
    qtmodeltester.check(proxy, force_py=True)
    diff = FieldDiffModel(CityNameBook(regional, {uuid: "Niš"}))
    conference = next(c for c in plan.changes if c.entity == "conference")
    diff.set_change(conference)
    qtmodeltester.check(diff, force_py=True)
    hosts = next(r for r in range(diff.rowCount()) if diff.index(r, 0).data() == "Host cities")
    assert diff.index(hosts, 2).data() == "Niš"  # a link shows the city's name
    diff.set_change(None)
    assert diff.rowCount() == 0


def test_the_review_models(
    qtmodeltester: Any, qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional, uuid = make_conflict(qtbot, bare_window, make_office, stick)
    regional.add("city", city_values(name="Saint-Louis", country_code="FR", country="France"))
    versions = [regional.get("city", uuid), *regional.conflict_versions("city", uuid)]
    choice = ChoiceModel("city", versions, ["Mine", "Theirs"], with_deleted=True)
    qtmodeltester.check(choice, force_py=True)
    choice.set_only_differences(False)
    qtmodeltester.check(choice, force_py=True)
    assert choice.index(0, 0).data() == "Kept or deleted"
    assert choice.index(0, 1).data() == "Kept"
    conflicts = ConflictListModel()
    conflicts.set_records(flagged_records(regional))
    qtmodeltester.check(conflicts, force_py=True)
    assert conflicts.rowCount() == 1
    offices = OfficesModel()
    offices.set_offices(known_offices(regional))
    qtmodeltester.check(offices, force_py=True)
    assert offices.index(0, OfficesModel.FINGERPRINT).data() == dakar.office.fingerprint
    log = ExchangeLogModel(regional.office.uuid)
    log.set_entries(exchange_log(regional))
    qtmodeltester.check(log, force_py=True)
    assert log.rowCount() == 2


def test_the_duplicates_model(
    qtmodeltester: Any, qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    for office in (dakar, regional):
        office.add("project", {"title": "Film schools", "status": "Ongoing"})
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    model = DuplicateGroupsModel()
    model.set_groups(duplicate_groups(regional))
    qtmodeltester.check(model, force_py=True)
    assert [model.index(0, c).data() for c in range(3)] == [
        "Project", "Film schools / Film schools", "2",
    ]  # fmt: skip


def test_choosing_in_the_choice_model(qtmodeltester: Any) -> None:
    first = city_values(name="A", notes="one") | {"uuid": "1", "deleted": False}
    second = city_values(name="B", notes="two", objectives=["x", "y"]) | {
        "uuid": "2", "deleted": False,
    }  # fmt: skip
    model = ChoiceModel("city", [first, second], ["1", "2"])
    qtmodeltester.check(model, force_py=True)
    assert model.fields == ["name", "objectives", "notes"]
    unchecked = Qt.CheckState.Unchecked
    assert not model.setData(model.index(0, 1), unchecked, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.EditRole)
    assert model.setData(model.index(0, 2), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.chosen_values()["name"] == "B"
    assert model.chosen_values()["notes"] == "one"
    model.set_only_differences(False)
    row = model.fields.index("objectives")
    assert model.index(row, 2).data() == "x\ny"
    assert model.index(row, 3).data() == "—"  # the result: version 1 has none
    with pytest.raises(ValueError, match="two or more"):
        ChoiceModel("city", [first], ["1"])


def test_the_preview_names_a_merge_and_the_fields_each_side_brought(
    qtmodeltester: Any, qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    uuid = dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    dakar.update("city", uuid, {"focal_point_email": "focal@ni.rs"})
    regional.update("city", uuid, {"description": "City of Music since 2017."})
    plan = make_plan(regional, read_bundle(export_in_window(qtbot, bare_window, dakar, stick).path))
    changes = ChangesModel(plan.changes)
    qtmodeltester.check(changes, force_py=True)
    assert changes.index(0, ChangesModel.KIND).data() == "Merged (different fields)"
    assert changes.index(0, ChangesModel.FIELDS).data() == "here: Description; bundle: E-mail"
    counts = CountsModel(plan)
    headers = [counts.headerData(c, Qt.Orientation.Horizontal) for c in range(counts.columnCount())]
    assert "Merged (different fields)" in headers
