"""Offices for exchange tests: real catalogues in temporary folders, and a way to send
bundles between them."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths

MakeOffice = Callable[[str], Catalogue]

# An exchange syncs files to disk several times (the catalogue, the bundle, the backup);
# on a virtual disk that is most of a test's time. A memory file system keeps the files
# real and the tests fast.
FAST_TMP = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


@pytest.fixture
def fast_tmp(tmp_path: Path) -> Iterator[Path]:
    if FAST_TMP is None:
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=FAST_TMP, prefix="ccn-test-") as folder:
        yield Path(folder)


@pytest.fixture(scope="session")
def office_template() -> Iterator[Callable[[str], Path]]:
    """An empty catalogue per office name, made once (creating one runs every migration)."""
    with tempfile.TemporaryDirectory(dir=FAST_TMP, prefix="ccn-templates-") as folder:
        root = Path(folder)

        def template(name: str) -> Path:
            if not (root / name).exists():
                Catalogue.open(
                    DataPaths.in_folder(root / name), office_name=name, starter=False
                ).close()
            return root / name

        yield template


@pytest.fixture
def make_office(fast_tmp: Path, office_template: Callable[[str], Path]) -> Iterator[MakeOffice]:
    opened: list[Catalogue] = []

    def make(name: str) -> Catalogue:
        folder = fast_tmp / "offices" / name
        shutil.copytree(office_template(name), folder)
        catalogue = Catalogue.open(DataPaths.in_folder(folder))
        opened.append(catalogue)
        return catalogue

    yield make
    for catalogue in opened:
        catalogue.close()


@pytest.fixture
def stick(fast_tmp: Path) -> Path:
    """The USB stick: a folder bundles are written to."""
    folder = fast_tmp / "stick"
    folder.mkdir()
    return folder
