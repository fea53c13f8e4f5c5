"""The searchable country and currency pickers, and the form's reaction to a country."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.entities import CITY, PROJECT
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.forms import RecordForm
from ccn_desktop.ui.forms.code_picker import (
    CODE_ROLE,
    CodePicker,
    FoldedFilterModel,
    country_entries,
    entry_model,
)
from tests.ui.forms.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def pick_by_keyboard(qtbot: QtBot, picker: CodePicker, text: str) -> None:
    """Type, move into the suggestions, take the first: what a keyboard user does."""
    line = picker.combo.lineEdit()
    qtbot.keyClicks(line, text)
    popup = picker.completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "code", "name", "region"),
    [
        ("pol", "PL", "Poland", "Europe and North America"),
        ("cote d", "CI", "Côte d'Ivoire", "Africa"),
        ("COTE D'IV", "CI", "Côte d'Ivoire", "Africa"),
        ("bosnia", "BA", "Bosnia and Herzegovina", "Europe and North America"),
        ("south kor", "KR", "South Korea", "Asia and the Pacific"),
    ],
)
def test_typing_finds_the_country_and_fills_name_and_region(
    qtbot: QtBot, empty_catalogue: Catalogue, typed: str, code: str, name: str, region: str
) -> None:
    form = RecordForm(empty_catalogue, "city")
    qtbot.addWidget(form)
    form.show()
    picker = form.editors["country_code"]
    assert isinstance(picker, CodePicker)
    with qtbot.waitSignal(picker.picked) as picked:
        pick_by_keyboard(qtbot, picker, typed)
    assert picked.args == [code]
    values = form.values()
    assert (values["country_code"], values["country"], values["region"]) == (code, name, region)
    assert form.is_dirty()


def test_first_suggestion_is_the_best_match(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    form = RecordForm(empty_catalogue, "city")
    qtbot.addWidget(form)
    picker = form.editors["country_code"]
    picker.filter.set_text("pol")
    firsts = [picker.filter.index(row, 0).data() for row in range(picker.filter.rowCount())]
    assert firsts[0] == "Poland (PL)"
    assert "French Polynesia (PF)" in firsts
    picker.filter.set_text("ci")  # a code wins over names containing it
    assert picker.filter.index(0, 0).data(CODE_ROLE) == "CI"


def test_a_region_already_set_is_kept(qtbot: QtBot, empty_catalogue: Catalogue) -> None:
    form = RecordForm(empty_catalogue, "city")
    qtbot.addWidget(form)
    form.show()
    form.set_values({"region": "Arab States"})
    pick_by_keyboard(qtbot, form.editors["country_code"], "pol")
    assert form.values()["region"] == "Arab States"
    assert form.values()["country"] == "Poland"


def test_enter_takes_the_best_suggestion_and_exact_names_settle_on_leaving(
    qtbot: QtBot, empty_catalogue: Catalogue
) -> None:
    form = RecordForm(empty_catalogue, "city")
    qtbot.addWidget(form)
    form.show()
    picker = form.editors["country_code"]
    line = picker.combo.lineEdit()
    qtbot.keyClicks(line, "pol")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert picker.value() == "PL"
    picker.set_value("")
    qtbot.keyClicks(line, "sweden")
    line.editingFinished.emit()
    assert picker.value() == "SE"
    assert line.text() == "Sweden (SE)"


def test_text_that_names_no_country_is_kept_and_refused_by_the_rules(
    qtbot: QtBot, empty_catalogue: Catalogue
) -> None:
    form = RecordForm(empty_catalogue, "city")
    qtbot.addWidget(form)
    form.show()
    picker = form.editors["country_code"]
    qtbot.keyClicks(picker.combo.lineEdit(), "Narnia")
    picker.combo.lineEdit().editingFinished.emit()
    assert form.values()["country_code"] == "Narnia"
    form.validate_now()
    assert picker.problem() == "'NARNIA' is not an ISO 3166-1 alpha-2 country code"


def test_a_stored_code_shows_its_name_and_an_unknown_one_stays(
    qtbot: QtBot, empty_catalogue: Catalogue
) -> None:
    picker = CodePicker(CITY.field("country_code"))
    qtbot.addWidget(picker)
    picker.set_value("pl")
    assert (picker.combo.currentText(), picker.value()) == ("Poland (PL)", "PL")
    picker.set_value("YU")  # Yugoslavia: no longer in ISO 3166-1
    assert picker.value() == "YU"
    picker.set_value(None)
    assert picker.value() == ""


def test_currency_picker(qtbot: QtBot) -> None:
    picker = CodePicker(PROJECT.field("currency"))
    qtbot.addWidget(picker)
    picker.show()
    with qtbot.waitSignal(picker.picked) as picked:
        pick_by_keyboard(qtbot, picker, "euro")
    assert picked.args == ["EUR"]
    assert picker.value() == "EUR"
    picker.set_value("")
    qtbot.keyClicks(picker.combo.lineEdit(), "chf")
    picker.combo.lineEdit().editingFinished.emit()
    assert picker.value() == "CHF"


def test_folded_filter_model_passes_the_model_tester(qtmodeltester) -> None:
    source = entry_model(country_entries())
    model = FoldedFilterModel()
    model.setSourceModel(source)
    model.set_text("ar")
    qtmodeltester.check(model)
    assert 0 < model.rowCount() < source.rowCount()
    assert all(
        "ar" in model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
        for row in range(model.rowCount())
    )
