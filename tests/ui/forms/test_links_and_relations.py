"""Linked cities (conference hosts, project cities) and a city's relations, followed."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.forms import RecordForm
from ccn_desktop.ui.forms.links_editor import LinksEditor
from ccn_desktop.ui.forms.record_list_model import RecordItem, RecordListModel
from tests.ui.forms.conftest import OFFSCREEN_NOISE, city_uuid

pytestmark = OFFSCREEN_NOISE


def conference_of(catalogue: Catalogue, year: int) -> str:
    ids = catalogue.ids("conference", RecordQuery(equals={"year": year}))
    return catalogue.uuid_of("conference", ids[0])


def shown_form(qtbot: QtBot, catalogue: Catalogue, entity: str) -> RecordForm:
    form = RecordForm(catalogue, entity)
    qtbot.addWidget(form)
    form.resize(640, 900)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def hosts_editor(form: RecordForm) -> LinksEditor:
    editor = form.editors["host_city_uuids"]
    assert isinstance(editor, LinksEditor)
    return editor


def test_hosts_are_listed_by_name_country_and_field(qtbot: QtBot, seeded: Catalogue) -> None:
    form = shown_form(qtbot, seeded, "conference")
    form.load(seeded.get("conference", conference_of(seeded, 2018)))
    model = hosts_editor(form).model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "Kraków — Poland · Literature",
        "Katowice — Poland · Music",
    ]


def test_add_hosts_with_the_picker(qtbot: QtBot, seeded: Catalogue) -> None:
    form = shown_form(qtbot, seeded, "conference")
    form.load(seeded.get("conference", conference_of(seeded, 2016)))
    editor = hosts_editor(form)
    before = editor.value()
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    picker = editor.picker
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.filter, "lodz")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert picker.table.hasFocus()
    with qtbot.waitSignal(form.dirtyChanged):
        qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert not picker.isVisible()
    lodz = city_uuid(seeded, "Łódź")
    assert editor.value() == [*before, lodz]
    assert form.validate_now() == []
    # Several at once; a city already there is not added twice.
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(picker.filter, "poland")
    qtbot.waitUntil(lambda: picker.model.rowCount() > 2)
    chosen = []
    for row in range(picker.model.rowCount()):
        if picker.model.uuid_at(row) == lodz or len(chosen) < 2:
            picker.table.selectionModel().select(
                picker.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
            chosen.append(picker.model.uuid_at(row))
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    new = [uuid for uuid in chosen if uuid != lodz]
    assert editor.value() == [*before, lodz, *new]


def test_enter_in_the_picker_takes_the_only_match(qtbot: QtBot, seeded: Catalogue) -> None:
    form = shown_form(qtbot, seeded, "project")
    editor = form.editors["city_uuids"]
    assert isinstance(editor, LinksEditor)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    picker = editor.picker
    assert picker is not None
    qtbot.keyClicks(picker.filter, "sarajevo")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert editor.value() == [city_uuid(seeded, "Sarajevo")]


def test_remove_and_reorder_hosts(qtbot: QtBot, seeded: Catalogue) -> None:
    form = shown_form(qtbot, seeded, "conference")
    uuid = conference_of(seeded, 2018)
    form.load(seeded.get("conference", uuid))
    editor = hosts_editor(form)
    krakow, katowice = editor.value()
    editor.select_row(1)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.value() == [katowice, krakow]
    assert form.is_dirty()
    seeded.update("conference", uuid, form.values())
    assert seeded.get("conference", uuid)["host_city_uuids"] == [katowice, krakow]
    editor.view.setFocus()
    editor.select_row(0)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.value() == [krakow]


def test_a_conference_needs_a_host_or_a_venue(qtbot: QtBot, seeded: Catalogue) -> None:
    form = shown_form(qtbot, seeded, "conference")
    form.load(seeded.get("conference", conference_of(seeded, 2018)))
    editor = hosts_editor(form)
    editor.select_row(0)
    editor.remove_current()
    editor.remove_current()
    form.validate_now()
    assert editor.problem() == "name at least one host city or a venue"


def test_hosts_are_followed_by_double_click_enter_and_open(qtbot: QtBot, seeded: Catalogue) -> None:
    form = shown_form(qtbot, seeded, "conference")
    form.load(seeded.get("conference", conference_of(seeded, 2018)))
    editor = hosts_editor(form)
    krakow, katowice = editor.value()
    view = editor.view
    second = view.visualRect(editor.model.index(1, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=second)
    with qtbot.waitSignal(form.linkActivated) as followed:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert followed.args == ["city", katowice]
    view.setFocus()
    editor.select_row(0)
    with qtbot.waitSignal(form.linkActivated) as followed:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert followed.args == ["city", krakow]
    with qtbot.waitSignal(form.linkActivated) as followed:
        qtbot.mouseClick(editor.open_button, Qt.MouseButton.LeftButton)
    assert followed.args == ["city", krakow]


def test_krakow_relations_list_the_conference_it_hosted(qtbot: QtBot, seeded: Catalogue) -> None:
    form = shown_form(qtbot, seeded, "city")
    form.load(seeded.get("city", city_uuid(seeded, "Kraków")))
    assert form.relations is not None
    assert form.relations.labels("conference") == ["2018 Kraków / Katowice"]
    assert form.relations.labels("project") == []
    assert form.relations.empty_labels["project"].isVisibleTo(form)


def test_sarajevo_relations_are_followed_with_one_click_or_enter(
    qtbot: QtBot, seeded: Catalogue
) -> None:
    sarajevo = city_uuid(seeded, "Sarajevo")
    project = seeded.add(
        "project", {"title": "Film for all", "status": "Ongoing", "city_uuids": [sarajevo]}
    )
    conference = seeded.add("conference", {"year": 2030, "host_city_uuids": [sarajevo]})
    form = shown_form(qtbot, seeded, "city")
    form.load(seeded.get("city", sarajevo))
    relations = form.relations
    assert relations is not None
    assert relations.labels("project") == ["Film for all"]
    assert relations.labels("conference") == ["2030 Sarajevo"]
    view = relations.lists["project"]
    with qtbot.waitSignal(form.linkActivated) as followed:
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.visualRect(view.model().index(0, 0)).center(),
        )
    assert followed.args == ["project", project]
    conferences = relations.lists["conference"]
    conferences.setFocus()
    conferences.setCurrentIndex(conferences.model().index(0, 0))
    with qtbot.waitSignal(form.linkActivated) as followed:
        qtbot.keyClick(conferences, Qt.Key.Key_Return)
    assert followed.args == ["conference", conference]
    form.load(None)
    assert relations.labels("project") == []


def test_record_list_model_passes_the_model_tester(qtmodeltester) -> None:
    model = RecordListModel(as_links=True)
    model.set_items([RecordItem("city", f"u{n}", f"City {n}", "Somewhere") for n in range(5)])
    qtmodeltester.check(model)
    assert model.moveRows(model.index(0, 0).parent(), 0, 1, model.index(0, 0).parent(), 3)
    assert model.uuids() == ["u1", "u2", "u0", "u3", "u4"]
    assert model.moveRows(model.index(0, 0).parent(), 4, 1, model.index(0, 0).parent(), 0)
    assert model.uuids() == ["u4", "u1", "u2", "u0", "u3"]
    assert not model.moveRows(model.index(0, 0).parent(), 1, 1, model.index(0, 0).parent(), 2)
    assert model.removeRows(1, 2)
    assert model.uuids() == ["u4", "u0", "u3"]
    assert model.index(0, 0).data() == "City 4 — Somewhere"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).underline()
