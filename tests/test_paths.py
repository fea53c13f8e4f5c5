"""Where files live: the precedence of resolve_paths, and portable mode for real."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ccn_desktop import paths
from ccn_desktop.paths import DataPaths, resolve_paths

SOURCE_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen program on a stick: sys.executable is <stick>/ccn-desktop."""
    folder = tmp_path / "stick"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "ccn-desktop"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    return folder


def test_without_the_marker_the_per_user_folders_are_used(stick: Path) -> None:
    resolved = resolve_paths()
    assert resolved == DataPaths.per_user()
    assert not resolved.portable


def test_a_portable_file_beside_the_program_keeps_everything_beside_it(stick: Path) -> None:
    (stick / "portable").write_text("")
    resolved = resolve_paths()
    assert resolved.portable
    assert resolved.data_dir == stick / "ccn-data"
    for folder in (resolved.config_dir, resolved.log_dir, resolved.keys_dir, resolved.backups_dir):
        assert folder.is_relative_to(stick / "ccn-data")


def test_the_portable_option_does_the_same(stick: Path) -> None:
    assert resolve_paths(portable=True) == DataPaths.in_folder(stick / "ccn-data", portable=True)


def test_a_data_folder_given_outranks_portable_mode(
    stick: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (stick / "portable").write_text("")
    assert resolve_paths(tmp_path / "given").data_dir == tmp_path / "given"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_paths().data_dir == tmp_path / "from-env"


PORTABLE_RUN = textwrap.dedent(
    """
    import sys
    sys.frozen = True
    sys.executable = sys.argv[1]
    from ccn_desktop.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


def test_portable_mode_writes_nothing_to_the_users_folders(tmp_path: Path) -> None:
    """The command line and the window, run from a stick, leave an empty home untouched."""
    stick, home = tmp_path / "stick", tmp_path / "home"
    stick.mkdir()
    home.mkdir()
    (stick / "portable").write_text("")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "USERPROFILE": str(home),
        "APPDATA": str(home / "AppData" / "Roaming"),
        "LOCALAPPDATA": str(home / "AppData" / "Local"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "CCN_DESKTOP_QUIT_AFTER_MS": "300",
        "PYTHONPATH": str(SOURCE_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    program = str(stick / "ccn-desktop")
    outputs = []
    for arguments in (["info"], []):  # a command, then the window (opened, then closed)
        result = subprocess.run(
            [sys.executable, "-c", PORTABLE_RUN, program, *arguments],
            cwd=stick,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert f"data folder:     {stick / 'ccn-data'}  (portable)" in outputs[0]
    data = stick / "ccn-data"
    assert (data / "catalogue.sqlite3").is_file()
    assert (data / "keys" / "office_ed25519.pem").is_file()
    assert (data / "logs" / "ccn-desktop.log").is_file()
    assert "closing every window after 300 ms" in (data / "logs" / "ccn-desktop.log").read_text()
    assert list(home.rglob("*")) == []
