"""The welcome dialog of the first start, driven through its real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.identity import default_office_name
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.welcome_dialog import WelcomeDialog, counts_text, starter_counts
from tests.locked_folder import locked


@pytest.fixture
def dialog(qtbot: QtBot, data_paths: DataPaths) -> WelcomeDialog:
    widget = WelcomeDialog(data_paths)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _close(widget: WelcomeDialog) -> None:
    if widget.catalogue is not None:
        widget.catalogue.close()


def test_asks_for_the_office_and_says_where_the_data_lives(dialog: WelcomeDialog) -> None:
    assert dialog.name_edit.text() == default_office_name()
    assert dialog.folder_label.text() == str(dialog.paths.data_dir)
    assert "for your user account" in dialog.mode_label.text()
    assert dialog.starter_choice.isChecked()
    assert dialog.create_button.isEnabled()
    assert not dialog.paths.catalogue_file.exists()


def test_portable_mode_says_nothing_is_written_to_the_computer(
    qtbot: QtBot, tmp_path: Path
) -> None:
    widget = WelcomeDialog(DataPaths.in_folder(tmp_path / "ccn-data", portable=True))
    qtbot.addWidget(widget)
    assert "nothing is written to this computer" in widget.mode_label.text()


def test_the_office_name_is_required(qtbot: QtBot, dialog: WelcomeDialog) -> None:
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "   ")
    assert not dialog.create_button.isEnabled()
    assert dialog.name_problem.isVisible()
    assert dialog.name_problem.text() == "An office name is required."
    qtbot.keyClicks(dialog.name_edit, "Bamako")
    assert dialog.create_button.isEnabled()
    assert not dialog.name_problem.isVisible()


def test_create_from_the_starter_shows_the_fingerprint(qtbot: QtBot, dialog: WelcomeDialog) -> None:
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "  UNESCO Office in Bamako ")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    catalogue = dialog.catalogue
    assert catalogue is not None
    try:
        assert dialog.pages.currentWidget() is dialog.ready_page
        assert catalogue.office.name == "UNESCO Office in Bamako"
        assert dialog.fingerprint_label.text() == catalogue.office.fingerprint
        assert len(dialog.fingerprint_label.text().split()) == 8
        counts = starter_counts()
        assert catalogue.count("city") == counts["cities"] > 400
        expected = counts_text(counts["cities"], counts["conferences"], counts["projects"])
        assert dialog.counts_label.text() == expected
        with qtbot.waitSignal(dialog.accepted):
            qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    finally:
        _close(dialog)


def _choose_empty(qtbot: QtBot, dialog: WelcomeDialog) -> None:
    """Click the radio button's indicator (its centre may be blank space)."""
    middle = dialog.empty_choice.rect().center()
    qtbot.mouseClick(dialog.empty_choice, Qt.MouseButton.LeftButton, pos=QPoint(6, middle.y()))
    assert dialog.empty_choice.isChecked()


def test_create_empty(qtbot: QtBot, dialog: WelcomeDialog) -> None:
    _choose_empty(qtbot, dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    try:
        assert dialog.catalogue is not None
        assert dialog.catalogue.counts() == {"city": 0, "conference": 0, "project": 0}
        assert dialog.counts_label.text() == "0 cities, 0 conferences, 0 projects"
    finally:
        _close(dialog)


def test_closing_after_creation_still_opens_the_catalogue(
    qtbot: QtBot, dialog: WelcomeDialog
) -> None:
    _choose_empty(qtbot, dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    try:
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    finally:
        _close(dialog)


def test_quit_creates_nothing(qtbot: QtBot, dialog: WelcomeDialog) -> None:
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.catalogue is None
    assert not dialog.paths.data_dir.exists()


def test_a_folder_that_cannot_be_written_is_explained(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    widget = WelcomeDialog(DataPaths.in_folder(stick / "ccn-data", portable=True))
    qtbot.addWidget(widget)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    with locked(stick):
        qtbot.mouseClick(widget.create_button, Qt.MouseButton.LeftButton)
    assert widget.catalogue is None
    assert widget.pages.currentWidget() is widget.setup_page
    assert widget.create_button.isEnabled()
    assert len(shown) == 1
    assert shown[0].startswith(f"Cannot create the folder {stick / 'ccn-data'}")
    assert list(stick.iterdir()) == []


def _choose_bundle(qtbot: QtBot, dialog: WelcomeDialog) -> None:
    middle = dialog.bundle_choice.rect().center()
    qtbot.mouseClick(dialog.bundle_choice, Qt.MouseButton.LeftButton, pos=QPoint(6, middle.y()))
    assert dialog.bundle_choice.isChecked()


def test_begin_from_another_offices_bundle(
    qtbot: QtBot, dialog: WelcomeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.exchange.export import export_bundle
    from ccn_desktop.exchange.offices import known_offices
    from ccn_desktop.ui.exchange import choosers
    from tests.helpers import city_values

    with Catalogue.open(DataPaths.in_folder(tmp_path / "dakar"), office_name="Dakar",
                        starter=False) as dakar:  # fmt: skip
        dakar.add("city", city_values(name="Saint-Louis", country_code="SN", country="Senegal"))
        (tmp_path / "stick").mkdir()
        bundle = export_bundle(dakar, tmp_path / "stick" / "from-dakar.ccnbundle.json").path
        fingerprint = dakar.office.fingerprint
    monkeypatch.setattr(choosers, "choose_bundle_file", lambda parent, start: bundle)
    _choose_bundle(qtbot, dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: dialog.importer.preview is not None, timeout=30_000)
        preview = dialog.importer.preview
        assert preview.fingerprint_label.text() == fingerprint
        preview.trust_check.setChecked(True)
        with qtbot.waitSignal(dialog.importer.imported, timeout=30_000):
            preview.import_button.click()
        dialog.importer.message.button(QMessageBox.StandardButton.Close).click()
        qtbot.waitUntil(lambda: dialog.counts_label.text() == "1 city, 0 conferences, 0 projects")
        assert dialog.catalogue is not None
        assert [o.name for o in known_offices(dialog.catalogue)] == ["Dakar"]
    finally:
        _close(dialog)


def test_no_bundle_chosen_creates_nothing(
    qtbot: QtBot, dialog: WelcomeDialog, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccn_desktop.ui.exchange import choosers

    monkeypatch.setattr(choosers, "choose_bundle_file", lambda parent, start: None)
    _choose_bundle(qtbot, dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.catalogue is None
    assert not data_paths.catalogue_file.exists()


def test_enter_in_the_office_name_creates_the_catalogue(
    qtbot: QtBot, dialog: WelcomeDialog
) -> None:
    """ "Create catalogue" is the default button until the catalogue exists, then "Open"."""
    assert dialog.create_button.isDefault()
    assert not dialog.open_button.isDefault()
    dialog.name_edit.setFocus()
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Bamako")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    try:
        assert dialog.catalogue is not None
        assert dialog.catalogue.office.name == "Bamako"
        assert dialog.pages.currentWidget() is dialog.ready_page  # not opened past it
        assert dialog.open_button.isDefault()
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.open_button, Qt.Key.Key_Return)
    finally:
        _close(dialog)


def clipped_texts(dialog: WelcomeDialog) -> list[str]:
    """Word-wrapped labels shown with less height than their text needs at their width."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


@pytest.mark.parametrize("width", [560, 700])
def test_no_sentence_is_cut_off_however_small_the_window_is_made(
    qtbot: QtBot, dialog: WelcomeDialog, width: int
) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(width, 100)  # what a window system may do with a top-level's first size
    qtbot.wait(20)
    assert dialog.height() > 100
    assert clipped_texts(dialog) == []
