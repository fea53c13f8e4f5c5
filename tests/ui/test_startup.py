"""From the QApplication to the main window: first start, locked sticks, Qt's files, quitting."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop.paths import DataDirError, DataPaths
from ccn_desktop.ui import startup
from ccn_desktop.ui.welcome_dialog import WelcomeDialog
from tests.locked_folder import locked


def on_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> QTimer:
    """Once a modal window of `kind` is up, do `act` to it (as the user would)."""
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            timer.stop()
            act(widget)

    timer.timeout.connect(poll)
    timer.start()
    return timer


def click_button(text: str) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        (button,) = [b for b in box.buttons() if b.text().replace("&", "") == text]
        button.click()

    return act


@pytest.fixture
def stick(starter_template: Path, tmp_path: Path) -> DataPaths:
    folder = tmp_path / "stick" / "ccn-data"
    shutil.copytree(starter_template, folder)
    return DataPaths.in_folder(folder, portable=True)


def test_first_start_goes_through_the_welcome_dialog(qtbot: QtBot, data_paths: DataPaths) -> None:
    def fill(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        widget.name_edit.setText("Office in Almaty")
        qtbot.mouseClick(widget.create_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)

    _timer = on_modal(WelcomeDialog, fill)
    catalogue = startup.open_catalogue(data_paths)
    assert catalogue is not None
    with catalogue:
        assert catalogue.office.name == "Office in Almaty"
        assert catalogue.count("city") > 400
        assert not catalogue.read_only


def test_quitting_the_welcome_dialog_creates_nothing(qtbot: QtBot, data_paths: DataPaths) -> None:
    _timer = on_modal(WelcomeDialog, lambda widget: widget.close())
    assert startup.open_catalogue(data_paths) is None
    assert not data_paths.catalogue_file.exists()


def test_an_existing_catalogue_opens_without_questions(stick: DataPaths) -> None:
    catalogue = startup.open_catalogue(stick)
    assert catalogue is not None
    with catalogue:
        assert catalogue.office.name == "Template office"
        assert not catalogue.read_only


def test_a_locked_stick_offers_read_only(qtbot: QtBot, stick: DataPaths) -> None:
    questions: list[str] = []

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        questions.append(box.text())
        click_button("Open read-only")(box)

    with locked(stick.data_dir.parent):
        _timer = on_modal(QMessageBox, answer)
        catalogue = startup.open_catalogue(stick)
        assert catalogue is not None
        with catalogue:
            assert catalogue.read_only
            assert catalogue.count("city") == 406
    assert questions == [
        f"The catalogue {stick.catalogue_file} is in a folder that cannot be written (a locked "
        "USB stick?); it can only be opened read-only."
    ]


def test_a_locked_stick_can_be_left(qtbot: QtBot, stick: DataPaths) -> None:
    with locked(stick.data_dir.parent):
        _timer = on_modal(QMessageBox, click_button("Quit"))
        assert startup.open_catalogue(stick) is None


def test_a_locked_stick_without_catalogue_says_so(tmp_path: Path) -> None:
    paths = DataPaths.in_folder(tmp_path / "stick" / "ccn-data", portable=True)
    (tmp_path / "stick").mkdir()
    with locked(tmp_path / "stick"), pytest.raises(DataDirError, match="cannot be written"):
        startup.open_catalogue(paths)


def test_qt_settings_go_to_the_settings_folder(
    qapp: QApplication, data_paths: DataPaths, tmp_path: Path
) -> None:
    startup.keep_qt_files_in(data_paths)
    try:
        settings = QSettings()  # no file name: what Qt would write to the user's folders
        settings.setValue("probe", 1)
        settings.sync()
        assert settings.format() == QSettings.Format.IniFormat
        assert Path(settings.fileName()).is_relative_to(data_paths.config_dir)
        assert Path(settings.fileName()).is_file()
    finally:
        startup.keep_qt_files_in(DataPaths.in_folder(tmp_path / "after"))


def test_quit_after_is_off_by_default(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    monkeypatch.delenv(startup.QUIT_AFTER_ENV, raising=False)
    assert startup.quit_after_if_asked(qapp) is None


def test_quit_after_ignores_a_bad_value(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(startup.QUIT_AFTER_ENV, "soon")
    with caplog.at_level(logging.WARNING):
        assert startup.quit_after_if_asked(qapp) is None
    assert "is not a number of milliseconds" in caplog.text


def test_quit_after_closes_every_window(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication, qtbot: QtBot
) -> None:
    monkeypatch.setenv(startup.QUIT_AFTER_ENV, "30")
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    timer = startup.quit_after_if_asked(qapp)
    assert timer is not None
    try:
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    finally:
        timer.stop()


def test_an_upgrade_runs_off_the_gui_thread(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalogue that is not at the program's schema is prepared on a worker thread."""
    import threading

    from ccn_desktop.catalogue.facade import Catalogue

    data_paths.ensure()
    data_paths.catalogue_file.touch()  # an empty file: the whole schema must be created
    threads: list[threading.Thread] = []
    original = Catalogue.open.__func__  # type: ignore[attr-defined]

    def recording_open(cls: type[Catalogue], paths: DataPaths, **kwargs: object) -> Catalogue:
        threads.append(threading.current_thread())
        return original(cls, paths, **kwargs)

    monkeypatch.setattr(Catalogue, "open", classmethod(recording_open))
    catalogue = startup.open_catalogue(data_paths)
    assert catalogue is not None
    try:
        assert threads and threads[0] is not threading.main_thread()
        assert catalogue.count("city") == 406  # seeded there, read here
    finally:
        catalogue.close()


def test_an_upgrade_failure_is_raised_to_the_caller(qtbot: QtBot, data_paths: DataPaths) -> None:
    import sqlite3

    from ccn_desktop.catalogue.errors import NewerSchemaError

    data_paths.ensure()
    connection = sqlite3.connect(data_paths.catalogue_file)
    connection.executescript(
        "CREATE TABLE alembic_version (version_num TEXT); "
        "INSERT INTO alembic_version VALUES ('9999_from_the_future');"
    )
    connection.close()
    with pytest.raises(NewerSchemaError, match="9999_from_the_future"):
        startup.open_catalogue(data_paths)
