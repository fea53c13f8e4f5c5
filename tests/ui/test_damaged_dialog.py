"""A damaged catalogue file: the user is back to a good catalogue in two clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.backups import list_backups, take_backup
from ccn_desktop.catalogue.errors import DamagedCatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.app import run_gui
from ccn_desktop.ui.damaged_dialog import DamagedCatalogueDialog, open_catalogue_or_recover
from tests.damage import overwrite_middle
from tests.helpers import city_values


@pytest.fixture
def damaged(data_paths: DataPaths) -> DataPaths:
    """A catalogue with a good backup holding one city, then damaged on disk."""
    with Catalogue.open(data_paths, office_name="Test office") as catalogue:
        catalogue.add("city", city_values(name="Kept in the backup"))
    take_backup(data_paths, "daily")
    overwrite_middle(data_paths.catalogue_file)
    return data_paths


def damage_error(paths: DataPaths) -> DamagedCatalogueError:
    with pytest.raises(DamagedCatalogueError) as caught:
        Catalogue.open(paths)
    return caught.value


def test_restore_in_two_clicks_keeps_the_damaged_file(qtbot: QtBot, damaged: DataPaths) -> None:
    damaged_bytes = damaged.catalogue_file.read_bytes()
    dialog = DamagedCatalogueDialog(damaged, damage_error(damaged))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.main_button.text().startswith("Restore the backup of ")
    assert "damaged" in dialog.heading.text()
    qtbot.mouseClick(dialog.main_button, Qt.MouseButton.LeftButton)  # first click
    assert dialog.kept_aside is not None and dialog.kept_aside.read_bytes() == damaged_bytes
    assert str(dialog.kept_aside) in dialog.explanation.text()
    assert check_file(damaged.catalogue_file, full=True) == []
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.main_button, Qt.MouseButton.LeftButton)  # second click
    with Catalogue.open(damaged) as catalogue:
        assert catalogue.count("city") == 407


def test_quit_changes_nothing(qtbot: QtBot, damaged: DataPaths) -> None:
    before = damaged.catalogue_file.read_bytes()
    dialog = DamagedCatalogueDialog(damaged, damage_error(damaged))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert damaged.catalogue_file.read_bytes() == before
    assert list(damaged.data_dir.glob("*damaged*")) == []


def test_without_a_backup_the_file_is_kept_aside_and_a_new_catalogue_starts(
    qtbot: QtBot, damaged: DataPaths
) -> None:
    for backup in list_backups(damaged.backups_dir):
        backup.path.unlink()
    damaged_bytes = damaged.catalogue_file.read_bytes()
    opened: list[Catalogue | None] = []

    def click_twice() -> None:
        [dialog] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, DamagedCatalogueDialog) and w.isVisible()
        ]
        assert dialog.main_button.text() == "Keep it aside and start a new catalogue"
        dialog.main_button.click()
        dialog.main_button.click()

    QTimer.singleShot(0, click_twice)
    opened.append(open_catalogue_or_recover(damaged))
    catalogue = opened[0]
    assert catalogue is not None
    try:
        assert catalogue.count("city") == 406  # the starter catalogue
    finally:
        catalogue.close()
    [aside] = damaged.data_dir.glob("catalogue-damaged-*.sqlite3")
    assert aside.read_bytes() == damaged_bytes


def test_the_program_starts_on_a_damaged_file_and_opens_after_two_clicks(
    qtbot: QtBot, damaged: DataPaths
) -> None:
    """run_gui as `ccn-desktop` runs it: the dialog, two clicks, then the main window."""
    clicks: list[str] = []
    windows: list[QMainWindow] = []

    def drive() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, DamagedCatalogueDialog) and widget.isVisible():
                clicks.append(widget.main_button.text())
                widget.main_button.click()
            elif (
                isinstance(widget, QMainWindow)
                and widget.isVisible()
                and getattr(widget, "catalogue", None) is not None  # opened, not a peek
            ):
                windows.append(widget)
                widget.close()
                return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    assert run_gui(damaged) == 0
    assert len(clicks) == 2
    assert clicks[0].startswith("Restore the backup of ") and clicks[1] == "Open the catalogue"
    assert windows and windows[0].catalogue.paths == damaged  # type: ignore[attr-defined]
    assert len(list(damaged.data_dir.glob("catalogue-damaged-*.sqlite3"))) == 1
    assert not Path(damaged.data_dir / "ccn-desktop.lock").exists()  # released at the end


def test_in_french_a_file_that_is_not_ours_is_told_apart_from_a_damaged_one(
    qtbot: QtBot, data_paths: DataPaths
) -> None:
    """The dialog picks its heading from the problem, which is now said in French."""
    from ccn_desktop import i18n

    data_paths.data_dir.mkdir(parents=True, exist_ok=True)
    data_paths.catalogue_file.write_bytes(b"just words " * 20)
    with i18n.speaking("fr"):
        [problem] = check_file(data_paths.catalogue_file)
        dialog = DamagedCatalogueDialog(
            data_paths, DamagedCatalogueError(data_paths.catalogue_file, problem, None)
        )
    qtbot.addWidget(dialog)
    assert "pas un fichier SQLite" in problem
    # English, or French where an earlier test left Qt's translator installed
    assert dialog.heading.text() in (
        "Your catalogue file is not a CCN Desktop catalogue.",
        "Votre fichier de catalogue n’est pas un catalogue CCN Desktop.",
    )
