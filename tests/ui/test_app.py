"""`run_gui` end to end: the icon, the first start, a locked stick, a second program on the
same folder, errors for the user, and closing cleanly."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui import startup
from ccn_desktop.ui.app import no_display_message, run_gui
from ccn_desktop.ui.damaged_dialog import DamagedCatalogueDialog
from ccn_desktop.ui.icons import app_icon
from ccn_desktop.ui.welcome_dialog import WelcomeDialog
from tests.locked_folder import locked
from tests.processes import lock_holder
from tests.ui.test_startup import click_button, on_modal


def when_main_window_shown(seen: list[str]) -> QTimer:
    """Record the main window's title once it is up, then close it as a user would."""
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                timer.stop()
                seen.append(widget.windowTitle().replace("[*]", ""))  # Qt's "modified" mark
                widget.close()

    timer.timeout.connect(poll)
    timer.start()
    return timer


@pytest.fixture
def stick(starter_template: Path, tmp_path: Path) -> DataPaths:
    folder = tmp_path / "stick" / "ccn-data"
    shutil.copytree(starter_template, folder)
    return DataPaths.in_folder(folder, portable=True)


def test_the_app_icon_is_drawn(qapp: QApplication) -> None:
    icon = app_icon()
    for size in (16, 32, 256):
        assert icon.pixmap(size, size).width() == size
    image = icon.pixmap(64, 64).toImage()
    assert image.pixelColor(32, 32).alpha() == 255  # the tile is opaque in the middle
    assert image.pixelColor(0, 0).alpha() == 0  # and has rounded, transparent corners


def test_quit_after_closes_the_main_window_cleanly(
    qapp: QApplication, stick: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(startup.QUIT_AFTER_ENV, "200")
    assert run_gui(stick) == 0
    assert not qapp.windowIcon().isNull()
    assert not any(widget.isVisible() for widget in qapp.topLevelWidgets())


def test_first_start_then_the_main_window(qtbot: QtBot, data_paths: DataPaths) -> None:
    def fill(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        widget.name_edit.setText("Office in Nairobi")
        qtbot.mouseClick(widget.create_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)

    titles: list[str] = []
    _timers = on_modal(WelcomeDialog, fill), when_main_window_shown(titles)
    assert run_gui(data_paths) == 0
    assert titles == ["CCN Desktop — Office in Nairobi"]
    with Catalogue.open(data_paths) as catalogue:
        assert catalogue.office.name == "Office in Nairobi"


def test_a_locked_stick_opens_read_only_and_says_so(qtbot: QtBot, stick: DataPaths) -> None:
    titles: list[str] = []
    with locked(stick.data_dir.parent):
        _timers = (
            on_modal(QMessageBox, click_button("Open read-only")),
            when_main_window_shown(titles),
        )
        assert run_gui(stick) == 0
    assert titles == ["CCN Desktop — Template office (read-only)"]


def test_an_error_for_the_user_is_shown_not_raised(
    stick: DataPaths, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    connection = sqlite3.connect(stick.catalogue_file)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert run_gui(stick) == 1
    assert len(shown) == 1 and "newer than this program" in shown[0]


def test_a_file_that_is_not_a_catalogue_opens_the_recovery_dialog(
    qtbot: QtBot, stick: DataPaths
) -> None:
    """(The dialog's own tests: tests/ui/test_damaged_dialog.py.) Quit changes nothing."""
    stick.catalogue_file.write_bytes(b"this is not a catalogue at all")
    seen: list[str] = []

    def quit_it(widget: QWidget) -> None:
        assert isinstance(widget, DamagedCatalogueDialog)
        seen.append(widget.heading.text())
        qtbot.mouseClick(widget.quit_button, Qt.MouseButton.LeftButton)

    _timer = on_modal(DamagedCatalogueDialog, quit_it)
    assert run_gui(stick) == 0
    assert seen == ["Your catalogue file is not a CCN Desktop catalogue."]
    assert stick.catalogue_file.read_bytes() == b"this is not a catalogue at all"


def test_a_second_program_on_the_data_folder_is_refused(
    qtbot: QtBot, stick: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    with lock_holder(stick.data_dir) as holder:
        assert run_gui(stick) == 1
    assert len(warnings) == 1
    assert f"already open on the data folder {stick.data_dir}" in warnings[0]
    assert f"process {holder.pid}" in warnings[0]


@pytest.mark.parametrize(
    ("environ", "platform", "refused"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_no_display_is_said_in_one_sentence(
    environ: dict[str, str], platform: str, refused: bool
) -> None:
    message = no_display_message(environ, platform)
    assert (message is not None) == refused
    if message is not None:
        assert "ccn-desktop --help" in message and "\n" not in message


def test_the_window_without_a_display_exits_1_with_our_sentence(tmp_path: Path) -> None:
    """Not Qt's abort and its libxcb-cursor0 hint: one line of ours, nothing written."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "ccn_desktop", "--data-dir", str(tmp_path / "data")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("ccn-desktop: no display found")
    assert "ccn-desktop --help" in result.stderr
    assert "xcb" not in result.stderr
    assert not (tmp_path / "data").exists()
