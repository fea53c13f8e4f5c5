"""Windows over real catalogue files: a copy of the starter catalogue for each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.main_window import MainWindow


@pytest.fixture
def starter_catalogue(starter_template: Path, tmp_path: Path) -> Iterator[Catalogue]:
    """The 406 starter cities and the conferences, copied (seeding each time is slow)."""
    folder = tmp_path / "starter"
    shutil.copytree(starter_template, folder)
    catalogue = Catalogue.open(DataPaths.in_folder(folder))
    yield catalogue
    catalogue.close()


def open_window(qtbot: QtBot, catalogue: Catalogue) -> MainWindow:
    window = MainWindow(catalogue)
    qtbot.addWidget(window, before_close_func=discard_changes)
    window.show()
    qtbot.waitExposed(window)
    window.finish_startup()
    return window


def discard_changes(window: MainWindow) -> None:
    """So that closing at the end of a test never waits on the unsaved-changes question."""
    for entity in ("city", "conference", "project"):
        tab = window.tab_for(entity)
        if tab.detail_built and tab.is_dirty:
            tab.form.revert()


@pytest.fixture
def window(qtbot: QtBot, starter_catalogue: Catalogue) -> MainWindow:
    return open_window(qtbot, starter_catalogue)
