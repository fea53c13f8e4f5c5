"""An unexpected error in the window: a dialog with the log's path, and the window lives on."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ccn_desktop.ui.error_dialog import ErrorReporter, install_error_reporter


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[ErrorReporter]:
    reporter = install_error_reporter(tmp_path / "logs" / "ccn-desktop.log")
    yield reporter
    reporter.uninstall()


def error_dialogs() -> list[QMessageBox]:
    return [
        widget for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.objectName() == "unexpected-error"
        and widget.isVisible()
    ]  # fmt: skip


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_and_the_window_keeps_working(
    qtbot: QtBot, reporter: ErrorReporter, caplog: pytest.LogCaptureFixture
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    broken = QPushButton("Broken", window)
    working = QPushButton("Working", window)
    working.move(0, 40)
    clicks: list[str] = []

    def fail() -> None:
        raise ValueError("the slot broke")

    broken.clicked.connect(fail)
    working.clicked.connect(lambda: clicks.append("worked"))
    window.show()
    with caplog.at_level(logging.ERROR):
        qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(error_dialogs()) == 1)
    dialog = error_dialogs()[0]
    assert "ValueError: the slot broke" in dialog.text()
    assert str(reporter.log_file) in dialog.informativeText()
    assert "raise ValueError" in dialog.detailedText()
    assert any(record.exc_info and record.exc_info[0] is ValueError for record in caplog.records)

    qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)  # a second error joins the first dialog
    assert len(error_dialogs()) == 1
    assert "1 more error happened since." in dialog.informativeText()

    dialog.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not error_dialogs())
    assert window.isVisible()
    qtbot.mouseClick(working, Qt.MouseButton.LeftButton)
    assert clicks == ["worked"]


@pytest.mark.qt_no_exception_capture
def test_an_expected_error_shows_its_own_sentence(qtbot: QtBot, reporter: ErrorReporter) -> None:
    from ccn_desktop.catalogue.errors import StorageError

    button = QPushButton("Save")
    qtbot.addWidget(button)

    def fail() -> None:
        raise StorageError("The disk holding the catalogue is full: nothing was changed.")

    button.clicked.connect(fail)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(error_dialogs()) == 1)
    dialog = error_dialogs()[0]
    assert dialog.text() == (
        "Something went wrong: The disk holding the catalogue is full: nothing was changed."
    )
    dialog.close()


def test_uninstall_gives_the_hook_back(tmp_path: Path) -> None:
    import sys

    before = sys.excepthook
    reporter = install_error_reporter(tmp_path / "log")
    assert sys.excepthook == reporter.handle
    reporter.uninstall()
    assert sys.excepthook is before


@pytest.mark.qt_no_exception_capture
def test_damage_met_in_use_says_to_start_again(
    qtbot: QtBot, reporter: ErrorReporter, tmp_path: Path
) -> None:
    from ccn_desktop.catalogue.errors import DamagedCatalogueError

    button = QPushButton("Open")
    qtbot.addWidget(button)

    def fail() -> None:
        raise DamagedCatalogueError(tmp_path / "catalogue.sqlite3", "it is damaged (x)", None)

    button.clicked.connect(fail)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(error_dialogs()) == 1)
    dialog = error_dialogs()[0]
    assert "Close CCN Desktop and start it again" in dialog.text()
    dialog.close()
