"""`ccn-desktop export FILE [--for OFFICE]`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.paths import DataPaths
from tests.helpers import city_values


def test_export_to_a_folder_and_verify(
    data_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Catalogue.open(data_paths, starter=False, office_name="Dakar office") as catalogue:
        catalogue.add("city", city_values())
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["--data-dir", str(data_paths.data_dir), "export", str(stick)]) == 0
    out = capsys.readouterr().out
    (written,) = stick.iterdir()
    assert written.name.startswith("dakar-office-") and written.name.endswith(".ccnbundle.json")
    assert "verified after writing" in out and "1 city," in out
    assert read_bundle(written).counts["cities"] == 1


def test_export_refuses_an_existing_file_and_an_unknown_office(
    data_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Catalogue.open(data_paths, starter=False).close()
    target = tmp_path / "exists.ccnbundle.json"
    target.write_text("keep me")
    args = ["--data-dir", str(data_paths.data_dir), "export"]
    assert main([*args, str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text() == "keep me"
    unknown = "7e7e7e7e-1111-4222-8333-444455556666"
    assert main([*args, str(tmp_path / "new.ccnbundle.json"), "--for", unknown]) == 1
    assert "export everything instead" in capsys.readouterr().err
    assert not (tmp_path / "new.ccnbundle.json").exists()
