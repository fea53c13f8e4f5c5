"""A starter catalogue per test, copied from the session's template (seeding takes seconds)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.paths import DataPaths

# What the offscreen platform says of shown windows and popups (it cannot do these);
# it says nothing about our code.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)


@pytest.fixture
def seeded(starter_template: Path, tmp_path: Path) -> Iterator[Catalogue]:
    folder = tmp_path / "seeded"
    shutil.copytree(starter_template, folder)
    catalogue = Catalogue.open(DataPaths.in_folder(folder))
    yield catalogue
    catalogue.close()


def city_uuid(catalogue: Catalogue, name: str) -> str:
    """The UUID of the city called exactly `name`."""
    ids = catalogue.ids("city", RecordQuery(text=name))
    for row in catalogue.rows("city", ids, ("name",)).values():
        if row.values["name"] == name:
            return row.uuid
    raise LookupError(name)


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, letters outside ASCII included (QTest.keyClicks takes ASCII only)."""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )
