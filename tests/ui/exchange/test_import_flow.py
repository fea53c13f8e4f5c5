"""File ▸ Import bundle… through the real dialogs: preview, trust, apply, Cancel, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.format import MAX_BUNDLE_BYTES
from ccn_desktop.exchange.offices import exchange_log, known_offices, set_trusted
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.ui.exchange.import_flow import ImportController
from ccn_desktop.ui.exchange.preview_models import COUNT_KINDS, DUPLICATES_COLUMN, ChangesModel
from ccn_desktop.ui.exchange.settings import FOLDER_KEY, exchange_settings
from ccn_desktop.ui.exchange.values import EMPTY
from tests.exchange.bundles import office_key, resign
from tests.helpers import city_values, database_dump
from tests.ui.exchange.conftest import Choosers, MakeOffice
from tests.ui.exchange.exchanging import WAIT, export_in_window, import_in_window, open_preview


def _two_offices(make_office: MakeOffice) -> tuple[Catalogue, Catalogue]:
    dakar = make_office("Dakar")
    dakar.add("city", city_values(name="Saint-Louis", country_code="SN", country="Senegal"))
    dakar.add("city", city_values(name="Łódź", country_code="PL", country="Poland"))
    return dakar, make_office("Regional office")


def test_the_preview_shows_the_engines_plan_and_importing_applies_it(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    first = export_in_window(qtbot, bare_window, dakar, stick).path
    import_in_window(qtbot, bare_window, regional, first)
    lodz = next(s for s in regional.get_many("city", _uuids(regional)) if s["name"] == "Łódź")
    dakar.update("city", lodz["uuid"], {"focal_point_name": "Anna Nowak", "objectives": ["Film"]})
    dakar.add("city", city_values(name="Östersund", country_code="SE", country="Sweden",
                                  creative_field="Gastronomy"))  # fmt: skip
    second = export_in_window(qtbot, bare_window, dakar, stick).path
    expected = make_plan(regional, read_bundle(second))

    controller, preview = open_preview(qtbot, bare_window, regional, second)
    counts = preview.counts_model
    for row, entity in enumerate(("city", "conference", "project")):
        for column, kind in enumerate(COUNT_KINDS, start=1):
            shown = counts.index(row, column).data()
            number = expected.counts[entity][kind]
            assert shown == (f"{number:,}" if number else EMPTY), (entity, kind)
        assert counts.count(entity, DUPLICATES_COLUMN) == 0
    assert expected.counts["city"][ChangeKind.UPDATED] == 1
    assert expected.counts["city"][ChangeKind.NEW] == 1
    assert preview.changes_model.rowCount() == len(expected.changes) == 2
    updated = next(c for c in expected.changes if c.kind == ChangeKind.UPDATED)
    row = next(r for r in range(2) if preview.changes_model.change_at(r).uuid == updated.uuid)
    assert preview.changes_model.index(row, ChangesModel.FIELDS).data() == "Focal point, Objectives"
    preview.show_change(row)
    shown = [preview.diff_model.row_values(r) for r in range(preview.diff_model.rowCount())]
    assert shown == [("Focal point", EMPTY, "Anna Nowak"), ("Objectives", EMPTY, "Film")]
    assert [diff.field for diff in updated.diffs] == ["focal_point_name", "objectives"]
    assert "Łódź: updated" in preview.diff_title.text()
    assert not preview.trust_check.isVisible()  # trusted since the first import

    ended: list[bool] = []
    controller.finished.connect(lambda: ended.append(True))
    with qtbot.waitSignal(controller.imported, timeout=WAIT):
        preview.import_button.click()
    assert regional.get("city", lodz["uuid"])["focal_point_name"] == "Anna Nowak"
    assert ended == []  # the flow goes on: the summary
    assert regional.count("city") == dakar.count("city") == 3
    summary = controller.message
    assert summary is not None and "was imported" in summary.text()
    assert "Cities: 1 new, 1 updated" in summary.informativeText()
    assert "backed up before the import" in summary.informativeText()
    assert [e.direction for e in exchange_log(regional)] == ["import", "import"]
    summary.button(QMessageBox.StandardButton.Close).click()
    assert ended == [True]
    assert controller.message is None or not controller.message.isVisible()


def _uuids(catalogue: Catalogue) -> list[str]:
    return [row.uuid for row in catalogue.rows("city", catalogue.ids("city"), ()).values()]


def test_the_file_is_chosen_through_the_chooser_from_the_last_folder(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path, chooser: Choosers
) -> None:
    dakar, regional = _two_offices(make_office)
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    settings = exchange_settings(regional.paths)
    controller = ImportController(bare_window, regional, settings)
    chooser.file = None
    controller.choose_and_import()  # cancelled: nothing happens
    assert controller.preview is None and controller.task is None
    chooser.file = path
    controller.choose_and_import()
    qtbot.waitUntil(lambda: controller.preview is not None, timeout=WAIT)
    assert settings.value(FOLDER_KEY) == str(stick)
    controller.preview.reject()
    controller.choose_and_import()
    assert chooser.asked[-1] == f"file from {stick}"


def test_cancel_at_the_preview_writes_nothing(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    before = database_dump(regional.paths.catalogue_file)
    controller, preview = open_preview(qtbot, bare_window, regional, path)
    preview.trust_check.setChecked(True)
    with qtbot.waitSignal(controller.finished, timeout=WAIT):
        preview.cancel_button.click()
    assert controller.preview is None or not controller.preview.isVisible()
    assert database_dump(regional.paths.catalogue_file) == before
    assert not list(regional.paths.backups_dir.iterdir())
    assert known_offices(regional) == []


def test_an_unknown_signer_must_be_trusted_before_importing(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    _controller, preview = open_preview(qtbot, bare_window, regional, path)
    assert preview.trust_check.isVisible() and not preview.trust_check.isChecked()
    assert dakar.office.fingerprint == preview.fingerprint_label.text()
    assert "Unknown" in preview.trust_label.text()
    assert not preview.import_button.isEnabled()
    preview.trust_check.setChecked(True)
    assert preview.import_button.isEnabled()
    preview.reject()

    import_in_window(qtbot, bare_window, regional, path)
    assert [(o.name, o.trusted) for o in known_offices(regional)] == [("Dakar", True)]
    # Withdrawn trust asks again, saying the office is known.
    set_trusted(regional, dakar.office.uuid, False)
    dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    again = export_in_window(qtbot, bare_window, dakar, stick).path
    _controller, preview = open_preview(qtbot, bare_window, regional, again)
    assert "Known but not trusted" in preview.trust_label.text()
    assert not preview.import_button.isEnabled()
    preview.reject()


def test_a_bundle_already_imported_changes_nothing_and_says_so(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    import_in_window(qtbot, bare_window, regional, path)
    before = database_dump(regional.paths.catalogue_file)
    controller = ImportController(bare_window, regional, exchange_settings(regional.paths))
    controller.import_file(path)
    qtbot.waitUntil(lambda: controller.message is not None, timeout=WAIT)
    assert controller.preview is None
    assert "Nothing new" in controller.message.text()
    assert database_dump(regional.paths.catalogue_file) == before


def _tampered(path: Path) -> Path:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    bundle["payload"]["cities"][0]["notes"] = "changed on the way"
    target = path.with_name("tampered.ccnbundle.json")
    target.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return target


def _forged(path: Path) -> Path:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    bundle["payload"]["cities"][0]["notes"] = "forged"
    forged = resign(bundle, office_key())  # signed, but not with the office's key
    forged["manifest"]["office"] = bundle["manifest"]["office"]
    target = path.with_name("forged.ccnbundle.json")
    target.write_text(json.dumps(forged, ensure_ascii=False), encoding="utf-8")
    return target


def _truncated(path: Path) -> Path:
    target = path.with_name("half-copied.ccnbundle.json")
    data = path.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def _newer(path: Path) -> Path:
    bundle = json.loads(path.read_text(encoding="utf-8"))
    bundle["manifest"]["format_version"] = 3
    target = path.with_name("newer.ccnbundle.json")
    target.write_text(json.dumps(bundle), encoding="utf-8")
    return target


def _not_a_bundle(path: Path) -> Path:
    target = path.with_name("notes.json")
    target.write_text('{"shopping": ["rice", "tea"]}', encoding="utf-8")
    return target


def _too_big(path: Path) -> Path:
    target = path.with_name("huge.ccnbundle.json")
    with target.open("wb") as handle:
        handle.truncate(MAX_BUNDLE_BYTES + 1)  # sparse: costs no disk space
    return target


@pytest.mark.parametrize(
    ("make_bad", "words"),
    [
        (_tampered, "checksum"),
        (_forged, "signature does not match"),
        (_truncated, "incomplete"),
        (_newer, "format version 3"),
        (_not_a_bundle, "not a bundle"),
        (_too_big, "too large"),
    ],
)
def test_a_refused_bundle_is_one_sentence_with_details_and_changes_nothing(
    qtbot: QtBot,
    bare_window: QMainWindow,
    make_office: MakeOffice,
    stick: Path,
    make_bad: Any,
    words: str,
) -> None:
    dakar, regional = _two_offices(make_office)
    good = export_in_window(qtbot, bare_window, dakar, stick).path
    bad = make_bad(good)
    before = database_dump(regional.paths.catalogue_file)
    controller = ImportController(bare_window, regional, exchange_settings(regional.paths))
    controller.import_file(bad)
    qtbot.waitUntil(lambda: controller.message is not None, timeout=WAIT)
    box = controller.message
    assert isinstance(box, QMessageBox) and box.objectName() == "exchange-refusal"
    assert controller.preview is None
    text = box.text()
    assert words in text
    assert text.count(". ") == 0 and text.endswith(".")  # one sentence
    assert "Traceback" not in box.detailedText()
    assert str(bad) in box.detailedText()
    assert "exactly as it was" in box.informativeText()
    assert database_dump(regional.paths.catalogue_file) == before
    assert not list(regional.paths.backups_dir.iterdir())
    box.button(QMessageBox.StandardButton.Close).click()
    # The window stays usable: the good bundle imports right after.
    import_in_window(qtbot, bare_window, regional, good)
    assert regional.count("city") == 2


def test_cancel_while_applying_rolls_the_import_back(
    qtbot: QtBot, bare_window: QMainWindow, large_office: Catalogue, make_office: MakeOffice,
    stick: Path,
) -> None:  # fmt: skip
    path = export_in_window(qtbot, bare_window, large_office, stick).path
    regional = make_office("Regional office")
    before = database_dump(regional.paths.catalogue_file)
    controller, preview = open_preview(qtbot, bare_window, regional, path)
    preview.trust_check.setChecked(True)
    seen: list[tuple[int, int, str]] = []

    def cancel_on_first(done: int, total: int, text: str) -> None:
        seen.append((done, total, text))
        if len(seen) == 1:
            preview.cancel_button.click()

    preview.import_button.click()
    assert preview.progress_bar.isVisible() and not preview.import_button.isEnabled()
    controller.task.progressed.connect(cancel_on_first)
    qtbot.waitUntil(lambda: controller.message is not None, timeout=WAIT)
    assert "cancelled; nothing was changed" in controller.message.text()
    assert seen and seen[0][2] == "Writing cities"
    assert database_dump(regional.paths.catalogue_file) == before
    assert regional.count("city") == 0


def test_only_one_import_at_a_time(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    controller, preview = open_preview(qtbot, bare_window, regional, path)
    controller.import_file(path)
    assert controller.message is not None and "already under way" in controller.message.text()
    assert controller.preview is preview
    preview.reject()


def test_the_preview_lists_likely_duplicates(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    regional.add("city", city_values(name="SAINT-LOUIS", country_code="SN", country="Senegal"))
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    _controller, preview = open_preview(qtbot, bare_window, regional, path)
    assert preview.duplicates_model.rowCount() == 1
    row = [preview.duplicates_model.index(0, c).data() for c in range(3)]
    assert row == ["City", "Saint-Louis", "SAINT-LOUIS"]
    assert preview.counts_model.count("city", DUPLICATES_COLUMN) == 1
    preview.reject()


def test_filtering_the_changes_by_kind(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    first = export_in_window(qtbot, bare_window, dakar, stick).path
    import_in_window(qtbot, bare_window, regional, first)
    uuid = _uuids(dakar)[0]
    dakar.update("city", uuid, {"notes": "seen"})
    dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    second = export_in_window(qtbot, bare_window, dakar, stick).path
    _controller, preview = open_preview(qtbot, bare_window, regional, second)
    kinds = [preview.kind_combo.itemData(i) for i in range(preview.kind_combo.count())]
    assert kinds == ["", "new", "updated"]
    preview.kind_combo.setCurrentIndex(2)
    assert preview.changes_filter.rowCount() == 1
    assert preview.changes_filter.index(0, ChangesModel.KIND).data() == "Updated"
    assert preview.diff_model.change is not None and preview.diff_model.change.uuid == uuid
    preview.kind_combo.setCurrentIndex(0)
    assert preview.changes_filter.rowCount() == 2
    preview.reject()


def test_a_record_deleted_and_restored_elsewhere_says_so(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional = _two_offices(make_office)
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    lodz = next(s for s in dakar.get_many("city", _uuids(dakar)) if s["name"] == "Łódź")
    dakar.delete("city", lodz["uuid"])
    dakar.restore("city", lodz["uuid"])
    second = export_in_window(qtbot, bare_window, dakar, stick).path
    _controller, preview = open_preview(qtbot, bare_window, regional, second)
    row = next(
        r for r in range(preview.changes_model.rowCount())
        if preview.changes_model.change_at(r).uuid == lodz["uuid"]
    )  # fmt: skip
    fields = preview.changes_model.index(row, ChangesModel.FIELDS).data()
    assert fields == "none: deleted and restored (or changed back) at the other office"
    preview.show_change(row)
    assert "deleted and restored it" in preview.diff_title.text()
    preview.reject()
