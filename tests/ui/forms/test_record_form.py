"""RecordForm driven as a user would: real widgets on a real starter catalogue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.forms import RecordForm
from ccn_desktop.ui.forms.editor_base import INVALID_PROPERTY
from tests.ui.forms.conftest import OFFSCREEN_NOISE, city_uuid, type_text

pytestmark = OFFSCREEN_NOISE


def make_form(qtbot: QtBot, catalogue: Catalogue, entity: str) -> RecordForm:
    form = RecordForm(catalogue, entity)
    qtbot.addWidget(form)
    form.resize(640, 800)
    form.show()
    return form


def fields_of(snapshot: dict[str, Any], entity: str) -> dict[str, Any]:
    return {name: snapshot[name] for name in ENTITIES[entity].field_names}


def load_city(qtbot: QtBot, catalogue: Catalogue, name: str) -> tuple[RecordForm, str]:
    form = make_form(qtbot, catalogue, "city")
    uuid = city_uuid(catalogue, name)
    form.load(catalogue.get("city", uuid))
    return form, uuid


def test_loading_a_city_shows_its_values_unchanged(qtbot: QtBot, seeded: Catalogue) -> None:
    form, uuid = load_city(qtbot, seeded, "Sarajevo")
    snapshot = seeded.get("city", uuid)
    assert form.current_uuid == uuid
    assert form.editors["name"].line.text() == "Sarajevo"
    assert form.editors["country_code"].combo.currentText() == "Bosnia and Herzegovina (BA)"
    assert form.editors["designation_year"].spin.value() == 2019
    assert form.values() == fields_of(snapshot, "city")
    assert not form.is_dirty()
    assert form.is_valid()


@pytest.mark.parametrize("entity", ["city", "conference", "project"])
def test_saving_an_untouched_form_changes_nothing(
    qtbot: QtBot, seeded: Catalogue, entity: str
) -> None:
    uuid = seeded.uuid_of(entity, seeded.ids(entity)[-1])
    before = seeded.get(entity, uuid)
    form = make_form(qtbot, seeded, entity)
    form.load(before)
    seeded.update(entity, uuid, form.values())
    assert fields_of(seeded.get(entity, uuid), entity) == fields_of(before, entity)


def test_typing_makes_the_form_dirty_and_values_carry_it(qtbot: QtBot, seeded: Catalogue) -> None:
    form, uuid = load_city(qtbot, seeded, "Sarajevo")
    role = form.editors["focal_point_role"].line
    with qtbot.waitSignal(form.dirtyChanged) as dirty:
        qtbot.keyClicks(role, "Film commissioner")
    assert dirty.args == [True]
    assert form.is_dirty()
    assert form.values()["focal_point_role"] == "Film commissioner"
    seeded.update("city", uuid, form.values())
    assert seeded.get("city", uuid)["focal_point_role"] == "Film commissioner"


def test_invalid_email_is_marked_with_its_reason_and_fixing_it_clears(
    qtbot: QtBot, seeded: Catalogue
) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    editor = form.editors["focal_point_email"]
    with qtbot.waitSignal(form.validityChanged, timeout=2000) as validity:
        qtbot.keyClicks(editor.line, "film.sarajevo.ba")
    assert validity.args == [False]
    reason = "is not an e-mail address (name@example.org)"
    assert editor.problem() == reason
    assert editor.reason_label.text() == reason
    assert editor.reason_label.isVisibleTo(form)
    assert editor.frame.property(INVALID_PROPERTY) is True
    assert reason in editor.line.accessibleDescription()
    # The reason sits directly below the field.
    assert editor.reason_label.mapTo(form, editor.reason_label.rect().topLeft()).y() > (
        editor.line.mapTo(form, editor.line.rect().bottomLeft()).y()
    )
    editor.line.clear()
    with qtbot.waitSignal(form.validityChanged, timeout=2000) as validity:
        qtbot.keyClicks(editor.line, "film@sarajevo.ba")
    assert validity.args == [True]
    assert editor.problem() is None
    assert not editor.reason_label.isVisibleTo(form)
    assert editor.frame.property(INVALID_PROPERTY) is False


def test_focus_first_invalid_goes_to_the_field_in_reading_order(
    qtbot: QtBot, seeded: Catalogue
) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    form.activateWindow()
    form.set_values({"website": "sarajevo dot ba", "focal_point_phone": "call me"})
    assert not form.is_valid()
    assert [p.field for p in form.problems()] == ["website", "focal_point_phone"]
    assert form.focus_first_invalid()
    qtbot.waitUntil(lambda: form.editors["website"].line.hasFocus())


def test_revert_restores_the_loaded_values(qtbot: QtBot, seeded: Catalogue) -> None:
    form, uuid = load_city(qtbot, seeded, "Sarajevo")
    qtbot.keyClicks(form.editors["name"].line, " (old town)")
    form.set_values({"notes": "something else", "objectives": []})
    assert form.is_dirty()
    with qtbot.waitSignal(form.dirtyChanged) as dirty:
        form.revert()
    assert dirty.args == [False]
    assert form.values() == fields_of(seeded.get("city", uuid), "city")


def test_set_values_is_an_edit_and_load_is_not(qtbot: QtBot, seeded: Catalogue) -> None:
    form, uuid = load_city(qtbot, seeded, "Sarajevo")
    original = seeded.get("city", uuid)
    form.load(None)  # Duplicate: a new record with the original's values
    assert form.current_uuid is None
    form.set_values(original)
    assert form.is_dirty()
    assert form.values() == fields_of(original, "city")
    # Same name, country and field: the catalogue's duplicate rule applies as you type.
    assert [p.field for p in form.problems()] == ["name"]
    assert "already in the catalogue" in form.editors["name"].problem()


def test_a_new_form_starts_with_defaults_and_no_red(qtbot: QtBot, seeded: Catalogue) -> None:
    """Required fields say so once touched or on Save, not before anything was typed."""
    form = make_form(qtbot, seeded, "city")
    values = form.values()
    expected = {spec.name: spec.empty() for spec in ENTITIES["city"].fields}
    assert values == {**expected, "membership_status": "Active"}
    assert not form.is_valid()
    required = {spec.name for spec in ENTITIES["city"].fields if spec.required}
    assert {p.field for p in form.problems()} == required - {"membership_status"}
    assert all(editor.problem() is None for editor in form.editors.values())
    assert form.has_hidden_problems()
    type_text(form.editors["name"].line, "x")
    form.editors["name"].line.clear()
    form.validate_now()
    assert form.editors["name"].problem() == "is required"  # touched: now it says
    assert form.editors["designation_year"].problem() is None
    form.show_problems(form.problems())  # what Save does
    assert form.editors["designation_year"].reason_label.text() == "is required"
    assert not form.has_hidden_problems()


def test_a_title_is_all_a_new_project_needs(qtbot: QtBot, seeded: Catalogue) -> None:
    form = make_form(qtbot, seeded, "project")
    assert form.values()["status"] == "Planned"
    type_text(form.editors["title"].line, "Music for schools")
    assert form.validate_now() == []
    uuid = seeded.add("project", form.values())
    assert seeded.get("project", uuid)["status"] == "Planned"


def test_the_reason_line_keeps_its_place_when_empty(qtbot: QtBot, seeded: Catalogue) -> None:
    """The layout does not jump when a reason appears or goes."""
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    editor = form.editors["website"]
    below = form.editors["focal_point_name"]
    qtbot.wait(10)
    top, height = below.mapTo(form, below.rect().topLeft()).y(), editor.height()
    editor.set_problem("is not a web address")
    qtbot.wait(10)
    assert editor.reason_label.isVisibleTo(form)
    assert (below.mapTo(form, below.rect().topLeft()).y(), editor.height()) == (top, height)
    editor.set_problem(None)
    qtbot.wait(10)
    assert (below.mapTo(form, below.rect().topLeft()).y(), editor.height()) == (top, height)


def test_a_new_city_typed_in_is_accepted_by_the_catalogue(qtbot: QtBot, seeded: Catalogue) -> None:
    form = make_form(qtbot, seeded, "city")
    type_text(form.editors["name"].line, "Gdańsk")
    qtbot.keyClicks(form.editors["country_code"].combo.lineEdit(), "pol")
    qtbot.keyClick(form.editors["country_code"].combo.lineEdit(), Qt.Key.Key_Return)
    form.editors["creative_field"].choose("Film")
    form.editors["membership_status"].choose("Active")
    spin = form.editors["designation_year"].spin
    spin.selectAll()
    qtbot.keyClicks(spin, "2017")
    assert form.validate_now() == []
    uuid = seeded.add("city", form.values())
    stored = seeded.get("city", uuid)
    assert (stored["name"], stored["country_code"], stored["country"], stored["region"]) == (
        "Gdańsk",
        "PL",
        "Poland",
        "Europe and North America",
    )
    assert stored["designation_year"] == 2017


def test_year_can_be_emptied_and_set(qtbot: QtBot, seeded: Catalogue) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    spin = form.editors["designation_year"].spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Delete)
    spin.interpretText()
    assert form.values()["designation_year"] is None
    assert spin.text() in ("", "—")
    assert form.validate_now()[0].field == "designation_year"
    assert form.editors["designation_year"].problem() == "is required"
    qtbot.keyClicks(spin, "2021")
    assert form.values()["designation_year"] == 2021


def test_an_empty_year_steps_to_this_year(qtbot: QtBot, seeded: Catalogue) -> None:
    form = make_form(qtbot, seeded, "project")
    spin = form.editors["start_year"].spin
    assert form.values()["start_year"] is None
    assert spin.text() == "—"
    spin.stepUp()
    assert form.values()["start_year"] == dt.date.today().year


def test_conference_dates_are_empty_or_set(qtbot: QtBot, seeded: Catalogue) -> None:
    form = make_form(qtbot, seeded, "conference")
    start = form.editors["start_date"]
    assert form.values()["start_date"] is None
    assert not start.date.isEnabled()
    qtbot.mouseClick(start.check, Qt.MouseButton.LeftButton)
    assert start.date.isEnabled()
    start.date.setDate(start.date.date().fromString("2016-09-14", Qt.DateFormat.ISODate))
    assert form.values()["start_date"] == "2016-09-14"
    assert form.is_dirty()
    qtbot.mouseClick(start.check, Qt.MouseButton.LeftButton)
    assert form.values()["start_date"] is None
    form.set_values({"start_date": "2019-06-10", "end_date": "2019-06-08", "year": 2019})
    assert form.values()["start_date"] == "2019-06-10"
    assert form.editors["end_date"].problem() == "must not be before the start date"


def test_float_accepts_a_decimal_comma_and_names_half_typed_input(
    qtbot: QtBot, seeded: Catalogue
) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    latitude = form.editors["latitude"].line
    assert latitude.text()  # located by the reference data
    latitude.clear()
    qtbot.keyClicks(latitude, "43,8563")
    assert form.values()["latitude"] == pytest.approx(43.8563)
    qtbot.keyClicks(latitude, "abc")  # refused by the validator
    assert latitude.text() == "43,8563"
    latitude.clear()
    qtbot.keyClicks(latitude, "-")
    assert form.values()["latitude"] == "-"
    form.validate_now()
    assert form.editors["latitude"].problem() == "must be a number"
    form.set_values({"latitude": 1e-05})
    assert latitude.text() == "0.00001"
    assert form.values()["latitude"] == 1e-05


def test_choices_keep_the_stored_keys_and_optional_ones_can_be_emptied(
    qtbot: QtBot, seeded: Catalogue
) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    region = form.editors["region"].combo
    assert region.itemText(0) == "—"
    with qtbot.waitSignal(form.dirtyChanged):
        qtbot.keyClick(region, Qt.Key.Key_Home)  # the first entry: none
    assert form.values()["region"] == ""
    field = form.editors["creative_field"].combo
    assert field.findData("") == -1  # required: no empty entry
    assert form.values()["creative_field"] == "Film"


def test_monitoring_line_counts_from_the_last_report(qtbot: QtBot, seeded: Catalogue) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    label = form.monitoring_label
    assert label is not None
    assert label.text().startswith("no report recorded") and "2023" in label.text()
    assert "overdue" not in label.text() and not label.font().bold()  # no dates: no alarm
    form.editors["report_dates"].add(dt.date(2020, 3, 1))
    assert "2024-03-01" in label.text() and "overdue" in label.text()  # a known date: red
    assert label.font().bold()
    form.editors["report_dates"].add(dt.date.today())
    assert "overdue" not in label.text()
    assert label.accessibleName().startswith("Next monitoring report due: ")
    assert form.values()["report_dates"][-1] == dt.date.today().isoformat()


def test_every_input_has_an_accessible_name_and_a_labelled_mnemonic(
    qtbot: QtBot, seeded: Catalogue
) -> None:
    for entity in ENTITIES:
        form = make_form(qtbot, seeded, entity)
        mnemonics = []
        for name, editor in form.editors.items():
            assert editor.input_widget().accessibleName(), name
            label = form.labels[name]
            assert label.buddy() is editor.focus_widget()
            text = label.text()
            if "&" in text.replace("&&", ""):
                mnemonics.append(text[text.index("&") + 1].casefold())
        assert len(mnemonics) == len(set(mnemonics)), entity
        assert not set(mnemonics) & set("fevh")  # the window's menus


def test_group_boxes_follow_the_spec_in_reading_order(qtbot: QtBot, seeded: Catalogue) -> None:
    form = make_form(qtbot, seeded, "city")
    assert list(form.group_boxes) == [
        "Identity",
        "Focal point",
        "Description",
        "Monitoring",
        "Notes",
    ]
    tops = [box.y() for box in form.group_boxes.values()]
    assert tops == sorted(tops)
    order: list[QWidget] = []
    widget = form.editors["name"].focus_widget()
    for _ in range(200):
        order.append(widget)
        widget = widget.nextInFocusChain()
    positions = [
        order.index(form.editors[n].focus_widget())
        for n in ("name", "country_code", "focal_point_email", "description", "notes")
    ]
    assert positions == sorted(positions)
    assert isinstance(form.labels["name"], QLabel)


def test_a_citys_relations_come_right_after_its_identity(qtbot: QtBot, seeded: Catalogue) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    assert form.relations is not None
    boxes = [form.group_boxes["Identity"], form.relations, form.group_boxes["Focal point"]]
    tops = [box.mapTo(form.scroll_area.widget(), box.rect().topLeft()).y() for box in boxes]
    assert tops == sorted(tops)


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_form_field_is_described_in_the_entity_spec(
    qtbot: QtBot, catalogue: Catalogue, entity: str
) -> None:
    """entities.py is the single description: the form has exactly its fields."""
    form = make_form(qtbot, catalogue, entity)
    assert set(form.editors) == set(ENTITIES[entity].field_names)
