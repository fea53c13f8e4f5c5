"""Offices for the exchange dialogs: real catalogues in temporary data folders, a USB stick
(a folder), the settings file, and the file choosers replaced — nothing else is."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.exchange import choosers
from ccn_desktop.ui.exchange.settings import exchange_settings
from tests.perf.synthetic import build_synthetic_catalogue

MakeOffice = Callable[..., Catalogue]


@pytest.fixture
def make_office(tmp_path: Path) -> Iterator[MakeOffice]:
    opened: list[Catalogue] = []

    def make(name: str, *, starter: bool = False) -> Catalogue:
        paths = DataPaths.in_folder(tmp_path / "offices" / name)
        catalogue = Catalogue.open(paths, office_name=name, starter=starter)
        opened.append(catalogue)
        return catalogue

    yield make
    for catalogue in opened:
        catalogue.close()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


@dataclass
class Choosers:
    """What the patched file choosers answer (None: the user cancelled), and what they saw."""

    folder: Path | None = None
    file: Path | None = None
    asked: list[str] | None = None


@pytest.fixture
def chooser(monkeypatch: pytest.MonkeyPatch) -> Choosers:
    answers = Choosers(asked=[])

    def folder(_parent: Any, start: Path) -> Path | None:
        answers.asked.append(f"folder from {start}")  # type: ignore[union-attr]
        return answers.folder

    def file(_parent: Any, start: Path) -> Path | None:
        answers.asked.append(f"file from {start}")  # type: ignore[union-attr]
        return answers.file

    monkeypatch.setattr(choosers, "choose_export_folder", folder)
    monkeypatch.setattr(choosers, "choose_bundle_file", file)
    return answers


@pytest.fixture
def settings_for() -> Callable[[Catalogue], QSettings]:
    return lambda catalogue: exchange_settings(catalogue.paths)


@pytest.fixture
def bare_window(qtbot: QtBot) -> QMainWindow:
    """The window the dialogs open over."""
    window = QMainWindow()
    window.resize(1200, 800)
    qtbot.addWidget(window)
    window.show()
    return window


LARGE = 5000  # records: 4,000 cities (40 of them deleted), 250 conferences, 750 projects


@pytest.fixture(scope="session")
def large_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("large") / "office"
    build_synthetic_catalogue(folder, LARGE)
    return folder


@pytest.fixture
def large_office(tmp_path: Path, large_template: Path) -> Iterator[Catalogue]:
    """A synthetic catalogue of 5,000 records (a copy of one built once per run)."""
    folder = tmp_path / "large-office"
    shutil.copytree(large_template, folder)
    catalogue = Catalogue.open(DataPaths.in_folder(folder))
    yield catalogue
    catalogue.close()
