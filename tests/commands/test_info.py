"""`ccn-desktop --version` and `info`, and how they fail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ccn_desktop import __version__
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"ccn-desktop {__version__}"


def test_info_shows_paths_office_and_starter_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "info"]) == 0
    out = capsys.readouterr().out
    assert f"catalogue file:  {tmp_path / 'catalogue.sqlite3'}" in out
    assert f"schema revision: {SCHEMA_HEAD}" in out
    assert "cities:          406" in out
    assert "conferences:     16" in out
    assert "key fingerprint:" in out


def test_data_dir_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CCN_DATA_DIR", str(tmp_path / "env"))
    assert main(["info"]) == 0
    assert str(tmp_path / "env") in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_a_data_folder_that_cannot_be_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["--data-dir", str(blocker / "data"), "info"]) == 1
    assert f"{blocker} is a file, not a folder" in one_line_error(capsys)


def test_a_catalogue_that_is_not_sqlite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "catalogue.sqlite3").write_text("hello")
    assert main(["--data-dir", str(tmp_path), "info"]) == 1
    assert "is not a CCN Desktop catalogue" in one_line_error(capsys)
    assert (tmp_path / "catalogue.sqlite3").read_text() == "hello"


def test_a_newer_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "info"]) == 0
    capsys.readouterr()
    connection = sqlite3.connect(tmp_path / "catalogue.sqlite3")
    connection.execute("UPDATE alembic_version SET version_num = '0099_next'")
    connection.commit()
    connection.close()
    assert main(["--data-dir", str(tmp_path), "info"]) == 1
    assert "0099_next" in one_line_error(capsys)
