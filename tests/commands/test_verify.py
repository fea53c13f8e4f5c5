"""`ccn-desktop verify FILE`: works without a catalogue; one line and status 1 when bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.exchange.bundles import make_bundle, office_key, sample_payload, write


@pytest.fixture
def bundle_file(tmp_path: Path) -> Path:
    return write(tmp_path / "b.ccnbundle.json", make_bundle(sample_payload(), office_key()))


def test_verify_without_a_catalogue(
    tmp_path: Path, bundle_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--data-dir", str(tmp_path / "nowhere"), "verify", str(bundle_file)])
    out = capsys.readouterr().out
    assert status == 0
    assert "office:      Field office (0b9a3c1e-5f0e-4d55-9a0b-1c2d3e4f5a6b)" in out
    assert "2 cities, 1 conference, 1 project, 1 deleted record" in out
    assert "signer:      not checked (no catalogue" in out
    assert not (tmp_path / "nowhere" / "catalogue.sqlite3").exists()


def test_verify_says_when_the_signer_is_unknown_here(
    data_paths: DataPaths, bundle_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Catalogue.open(data_paths, starter=False).close()
    assert main(["--data-dir", str(data_paths.data_dir), "verify", str(bundle_file)]) == 0
    assert "signer:      unknown to this catalogue" in capsys.readouterr().out


def test_verify_a_damaged_bundle(
    tmp_path: Path, bundle_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle_file.write_bytes(bundle_file.read_bytes()[:-40])
    assert main(["--data-dir", str(tmp_path), "verify", str(bundle_file)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "incomplete" in captured.err


def test_verify_applies_the_forms_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = sample_payload()
    payload["cities"][0]["focal_point_email"] = "not an address"
    path = write(tmp_path / "b.ccnbundle.json", make_bundle(payload, office_key()))
    assert main(["--data-dir", str(tmp_path), "verify", str(path)]) == 1
    assert "cities[0].focal_point_email: is not an e-mail address" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "group", "unit"), [("fr", "\u202f", "octets"), ("es", ".", "bytes")]
)
def test_verify_writes_the_size_as_the_language_does(
    tmp_path: Path,
    bundle_file: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
    group: str,
    unit: str,
) -> None:
    """French groups thousands with a narrow no-break space (U+202F), Spanish with a full stop."""
    args = ["--language", language, "--data-dir", str(tmp_path / "nowhere"), "verify"]
    assert main([*args, str(bundle_file)]) == 0
    size = bundle_file.stat().st_size
    assert size >= 1000  # so that the size has a group to separate
    assert f"({size:,} ".replace(",", group) + unit + ")" in capsys.readouterr().out
