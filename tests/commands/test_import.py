"""`ccn-desktop import FILE [--dry-run] [--trust]`: one line on stderr and status 1 when
refused, the catalogue byte for byte unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.exchange import bundles
from tests.exchange.exchanging import export
from tests.exchange.test_plan import settled_hash
from tests.helpers import city_values


@pytest.fixture
def sender(tmp_path: Path) -> Catalogue:
    catalogue = Catalogue.open(
        DataPaths.in_folder(tmp_path / "dakar"), office_name="Dakar", starter=False
    )
    catalogue.add("city", city_values(name="Dakar", country_code="SN"))
    yield catalogue
    catalogue.close()


@pytest.fixture
def receiver(tmp_path: Path) -> Catalogue:
    catalogue = Catalogue.open(
        DataPaths.in_folder(tmp_path / "paris"), office_name="Paris", starter=False
    )
    yield catalogue
    catalogue.close()


def run(receiver: Catalogue, *args: str) -> int:
    return main(["--data-dir", str(receiver.paths.data_dir), "import", *args])


def test_dry_run_then_trust_then_again(
    sender: Catalogue, receiver: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(export(sender, tmp_path))
    before = settled_hash(receiver)
    assert run(receiver, path, "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"key fingerprint {sender.office.fingerprint}: unknown to this catalogue" in out
    assert "changes:  cities 1 new; 0 unchanged" in out
    assert "  new       city       Dakar (" in out
    assert "import with --trust" in out and "Dry run: nothing was imported." in out
    assert settled_hash(receiver) == before

    assert run(receiver, path) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "--trust" in captured.err
    assert settled_hash(receiver) == before

    assert run(receiver, path, "--trust") == 0
    out = capsys.readouterr().out
    assert "Imported" in out and "cities 1 new" in out and "Backup made before importing" in out
    assert receiver.count("city") == 1

    assert run(receiver, path) == 0
    assert "Nothing new" in capsys.readouterr().out


def test_dry_run_shows_field_differences(
    sender: Catalogue, receiver: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(receiver, str(export(sender, tmp_path)), "--trust") == 0
    city = sender.uuid_of("city", 1)
    sender.update("city", city, {"notes": "new notes"})
    capsys.readouterr()
    assert run(receiver, str(export(sender, tmp_path)), "--dry-run") == 0
    assert '      notes: "" -> "new notes"' in capsys.readouterr().out


Damage = Callable[[bytes], bytes]


def _newer(data: bytes) -> bytes:
    document = json.loads(data)
    document["manifest"]["format_version"] = 9
    return json.dumps(document).encode()


def _tampered(data: bytes) -> bytes:
    return data.replace(b'"country_code":"SN"', b'"country_code":"FR"', 1)


BAD: list[tuple[Damage, str]] = [
    (lambda data: data[: len(data) // 2], "incomplete"),
    (lambda data: b"<html>not a bundle</html>", "not valid JSON"),
    (lambda data: data.decode().encode("utf-16"), "not UTF-8"),
    (_newer, "format version 9"),
    (_tampered, "checksum"),
    (lambda data: b"[" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(("damage", "expected"), BAD)
def test_bad_bundles_are_one_line_and_change_nothing(
    sender: Catalogue,
    receiver: Catalogue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Damage,
    expected: str,
) -> None:
    path = export(sender, tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    before = settled_hash(receiver)
    assert run(receiver, str(path), "--trust") == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("ccn-desktop: ") and expected in captured.err
    assert settled_hash(receiver) == before


def test_a_known_office_with_a_new_key_is_refused(
    sender: Catalogue, receiver: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(receiver, str(export(sender, tmp_path)), "--trust") == 0
    forged = bundles.make_bundle(bundles.sample_payload(), bundles.office_key(),
                                 office=sender.office.uuid, name="Dakar")  # fmt: skip
    path = bundles.write(tmp_path / "forged.ccnbundle.json", forged)
    capsys.readouterr()
    before = settled_hash(receiver)
    assert run(receiver, str(path), "--trust") == 1
    assert "signed with another key" in capsys.readouterr().err
    assert settled_hash(receiver) == before


def test_info_shows_the_key_fingerprint(
    receiver: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(receiver.paths.data_dir), "info"]) == 0
    assert f"key fingerprint: {receiver.office.fingerprint}" in capsys.readouterr().out
