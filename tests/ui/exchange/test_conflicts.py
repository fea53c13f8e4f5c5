"""Exchange ▸ Conflicts: the list, the side-by-side review field by field, and its undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.exchange.conflicts import (
    ConflictReviewDialog,
    ConflictsDialog,
    flagged_records,
    review_count,
)
from ccn_desktop.ui.exchange.undo import CallbackHost
from ccn_desktop.ui.exchange.widgets import RadioChoiceDelegate
from tests.helpers import city_values, includes
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import export_in_window, import_in_window

DAKAR_CHANGES = {"notes": "Festival in May", "designation_year": 2017}
REGIONAL_CHANGES = {"focal_point_name": "Awa Diop", "designation_year": 2018}


def make_conflict(
    qtbot: QtBot,
    bare_window: QMainWindow,
    make_office: MakeOffice,
    stick: Path,
    dakar_changes: dict[str, object] = DAKAR_CHANGES,
    regional_changes: dict[str, object] = REGIONAL_CHANGES,
) -> tuple[Catalogue, Catalogue, str]:
    """Two offices that changed the same city at the same time; the second has imported the
    first's change, so it holds the conflict."""
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    uuid = dakar.add("city", city_values(name="Saint-Louis", country_code="SN", country="Senegal"))
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    dakar.update("city", uuid, dakar_changes)
    regional.update("city", uuid, regional_changes)
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    return dakar, regional, uuid


def test_a_conflict_reviewed_field_by_field_ends_with_the_chosen_values(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional, uuid = make_conflict(qtbot, bare_window, make_office, stick)
    assert review_count(regional) == 1
    [flagged] = flagged_records(regional)
    assert (flagged.entity, flagged.uuid, flagged.title, flagged.versions) == (
        "city", uuid, "Saint-Louis", 2,
    )  # fmt: skip
    sides = regional.conflict_versions("city", uuid)
    before_vectors = [regional.get("city", uuid)["version"], *(s["version"] for s in sides)]

    stack = QUndoStack()
    dialog = ConflictsDialog(bare_window, regional, undo_stack=stack)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    review = dialog.open_review()
    assert isinstance(review, ConflictReviewDialog)
    model = review.model
    # Only the field both offices changed is in conflict; notes (Dakar) and the focal
    # point (here) are merged, and shown only with every field.
    assert model.fields == ["designation_year"]
    review.every_field.setChecked(True)
    assert "notes" in model.fields and "focal_point_name" in model.fields
    review.every_field.setChecked(False)
    assert model.fields == ["designation_year"]
    mine, theirs = review.mine, review.theirs
    assert review.versions[mine]["modified_by"] == regional.office.uuid
    assert review.all_buttons[mine].text().replace("&", "") == "Keep this office's values for all"
    assert review.all_buttons[theirs].text().replace("&", "") == "Take Dakar's values for all"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in (mine + 1, theirs + 1)]
    assert headers[0].startswith("This office's value\n(Regional office)\n")
    assert headers[1].startswith("Dakar's value\n")
    assert isinstance(review.view.itemDelegate(), RadioChoiceDelegate)  # either/or: radios

    # Take theirs for all, then keep my year: the cell is clicked in the view.
    review.all_buttons[theirs].click()
    row = model.fields.index("designation_year")
    index = model.index(row, mine + 1)
    rect = review.view.visualRect(index)
    qtbot.mouseClick(review.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert model.choice("designation_year") == mine
    assert model.index(row, mine + 1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(row, model.columnCount() - 1).data() == "2018"
    with qtbot.waitSignal(dialog.resolved):
        review.save_button.click()

    record = regional.get("city", uuid)
    assert (record["designation_year"], record["focal_point_name"], record["notes"]) == (
        2018, "Awa Diop", "Festival in May",
    )  # fmt: skip
    assert regional.conflict_versions("city", uuid) == []
    assert review_count(regional) == 0
    assert all(includes(record["version"], vector) for vector in before_vectors)
    assert record["version"] not in before_vectors  # a new version of this office
    assert regional.history("city", uuid)[0].action == "resolve"
    assert dialog.model.rowCount() == 0 and not dialog.review_button.isEnabled()
    assert stack.count() == 1

    # Undo puts back what was shown before the review, as a new edit; redo the review.
    shown_before = review.versions[0]
    stack.undo()
    undone = regional.get("city", uuid)
    assert undone["notes"] == shown_before["notes"]
    assert undone["focal_point_name"] == shown_before["focal_point_name"]
    assert includes(undone["version"], record["version"]) and undone["version"] != record["version"]
    stack.redo()
    assert regional.get("city", uuid)["focal_point_name"] == "Awa Diop"
    assert regional.get("city", uuid)["notes"] == "Festival in May"

    # The result travels: the other office takes it without a conflict.
    import_in_window(
        qtbot, bare_window, dakar, export_in_window(qtbot, bare_window, regional, stick).path
    )
    assert dakar.get("city", uuid)["focal_point_name"] == "Awa Diop"
    assert review_count(dakar) == 0


def test_keep_mine_for_all_and_every_field(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    _dakar, regional, uuid = make_conflict(qtbot, bare_window, make_office, stick)
    review = ConflictReviewDialog(bare_window, regional, "city", uuid)
    qtbot.addWidget(review)
    review.all_buttons[review.mine].click()
    review.every_field.setChecked(True)
    assert review.model.rowCount() == len(ENTITIES["city"].field_names)
    review.every_field.setChecked(False)
    assert review.model.rowCount() == 1  # the one field in conflict
    assert review.save()
    record = regional.get("city", uuid)
    assert (record["designation_year"], record["focal_point_name"], record["notes"]) == (
        2018, "Awa Diop", "Festival in May",
    )  # fmt: skip


def test_a_review_whose_result_breaks_a_rule_says_why_and_writes_nothing(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    # Both offices renamed the city; Dakar's name is one this office has since given
    # another city.
    changes = {**DAKAR_CHANGES, "name": "Saint-Louis Nord"}
    mine = {**REGIONAL_CHANGES, "name": "Saint-Louis Sud"}
    _dakar, regional, uuid = make_conflict(qtbot, bare_window, make_office, stick, changes, mine)
    review = ConflictReviewDialog(bare_window, regional, "city", uuid)
    qtbot.addWidget(review)
    regional.add("city", city_values(name="Saint-Louis Nord", country_code="SN",
                                     country="Senegal"))  # fmt: skip
    review.all_buttons[review.theirs].click()
    before = regional.get("city", uuid)
    assert not review.save()
    assert not review.problem_label.isHidden()
    assert "already in the catalogue" in review.problem_label.text()
    assert review.result() == 0  # the dialog stays open to choose again
    assert regional.get("city", uuid) == before
    assert review_count(regional) == 1


def test_undo_that_cannot_run_is_reported_and_dropped(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    _dakar, regional, uuid = make_conflict(qtbot, bare_window, make_office, stick)
    refreshed: list[tuple[str, str]] = []
    host = CallbackHost(
        regional, bare_window, lambda entity, uuid: refreshed.append((entity, uuid))
    )
    stack = QUndoStack()
    review = ConflictReviewDialog(bare_window, regional, "city", uuid, host=host, undo_stack=stack)
    qtbot.addWidget(review)
    assert review.save()
    # Meanwhile the record was renamed and a new city took its old name: undoing the
    # review would make two of them.
    regional.update("city", uuid, {"name": "Saint-Louis du Sénégal"})
    regional.add("city", city_values(name="Saint-Louis", country_code="SN", country="Senegal"))
    after = regional.get("city", uuid)
    stack.undo()
    assert host.last_error is not None and "already in the catalogue" in host.last_error
    assert regional.get("city", uuid) == after
    assert stack.count() == 0  # the step that cannot run is dropped
    assert refreshed == []
    stack.redo()  # nothing left to redo
    assert regional.get("city", uuid) == after


def test_the_choice_is_drawn_as_radio_buttons_and_latest_change_is_whole(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    _dakar, regional, _uuid = make_conflict(qtbot, bare_window, make_office, stick)
    dialog = ConflictsDialog(bare_window, regional)
    qtbot.addWidget(dialog)
    dialog.show()
    header = dialog.view.horizontalHeader()
    latest = dialog.model.columnCount() - 1
    text = dialog.model.index(0, latest).data()
    needed = dialog.view.fontMetrics().horizontalAdvance(text)
    assert header.sectionSize(latest) >= needed  # not cut
    assert header.sectionViewportPosition(latest) + header.sectionSize(latest) <= (
        dialog.view.viewport().width()
    )
    review = dialog.open_review()
    assert review is not None
    qtbot.waitExposed(review)
    image = review.view.viewport().grab().toImage()
    assert not image.isNull()  # painted through the radio delegate without error
    row = review.model.fields.index("designation_year")  # the one field in conflict
    index = review.model.index(row, review.theirs + 1)
    review.view.setCurrentIndex(index)
    review.view.setFocus()
    qtbot.keyClick(review.view, Qt.Key.Key_Space)  # the keyboard chooses too
    assert review.model.choice("designation_year") == review.theirs
    review.reject()
