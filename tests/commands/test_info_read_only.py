"""`ccn-desktop info` on a locked stick reads the catalogue read-only instead of failing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccn_desktop import cli
from tests.locked_folder import locked


def test_info_on_a_locked_folder(
    starter_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "stick"
    shutil.copytree(starter_template, folder)
    with locked(folder):
        assert cli.main(["--data-dir", str(folder), "info"]) == 0
    output = capsys.readouterr().out
    assert f"data folder:     {folder}  (read-only)" in output
    assert "cities:          406" in output
