"""Shipped files are found in a frozen layout, and a missing one is named."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from ccn_desktop import cli
from ccn_desktop.resources import MissingResourceError, migrations_dir, resource_path

SOURCE_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def frozen_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What PyInstaller's one-folder app holds under sys._MEIPASS, without the starter."""
    root = tmp_path / "_internal"
    shutil.copytree(SOURCE_ROOT / "db", root / "db", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "resources" / "icons").mkdir(parents=True)
    shutil.copy(SOURCE_ROOT / "resources/icons/ccn-desktop.svg", root / "resources/icons")
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    return root


def test_frozen_app_reads_its_own_copy(frozen_layout: Path) -> None:
    icon = frozen_layout / "resources/icons/ccn-desktop.svg"
    assert resource_path("icons/ccn-desktop.svg") == icon
    assert migrations_dir() == frozen_layout / "db"


def test_frozen_app_names_the_missing_file(frozen_layout: Path) -> None:
    # The source tree has the starter; a frozen app must not fall back to it.
    assert (SOURCE_ROOT / "resources/starter.ccnbundle.json").exists()
    with pytest.raises(MissingResourceError, match=r"'resources/starter\.ccnbundle\.json' was not"):
        resource_path("starter.ccnbundle.json")


def test_command_line_says_which_file_is_missing(
    frozen_layout: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["--data-dir", str(tmp_path / "data"), "info"])
    assert status == 1
    error = capsys.readouterr().err
    assert error.strip() == (
        "ccn-desktop: The installation is incomplete: 'resources/starter.ccnbundle.json' "
        "was not found; reinstall CCN Desktop."
    )
