"""File ▸ Export bundle… through the real dialog: scope, folder, progress, Cancel, summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ccn_desktop.exchange.offices import exchange_log
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.ui.exchange.export_dialog import ExportDialog
from ccn_desktop.ui.exchange.settings import FOLDER_KEY, exchange_settings
from tests.helpers import city_values
from tests.ui.exchange.conftest import Choosers, MakeOffice


def test_export_everything_to_the_chosen_folder(
    qtbot: QtBot, window: QMainWindow, make_office: MakeOffice, stick: Path, chooser: Choosers
) -> None:
    office = make_office("Dakar")
    office.add("city", city_values(name="Saint-Louis", country_code="SN", country="Senegal"))
    settings = exchange_settings(office.paths)
    dialog = ExportDialog(window, office, settings)
    qtbot.addWidget(dialog)
    chooser.folder = stick
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(stick)
    assert not dialog.office_radio.isEnabled()  # no other office known yet
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as signal:
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
    again = ExportDialog(window, office, exchange_settings(office.paths))
    qtbot.addWidget(again)
    assert again.folder_edit.text() == str(stick)
