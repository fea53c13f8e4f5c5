"""File ▸ Export table… and Import spreadsheet… in the real window: the officer exports the
Cities of Film, corrects three e-mails and adds a city in the file, and the preview shows
exactly those changes before they are written. Only the file choosers are replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.ui.main_window import MainWindow
from ccn_desktop.ui.spreadsheet import choosers
from ccn_desktop.ui.spreadsheet.export_dialog import FILTERED
from tests.exchange.spreadsheet.sheets import edit_xlsx

WAIT = 30_000


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Path]:
    chosen = {"target": tmp_path / "cities-of-film.xlsx", "sheet": tmp_path / "cities-of-film.xlsx"}
    monkeypatch.setattr(choosers, "choose_target", lambda *_args: chosen["target"])
    monkeypatch.setattr(choosers, "choose_sheet", lambda *_args: chosen["sheet"])
    return chosen


def _film_only(qtbot: QtBot, window: MainWindow) -> Any:
    tab = window.tab_for("city")
    tab.search_box.setText("film")
    tab.apply_filters()
    tab.wait_for_search()
    qtbot.waitUntil(lambda: tab.model.rowCount() < window.catalogue.count("city"), timeout=WAIT)
    return tab


def test_export_the_cities_of_film_correct_them_and_import_through_the_preview(
    qtbot: QtBot, window: MainWindow, answers: dict[str, Path]
) -> None:
    catalogue = window.catalogue
    tab = _film_only(qtbot, window)
    film = tab.filtered_uuids()
    actions = window.spreadsheet_actions
    dialog = actions.export_table()
    assert dialog.rows() == FILTERED  # the filters are on: their rows are proposed
    assert dialog.columns() is None  # every field
    dialog.export_button.click()
    qtbot.waitUntil(lambda: actions.message is not None, timeout=WAIT)
    assert f"Wrote {len(film):,} rows to" in actions.message.text()
    path = answers["target"]
    sheet = openpyxl.load_workbook(path).worksheets[0]
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert exported == film
    actions.message.close()

    first, second, third = film[:3]
    edit_xlsx(path, {
        (first, "E-mail"): "one@example.org",
        (second, "E-mail"): "two@example.org",
        (third, "E-mail"): "three@example.org",
    }, [{"Name": "Kinoville", "Country": "DE", "Country name": "Germany", "Creative field": "Film",
         "Designation year": 2025, "Membership status": "Active"}])  # fmt: skip
    before = {uuid: catalogue.get("city", uuid)["focal_point_email"] for uuid in film[:3]}

    actions.import_sheet()
    importer = actions.importer
    qtbot.waitUntil(lambda: importer.preview is not None, timeout=WAIT)
    preview = importer.preview
    assert preview.objectName() == "spreadsheet-preview"
    assert preview.changes_model.rowCount() == 4
    kinds = sorted(str(preview.changes_model.change_at(r).kind) for r in range(4))
    assert kinds == ["new", "updated", "updated", "updated"]
    assert preview.plan.total(ChangeKind.UNCHANGED) == len(film) - 3
    for row in range(4):
        change = preview.changes_model.change_at(row)
        if change.kind == ChangeKind.NEW:
            assert change.title == "Kinoville"
            continue
        preview.show_change(row)
        shown = [preview.diff_model.row_values(r) for r in range(preview.diff_model.rowCount())]
        expected = {first: "one@example.org", second: "two@example.org",
                    third: "three@example.org"}[change.uuid]  # fmt: skip
        assert shown == [("E-mail", before[change.uuid] or "—", expected)]
    unchanged = len(film) - 3
    assert preview.summary_label.text() == f"1 new, 3 updated; {unchanged} rows unchanged."
    assert catalogue.get("city", first)["focal_point_email"] == before[first]  # not yet

    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        preview.import_button.click()
    assert catalogue.get("city", first)["focal_point_email"] == "one@example.org"
    assert catalogue.get("city", third)["focal_point_email"] == "three@example.org"
    assert importer.message is not None and "1 new, 3 updated" in importer.message.informativeText()
    history = catalogue.history("city", second)[0]
    assert history.origin == "spreadsheet"
    importer.message.close()


def test_problems_are_listed_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, answers: dict[str, Path]
) -> None:
    catalogue = window.catalogue
    path = answers["sheet"]
    path.write_text("Name,Country,Creative field,Designation year,Membership status\n"
                    "Nowhere,XX,Film,1999,Active\n", encoding="utf-8")  # fmt: skip
    answers["sheet"] = path.rename(path.with_suffix(".csv"))
    before = catalogue.count("city")
    window.spreadsheet_actions.import_sheet()
    importer = window.spreadsheet_actions.importer
    qtbot.waitUntil(lambda: importer.message is not None, timeout=WAIT)
    box = importer.message
    assert box.objectName() == "spreadsheet-problems"
    assert box.text() == "cities-of-film.csv has 2 problems; nothing was imported:"
    assert "row 2, column B (Country): 'XX' is not an ISO 3166-1" in box.informativeText()
    assert "row 2, column D (Designation year): must be at least 2004" in box.informativeText()
    assert catalogue.count("city") == before
    box.close()


def test_a_template_of_the_current_tab(
    qtbot: QtBot, window: MainWindow, answers: dict[str, Path]
) -> None:
    window.tabs.setCurrentWidget(window.tab_for("project"))
    answers["target"] = answers["target"].with_name("projects.csv")
    window.spreadsheet_actions.new_template()
    assert answers["target"].read_text("utf-8-sig").startswith("uuid,Title,Summary,Status,")
    assert window.spreadsheet_actions.message is not None
    window.spreadsheet_actions.message.close()


def test_a_file_in_another_encoding_is_refused_in_one_sentence(
    qtbot: QtBot, window: MainWindow, answers: dict[str, Path]
) -> None:
    path = answers["sheet"].with_name("villes.csv")
    path.write_bytes("Nom,Pays\nSélestat,FR\n".encode("cp1252"))
    answers["sheet"] = path
    window.spreadsheet_actions.import_sheet()
    importer = window.spreadsheet_actions.importer
    qtbot.waitUntil(lambda: importer.message is not None, timeout=WAIT)
    box = importer.message
    assert box.text().startswith("villes.csv is not in UTF-8 (line 2 holds a character")
    assert "CSV UTF-8" in box.text()
    assert "Nothing was imported" in box.informativeText()
    box.close()
