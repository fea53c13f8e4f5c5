"""File ▸ Back up now and File ▸ Restore from backup… on a real window and real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.backups import list_backups, take_backup
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.backup_dialogs import (
    BackupTableModel,
    RestoreDialog,
    install_backup_actions,
    trigger_label,
)
from tests.helpers import city_values


class Window(QMainWindow):
    """The least a window offers the backup actions: its catalogue and a status bar."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue


@pytest.fixture
def window(qtbot: QtBot, data_paths: DataPaths) -> Any:
    catalogue = Catalogue.open(data_paths, office_name="Test office")
    window = Window(catalogue)
    qtbot.addWidget(window)
    yield window
    window.catalogue.close()


def test_the_model_of_backups(qtmodeltester: Any, window: Window) -> None:
    for trigger in ("daily", "manual", "before-import"):
        take_backup(window.catalogue.paths, trigger)
    model = BackupTableModel()
    model.set_backups(list_backups(window.catalogue.paths.backups_dir))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    assert model.index(0, 2).data() == "Before an import"
    assert model.index(2, 2).data() == "First opening of the day"
    assert model.index(0, 1).data().endswith(("KiB", "MiB", "kB", "MB"))
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).endswith("before-import.sqlite3")


@pytest.mark.parametrize(
    ("trigger", "label"),
    [
        ("before-upgrade-from-0001-initial", "Before an upgrade of the catalogue"),
        ("before-restore", "Before a restore"),
        ("copied-by-hand", "Copied by hand"),
    ],
)
def test_trigger_labels(trigger: str, label: str) -> None:
    assert trigger_label(trigger) == label


def test_back_up_now(qtbot: QtBot, window: Window) -> None:
    back_up, _restore = install_backup_actions(
        window, lambda _catalogue: None, lambda: window.catalogue
    )
    assert back_up in window.menuBar().actions()[0].menu().actions()
    back_up.trigger()
    made = list_backups(window.catalogue.paths.backups_dir)
    assert [b.trigger for b in made] == ["manual"]
    assert made[0].name in window.statusBar().currentMessage()


def test_a_window_with_add_file_action_gets_the_actions(qtbot: QtBot, window: Window) -> None:
    added: list[tuple[str, bool]] = []
    window.add_file_action = lambda action, toolbar=True: added.append(  # type: ignore[attr-defined]
        (action.text(), toolbar)
    )
    install_backup_actions(window, lambda _catalogue: None, lambda: window.catalogue)
    assert added == [("&Back up now", False), ("&Restore from backup…", False)]


def test_restore_asks_backs_up_first_and_reopens(
    qtbot: QtBot, window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = window.catalogue.paths
    uuid = window.catalogue.add("city", city_values(name="In the backup"))
    take_backup(paths, "manual")
    window.catalogue.update("city", uuid, {"notes": "typed after the backup"})
    questions: list[str] = []
    told: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str, *_args: object) -> object:
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    reopened: list[Catalogue] = []

    def reopen(catalogue: Catalogue) -> None:
        reopened.append(catalogue)
        window.catalogue = catalogue

    _back_up, restore = install_backup_actions(window, reopen, lambda: window.catalogue)
    dialogs: list[RestoreDialog] = []

    def click_restore() -> None:
        dialog = window.findChild(RestoreDialog)
        dialogs.append(dialog)
        assert dialog.model.rowCount() == 1
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_restore)
    restore.trigger()
    assert dialogs and questions and "Replace the catalogue with the backup of" in questions[0]
    assert len(reopened) == 1
    assert reopened[0].get("city", uuid)["notes"] == ""
    safety = [b for b in list_backups(paths.backups_dir) if b.trigger == "before-restore"]
    assert len(safety) == 1
    assert str(safety[0].path) in told[0]
    with Catalogue.open(paths) as _same:  # nothing left open on the replaced file
        pass
    assert not Path(f"{paths.catalogue_file}.restoring").exists()


def test_restore_waits_for_unsaved_changes(
    qtbot: QtBot, window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_backup(window.catalogue.paths, "manual")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    _back_up, restore = install_backup_actions(
        window, lambda _catalogue: None, lambda: window.catalogue
    )
    window.setWindowModified(True)
    restore.trigger()
    assert window.findChild(RestoreDialog) is None
    assert "not saved" in told[0]


def test_the_dialog_without_backups(qtbot: QtBot, data_paths: DataPaths) -> None:
    dialog = RestoreDialog(data_paths)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()
    qtbot.wait(50)
    assert dialog.height() <= dialog.minimumSizeHint().height() + 1  # no blank acre


def test_the_dialog_is_as_tall_as_its_backups(qtbot: QtBot, data_paths: DataPaths) -> None:
    Catalogue.open(data_paths, office_name="Test office").close()
    take_backup(data_paths, "manual")
    dialog = RestoreDialog(data_paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    rows = dialog.model.rowCount()
    assert 1 <= rows <= 3
    spare = dialog.view.viewport().height() - dialog.view.verticalHeader().length()
    assert spare <= 3 * dialog.view.verticalHeader().defaultSectionSize()


def test_restore_in_the_real_window(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As app.py wires it: the main window's File menu, then the window attaches the
    reopened catalogue and shows the restored records."""
    from ccn_desktop.ui.app import _install_backup_actions
    from ccn_desktop.ui.main_window import MainWindow

    catalogue = Catalogue.open(data_paths, office_name="Test office")
    take_backup(data_paths, "manual")
    catalogue.add("city", city_values(name="Typed after the backup"))
    window = MainWindow(catalogue)
    qtbot.addWidget(window)
    window.show()
    _install_backup_actions(window)
    [restore] = [a for a in window.file_menu.actions() if a.text() == "&Restore from backup…"]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)

    def click_restore() -> None:
        qtbot.mouseClick(window.findChild(RestoreDialog).restore_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_restore)
    restore.trigger()
    try:
        assert window.catalogue is not catalogue
        assert window.catalogue.count("city") == 406
        assert window.undo_stack.count() == 0
    finally:
        window.catalogue.close()
