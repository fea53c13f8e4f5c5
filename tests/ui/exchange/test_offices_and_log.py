"""Exchange ▸ Offices and Exchange ▸ Exchange log through their dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.exchange.offices import known_offices
from ccn_desktop.ui.exchange.exchange_log import ExchangeLogDialog, ExchangeLogModel
from ccn_desktop.ui.exchange.offices import OfficesDialog, OfficesModel
from tests.helpers import city_values
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import export_in_window, import_in_window


def test_renaming_this_office_and_trusting_others(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    names: list[str] = []
    dialog = OfficesDialog(bare_window, regional, names.append)
    qtbot.addWidget(dialog)
    assert dialog.fingerprint.text() == regional.office.fingerprint
    assert not dialog.rename_button.isEnabled()
    dialog.name_edit.setText("  ")
    assert not dialog.rename_button.isEnabled()  # a name is required
    dialog.name_edit.setText("UNESCO Regional Office for West Africa")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert regional.office.name == "UNESCO Regional Office for West Africa"
    assert names == ["UNESCO Regional Office for West Africa"]
    assert not dialog.rename_button.isEnabled()

    model = dialog.model
    assert model.rowCount() == 1 and dialog.empty_label.isHidden()
    assert model.index(0, OfficesModel.NAME).data() == "Dakar"
    assert model.index(0, OfficesModel.FINGERPRINT).data() == dakar.office.fingerprint
    assert model.index(0, OfficesModel.TRUSTED).data() == "Yes"
    assert not dialog.trust_button.isEnabled()  # nothing selected
    dialog.view.selectRow(0)
    assert dialog.untrust_button.isEnabled() and not dialog.trust_button.isEnabled()
    dialog.untrust_button.click()
    assert [office.trusted for office in known_offices(regional)] == [False]
    assert model.index(0, OfficesModel.TRUSTED).data() == "No"
    assert dialog.trust_button.isEnabled()
    dialog.trust_button.click()
    assert [office.trusted for office in known_offices(regional)] == [True]

    # The new name travels with the next bundle.
    import_in_window(
        qtbot, bare_window, dakar, export_in_window(qtbot, bare_window, regional, stick).path
    )
    assert [o.name for o in known_offices(dakar)] == ["UNESCO Regional Office for West Africa"]


def test_the_log_lists_every_bundle_and_restores_an_imports_backup(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    exported = export_in_window(qtbot, bare_window, dakar, stick)
    result = import_in_window(qtbot, bare_window, regional, exported.path)
    export_in_window(qtbot, bare_window, regional, stick, for_office=dakar.office.uuid)
    restored: list[Path] = []
    dialog = ExchangeLogDialog(bare_window, regional, restored.append)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2
    newest = [model.index(0, column).data() for column in range(model.columnCount())]
    assert newest[ExchangeLogModel.WHAT] == "Exported (changes only)"
    assert newest[ExchangeLogModel.OFFICE] == "for Dakar"
    assert newest[ExchangeLogModel.BACKUP] == ""
    assert not dialog.restore_button.isEnabled()  # row 0, an export, is selected
    imported = [model.index(1, column).data() for column in range(model.columnCount())]
    assert imported[ExchangeLogModel.WHAT] == "Imported"
    assert imported[ExchangeLogModel.OFFICE] == "from Dakar"
    assert imported[ExchangeLogModel.CONTENTS] == "1 city"
    assert imported[ExchangeLogModel.FILE] == exported.path.name
    assert result.backup_path is not None
    assert imported[ExchangeLogModel.BACKUP] == result.backup_path.name

    dialog.view.selectRow(1)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and exported.path.name in box.text()
    assert "backed up first" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert restored == []
    dialog.restore_button.click()
    dialog.confirm_button.click()
    assert restored == [result.backup_path]

    # A backup that was removed since cannot be restored.
    result.backup_path.unlink()
    again = ExchangeLogDialog(bare_window, regional, restored.append)
    qtbot.addWidget(again)
    again.view.selectRow(1)
    assert again.model.index(1, ExchangeLogModel.BACKUP).data() == "(no longer there)"
    assert not again.restore_button.isEnabled()


def test_an_empty_log_and_no_restore_without_a_way_to_restore(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice
) -> None:
    dialog = ExchangeLogDialog(bare_window, make_office("Dakar"))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.empty_label.isHidden()
    assert dialog.restore_button.isHidden()


def test_every_column_of_the_log_is_as_wide_as_its_title(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice
) -> None:
    dialog = ExchangeLogDialog(bare_window, make_office("Dakar"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.view.horizontalHeader()
    metrics = header.fontMetrics()
    cut = [
        title
        for column in range(dialog.model.columnCount())
        if header.sectionSize(column)
        < metrics.horizontalAdvance(
            title := str(dialog.model.headerData(column, Qt.Orientation.Horizontal))
        )
    ]
    assert cut == []
