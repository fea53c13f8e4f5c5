"""Shared fixtures. Qt runs offscreen for every test, set here and not by hand."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read English unless they choose a language (tests/test_translations.py and the
# language tests set their own); a tester's French desktop must not change the results.
os.environ["LANGUAGE"] = "en"

from ccn_desktop import i18n
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a QApplication are `gui`, so `pytest -m "not gui"` runs the core alone."""
    for item in items:
        if {"qapp", "qtbot", "qtmodeltester"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switches the program's language leaves it English for the next one."""
    yield
    i18n.use_language(i18n.SOURCE_LANGUAGE)


@pytest.fixture(scope="session")
def starter_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A starter catalogue made once; tests copy it instead of seeding 400 records each time."""
    folder = tmp_path_factory.mktemp("starter-template")
    Catalogue.open(DataPaths.in_folder(folder), office_name="Template office").close()
    return folder


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths.in_folder(tmp_path / "data")


@pytest.fixture
def empty_catalogue(data_paths: DataPaths) -> Iterator[Catalogue]:
    """A new catalogue with no records (no starter)."""
    catalogue = Catalogue.open(data_paths, office_name="Test office", starter=False)
    yield catalogue
    catalogue.close()


@pytest.fixture
def catalogue(data_paths: DataPaths) -> Iterator[Catalogue]:
    """A new catalogue seeded from the starter bundle, with its own office."""
    catalogue = Catalogue.open(data_paths, office_name="Test office")
    yield catalogue
    catalogue.close()
