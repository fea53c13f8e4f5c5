"""`ccn-desktop backup`, `restore` and `check` from the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ccn_desktop.catalogue.backups import list_backups
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.damage import overwrite_middle
from tests.helpers import city_values, database_dump
from tests.processes import child_environment, lock_holder


def cli(paths: DataPaths, *args: str) -> int:
    return main(["--data-dir", str(paths.data_dir), *args])


@pytest.fixture
def ready(data_paths: DataPaths) -> DataPaths:
    Catalogue.open(data_paths, office_name="Test office").close()
    return data_paths


def test_backup_then_list(ready: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(ready, "backup") == 0
    made = list_backups(ready.backups_dir)[0]
    assert f"Backed up to {made.path}" in capsys.readouterr().out
    assert cli(ready, "backup", "--list") == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].startswith(made.name) and listing[0].endswith("manual")


def test_nothing_to_back_up(data_paths: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(data_paths, "backup") == 1
    assert capsys.readouterr().err.strip().endswith("nothing to back up.")


def test_check_a_healthy_catalogue(ready: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(ready, "check") == 0
    assert "passes the full integrity check" in capsys.readouterr().out


def test_every_command_names_the_backup_to_restore(
    ready: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(ready, "backup") == 0
    good = list_backups(ready.backups_dir)[0]
    overwrite_middle(ready.catalogue_file)
    capsys.readouterr()
    for command in (["check"], ["info"], ["backup"]):
        assert cli(ready, *command) == 1
        error = capsys.readouterr().err
        assert len(error.strip().splitlines()) == 1
        assert f"restore it with `ccn-desktop restore {good.name}`" in error
    assert cli(ready, "restore", good.name) == 0
    out = capsys.readouterr().out
    assert "The damaged catalogue was kept as" in out
    assert cli(ready, "check") == 0


def test_restore_backs_up_the_current_file_first(
    ready: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(ready, "backup") == 0
    good = list_backups(ready.backups_dir)[0]
    with Catalogue.open(ready) as catalogue:
        catalogue.add("city", city_values(name="Typed after the backup"))
    before = database_dump(ready.catalogue_file)
    assert cli(ready, "restore", str(good.path)) == 0
    safety = [b for b in list_backups(ready.backups_dir) if b.trigger == "before-restore"]
    assert len(safety) == 1
    assert database_dump(safety[0].path) == before
    assert f"backed up as {safety[0].path}" in capsys.readouterr().out


def test_restore_of_an_unknown_backup(ready: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(ready, "restore", "catalogue-nope.sqlite3") == 1
    assert "No backup catalogue-nope.sqlite3" in capsys.readouterr().err


def test_restore_is_refused_while_the_window_is_open(ready: DataPaths) -> None:
    """A real second process holds the data folder; the command, run as the user would,
    refuses in one line and changes nothing. No standard input is needed."""
    assert main(["--data-dir", str(ready.data_dir), "backup"]) == 0
    good = list_backups(ready.backups_dir)[0]
    before = ready.catalogue_file.read_bytes()
    with lock_holder(ready.data_dir) as holder:
        finished = subprocess.run(
            [sys.executable, "-m", "ccn_desktop", "--data-dir", str(ready.data_dir),
             "restore", good.name],
            capture_output=True, text=True, stdin=subprocess.DEVNULL, env=child_environment(),
            timeout=60,
        )  # fmt: skip
    assert finished.returncode == 1
    assert finished.stderr.count("\n") == 1
    assert f"already open on the data folder {ready.data_dir}" in finished.stderr
    assert f"process {holder.pid}" in finished.stderr
    assert "Nothing was restored." in finished.stderr
    assert ready.catalogue_file.read_bytes() == before
