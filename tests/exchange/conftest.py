"""Offices for exchange tests: real catalogues in temporary folders, and a way to send
bundles between them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths

MakeOffice = Callable[[str], Catalogue]


@pytest.fixture
def make_office(tmp_path: Path) -> Iterator[MakeOffice]:
    opened: list[Catalogue] = []

    def make(name: str) -> Catalogue:
        paths = DataPaths.in_folder(tmp_path / "offices" / name)
        catalogue = Catalogue.open(paths, office_name=name, starter=False)
        opened.append(catalogue)
        return catalogue

    yield make
    for catalogue in opened:
        catalogue.close()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """The USB stick: a folder bundles are written to."""
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder
