"""File ▸ Export bundle… through the real dialog: scope, folder, progress, Cancel, summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.offices import exchange_log
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.ui.exchange.export_dialog import ExportDialog
from ccn_desktop.ui.exchange.removable import removable_drives
from ccn_desktop.ui.exchange.settings import FOLDER_KEY, exchange_settings, last_folder
from tests.helpers import city_values
from tests.locked_folder import locked
from tests.ui.exchange.conftest import Choosers, MakeOffice
from tests.ui.exchange.exchanging import WAIT, export_in_window, import_in_window


def test_export_everything_to_the_chosen_folder(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path, chooser: Choosers
) -> None:
    office = make_office("Dakar")
    office.add("city", city_values(name="Saint-Louis", country_code="SN", country="Senegal"))
    settings = exchange_settings(office.paths)
    dialog = ExportDialog(bare_window, office, settings)
    qtbot.addWidget(dialog)
    chooser.folder = stick
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(stick)
    assert not dialog.office_radio.isEnabled()  # no other office known yet
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as signal:
        dialog.export_button.click()
    result = signal.args[0]
    assert result.path.parent == stick
    assert read_bundle(result.path).counts["cities"] == 1
    text = dialog.summary_label.text()
    assert str(stick) in text and result.path.name in text
    assert "verified after writing" in text
    assert dialog.pages.currentWidget() is dialog.summary_page
    assert [entry.direction for entry in exchange_log(office)] == ["export"]
    assert settings.value(FOLDER_KEY) == str(stick)
    # The next export starts in the folder used last.
    again = ExportDialog(bare_window, office, exchange_settings(office.paths))
    qtbot.addWidget(again)
    assert again.folder_edit.text() == str(stick)


def test_export_for_an_office_holds_only_what_it_lacks(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    import_in_window(
        qtbot, bare_window, dakar, export_in_window(qtbot, bare_window, regional, stick).path
    )
    dakar.add("city", city_values(name="Östersund", country_code="SE", country="Sweden"))
    dialog = ExportDialog(bare_window, dakar, exchange_settings(dakar.paths))
    qtbot.addWidget(dialog)
    assert dialog.office_radio.isEnabled() and not dialog.office_combo.isEnabled()
    assert dialog.office_combo.count() == 1
    assert dialog.office_combo.itemText(0).startswith("Regional office (last bundle from it: ")
    dialog.office_radio.setChecked(True)
    assert dialog.office_combo.isEnabled()
    assert dialog.for_office == regional.office.uuid
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as signal:
        dialog.export_button.click()
    result = signal.args[0]
    bundle = read_bundle(result.path)
    assert bundle.manifest.scope == "for-office"
    assert [city["name"] for city in bundle.payload["cities"]] == ["Östersund"]
    assert "what Regional office does not have yet" in dialog.summary_label.text()
    assert "1 city" in dialog.summary_label.text()


def test_a_large_export_shows_progress_and_cancel_leaves_no_file(
    qtbot: QtBot, bare_window: QMainWindow, large_office: Catalogue, stick: Path
) -> None:
    settings = exchange_settings(large_office.paths)
    settings.setValue(FOLDER_KEY, str(stick))
    dialog = ExportDialog(bare_window, large_office, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[tuple[int, int, str]] = []

    def cancel_on_first(done: int, total: int, text: str) -> None:
        seen.append((done, total, text))
        if len(seen) == 1:
            assert dialog.progress_bar.isVisible() and dialog.cancel_button.isEnabled()
            dialog.cancel_button.click()

    dialog.export_button.click()
    assert dialog.pages.currentWidget() is dialog.progress_page
    dialog.task.progressed.connect(cancel_on_first)
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert seen[0] == (0, 4000, "Reading cities")
    assert dialog.result is None
    assert "cancelled; no bundle was written" in dialog.summary_label.text()
    assert list(stick.iterdir()) == []
    assert exchange_log(large_office) == []

    # Without Cancel, the same export runs to its end, the bar moving as it goes.
    again = ExportDialog(bare_window, large_office, settings)
    qtbot.addWidget(again)
    values: list[tuple[int, int]] = []
    again.export_button.click()
    again.task.progressed.connect(lambda _d, _t, _x: values.append(
        (again.progress_bar.value(), again.progress_bar.maximum())))  # fmt: skip
    with qtbot.waitSignal(again.exported, timeout=WAIT) as signal:
        pass
    assert (2000, 4000) in values
    counts = read_bundle(signal.args[0].path).counts
    assert counts["cities"] == large_office.count("city") == 3960
    assert counts["tombstones"] == 40 and counts["projects"] == 750
    assert [path.name for path in stick.iterdir()] == [signal.args[0].path.name]


def test_a_locked_stick_is_said_in_one_sentence_and_leaves_no_file(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    office = make_office("Dakar")
    settings = exchange_settings(office.paths)
    settings.setValue(FOLDER_KEY, str(stick))
    dialog = ExportDialog(bare_window, office, settings)
    qtbot.addWidget(dialog)
    with locked(stick):
        dialog.export_button.click()
        qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    box = dialog.message
    assert box is not None and "cannot be written" in box.text()
    assert dialog.pages.currentWidget() is dialog.options_page
    assert not dialog.export_button.isHidden() and dialog.export_button.isEnabled()
    assert list(stick.iterdir()) == []
    assert exchange_log(office) == []


def test_the_folder_can_be_typed_and_is_checked(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    office = make_office("Dakar")
    dialog = ExportDialog(bare_window, office, exchange_settings(office.paths))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.folder_edit.isReadOnly()
    assert dialog.folder_button.text() == "&Browse…"
    dialog.folder_edit.clear()
    qtbot.keyClicks(dialog.folder_edit, str(stick / "missing"))
    assert not dialog.export_button.isEnabled()
    assert "no folder here" in dialog.folder_problem.text()
    assert dialog.folder_problem.isVisible()
    dialog.folder_edit.clear()
    qtbot.keyClicks(dialog.folder_edit, "relative/path")
    assert "whole path" in dialog.folder_problem.text()
    assert not dialog.export_button.isEnabled()
    dialog.folder_edit.clear()
    qtbot.keyClicks(dialog.folder_edit, str(stick))
    assert dialog.export_button.isEnabled() and not dialog.folder_problem.isVisible()
    assert dialog.folder == stick


def test_without_a_last_folder_a_plugged_in_stick_comes_first(
    make_office: MakeOffice, stick: Path, tmp_path: Path
) -> None:
    office = make_office("Dakar")
    settings = exchange_settings(office.paths)
    assert last_folder(settings, lambda: [stick]) == stick
    assert last_folder(settings, lambda: [tmp_path / "unplugged"]) == Path.home()
    settings.setValue(FOLDER_KEY, str(tmp_path))
    assert last_folder(settings, lambda: [stick]) == tmp_path  # the last one used wins


@pytest.mark.parametrize(
    ("root", "platform", "removable"),
    [
        ("/media/ana/KINGSTON", "linux", True),
        ("/run/media/ana/STICK", "linux", True),
        ("/", "linux", False),
        ("/home", "linux", False),
        ("/Volumes/STICK", "darwin", True),
        ("/", "darwin", False),
    ],
)
def test_removable_drives_by_where_they_are_mounted(
    root: str, platform: str, removable: bool
) -> None:
    assert (removable_drives([root], platform) == [Path(root)]) == removable
