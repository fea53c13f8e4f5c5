"""Hostile files given to `verify` and `import`: refused in one sentence, before any harm.

A named pipe or a device is refused before it is read (a pipe used to hang both commands
for ever, a link to /dev/zero read 400 MB); a repeated JSON key is refused wherever it is
(it used to verify and import, or fail on layout alone); a key a megabyte long is cut
short in the message. The catalogue file is byte for byte what it was after each refusal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccn_desktop.catalogue.canonical import canonical_bytes
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.exchange import bundles
from tests.exchange.test_plan import settled_hash
from tests.processes import child_environment

KEY = bundles.office_key()
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Catalogue]:
    catalogue = Catalogue.open(
        DataPaths.in_folder(tmp_path / "office"), office_name="Paris", starter=False
    )
    yield catalogue
    catalogue.close()


def refused(office: Catalogue, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `import ARGS` and `verify ARGS` on `office`: both exit 1 with one line and the
    catalogue file unchanged. Returns the import's message."""
    before = settled_hash(office)
    folder = str(office.paths.data_dir)
    assert main(["--data-dir", folder, "import", *args, "--trust"]) == 1
    message = capsys.readouterr().err
    assert main(["--data-dir", folder, "verify", *args]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert message.count("\n") == 1 and "unexpected" not in message, message
    assert settled_hash(office) == before
    return message


def run_with_time_limit(*args: str) -> subprocess.CompletedProcess[str]:
    """`ccn-desktop ARGS` in another process: a hang fails the test instead of stalling it."""
    return subprocess.run(
        [sys.executable, "-m", "ccn_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_environment(),
    )


# -- defect 2: files that are not regular files -------------------------------------------


@posix_only
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "stick.ccnbundle.json"
    os.mkfifo(pipe)
    message = refused(office, capsys, str(pipe))
    assert "is a named pipe, not a bundle file" in message and str(pipe) in message
    # In a real process too (a hang there would have blocked the test for ever).
    result = run_with_time_limit("verify", str(pipe))
    assert result.returncode == 1 and "named pipe" in result.stderr


@posix_only
def test_a_link_to_a_device_is_judged_by_its_target(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "zero.ccnbundle.json"
    link.symlink_to("/dev/zero")
    message = refused(office, capsys, str(link))
    assert "is a link to /dev/zero, which is a device, not a bundle file" in message
    assert "too large" not in message


@posix_only
def test_a_link_to_a_pipe_and_a_link_to_a_link_are_refused(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "to-pipe.json").symlink_to(tmp_path / "pipe")
    assert "which is a named pipe" in refused(office, capsys, str(tmp_path / "to-pipe.json"))
    good = bundles.write(tmp_path / "good.json", bundles.make_bundle(bundles.sample_payload(), KEY))
    (tmp_path / "one.json").symlink_to(good)
    (tmp_path / "two.json").symlink_to(tmp_path / "one.json")
    assert "a link to a link" in refused(office, capsys, str(tmp_path / "two.json"))


def test_a_link_to_a_bundle_is_read(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundles.write(tmp_path / "good.json", bundles.make_bundle(bundles.sample_payload(), KEY))
    (tmp_path / "link.ccnbundle.json").symlink_to("good.json")  # relative to the link's folder
    assert main(["verify", str(tmp_path / "link.ccnbundle.json")]) == 0
    assert "2 cities" in capsys.readouterr().out


# -- defect 5: repeated keys -----------------------------------------------------------------


def _dup_name(data: bytes) -> bytes:
    """The first city's name given twice: "First value" then "Dupville"."""
    assert data.count('"name":"Łódź"'.encode()) == 1
    return data.replace('"name":"Łódź"'.encode(), b'"name":"First value","name":"Dupville"')


def _signed_over(data: bytes) -> bytes:
    """`data` (a canonical bundle with its payload changed) with checksum and signature
    made to match its payload bytes as they are, as a forger would."""
    import hashlib

    from ccn_desktop.exchange.signing import sign

    head, payload = data.split(b',"payload":', 1)
    manifest = json.loads(head[len(b'{"manifest":') :])
    manifest.pop("signature")
    manifest["payload_sha256"] = hashlib.sha256(payload.rstrip(b"\n")[:-1]).hexdigest()
    manifest["signature"] = sign(manifest, KEY)
    return b'{"manifest":' + canonical_bytes(manifest, 2) + b',"payload":' + payload


def test_a_repeated_key_in_a_signed_payload_is_refused_in_any_layout(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = bundles.make_bundle(bundles.sample_payload(), KEY)
    forged = _signed_over(_dup_name(canonical_bytes(good, 2)))
    as_written = tmp_path / "forged.ccnbundle.json"
    as_written.write_bytes(forged)
    spaced = tmp_path / "spaced.ccnbundle.json"
    spaced.write_bytes(forged.replace(b'"name":"Dupville"', b'"name": "Dupville"'))
    for path in (as_written, spaced):
        message = refused(office, capsys, str(path))
        assert "payload.cities[0]" in message and "'name' appears twice" in message, message
    assert office.count("city") == 0


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.replace(b'"format_version":2', b'"format_version":1,"format_version":2'),
         "manifest"),
        (lambda d: d[:-2] + b',"manifest":{}}\n', "top level"),
        (lambda d: d.replace(b'"knowledge":{', b'"knowledge":{"a":1,"a":2,'), "manifest.knowledge"),
    ],
)  # fmt: skip
def test_a_repeated_key_in_the_manifest_or_at_the_top_is_refused(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str], change, where: str
) -> None:
    good = bundles.make_bundle(bundles.sample_payload(), KEY)
    path = tmp_path / "b.ccnbundle.json"
    path.write_bytes(change(canonical_bytes(good, 2) + b"\n"))
    message = refused(office, capsys, str(path))
    assert "appears twice" in message and where in message, message


# -- smaller: echoed names are cut short; a location is never empty -----------------------


def test_a_megabyte_long_field_name_is_not_echoed_whole(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = "x" * 1_000_000
    payload = bundles.sample_payload()
    payload["cities"][0][long_name] = 1
    path = bundles.write(tmp_path / "field.json", bundles.make_bundle(payload, KEY))
    message = refused(office, capsys, str(path))
    assert "is not a field of this format" in message and len(message) < 300
    manifest_key = bundles.make_bundle(bundles.sample_payload(), KEY)
    manifest_key["manifest"][long_name] = 1
    path = bundles.write(tmp_path / "manifest.json", manifest_key)
    message = refused(office, capsys, str(path))
    assert "manifest.xxx" in message and len(message) < 300


def test_a_refusal_always_names_a_place(
    office: Catalogue, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = bundles.make_bundle(bundles.sample_payload(), KEY)
    bundle["payload"] = []
    path = bundles.write(tmp_path / "list.json", bundles.resign(bundle, KEY))
    message = refused(office, capsys, str(path))
    assert "not valid at payload:" in message and "at :" not in message
