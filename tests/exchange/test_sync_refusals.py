"""What a sync skips or refuses: damaged and foreign files, unknown signers, a locked or
full stick — each named in one sentence, the rest of the sync done, no half file."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange import export as export_module
from ccn_desktop.exchange import sync_leave
from tests.exchange.conftest import MakeOffice
from tests.exchange.syncing import bundle_files, folder_hashes, settled_hash, sync
from tests.helpers import city_values
from tests.locked_folder import locked


def exchange(stick: Path) -> Path:
    return stick / "ccn-exchange"


def test_a_locked_stick_is_read_and_refused_in_one_sentence(
    make_office: MakeOffice, stick: Path
) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    city = nairobi.add("city", city_values())
    sync(nairobi, stick)
    before = folder_hashes(stick)
    with locked(stick):
        report = sync(bamako, stick)
    assert bamako.get("city", city)["name"] == "Testville"  # what was on it came in
    assert report.write_problem.startswith("The folder")
    assert "read-only" in report.write_problem
    assert not report.complete
    assert folder_hashes(stick) == before


@contextlib.contextmanager
def tiny_disk(folder: Path) -> Iterator[Path]:
    """A 64 KB file system mounted at `folder` (root only)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _big_office(make_office: MakeOffice) -> Catalogue:
    office = make_office("Nairobi")
    for number in range(80):
        office.add("city", city_values(name=f"City {number}", notes="x" * 600))
    return office


def test_a_full_stick_is_refused_before_writing(make_office: MakeOffice, fast_tmp: Path) -> None:
    nairobi = _big_office(make_office)
    with tiny_disk(fast_tmp / "tiny") as stick:
        before = settled_hash(nairobi)
        report = sync(nairobi, stick)
        assert "not enough room" in report.write_problem
        assert bundle_files(stick) == []
        assert settled_hash(nairobi) == before


def test_a_disk_that_fills_while_writing_leaves_no_half_file(
    make_office: MakeOffice, fast_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nairobi = _big_office(make_office)
    with tiny_disk(fast_tmp / "tiny") as stick:
        plenty = shutil.disk_usage(fast_tmp)._replace(free=10**9)
        monkeypatch.setattr(sync_leave.shutil, "disk_usage", lambda _folder: plenty)
        report = sync(nairobi, stick)
        assert "cannot be written" in report.write_problem
        assert "No space left on device" in report.write_problem
        assert bundle_files(stick) == []  # no temporary file either


def test_an_injected_write_error_leaves_the_previous_bundle(
    make_office: MakeOffice, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nairobi = make_office("Nairobi")
    sync(nairobi, stick)
    before = folder_hashes(stick)
    nairobi.add("city", city_values())

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_module.os, "replace", full)
    report = sync(nairobi, stick)
    assert "No space left on device" in report.write_problem
    assert folder_hashes(stick) == before


def _two_bundles_for_bamako(make_office: MakeOffice, stick: Path) -> tuple[Catalogue, list[str]]:
    nairobi, bamako, dakar = make_office("Nairobi"), make_office("Bamako"), make_office("Dakar")
    cities = [office.add("city", city_values(name=f"From {office.office.name}"))
              for office in (nairobi, dakar)]  # fmt: skip
    for office in (nairobi, dakar):
        sync(office, stick)
    return bamako, cities


def test_a_stick_pulled_once_the_bundles_are_read_still_brings_everything(
    make_office: MakeOffice, stick: Path
) -> None:
    from ccn_desktop.exchange.sync import SyncRun

    bamako, cities = _two_bundles_for_bamako(make_office, stick)
    run = SyncRun(bamako, stick)
    run.start()
    shutil.rmtree(stick)  # the stick is taken out before the first import
    for file in run.incoming:
        plan = run.plan(file)
        assert plan is not None
        run.apply(plan, trust=True)
    report = run.finish()
    assert all(bamako.get("city", uuid) for uuid in cities)
    assert "no longer there" in report.write_problem


def test_a_stick_pulled_while_the_bundles_are_read_imports_nothing(
    make_office: MakeOffice, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccn_desktop.exchange import sync as sync_module
    from ccn_desktop.exchange.sync import SyncError, SyncRun

    bamako, _cities = _two_bundles_for_bamako(make_office, stick)
    before = settled_hash(bamako)
    reads: list[Path] = []

    def pulled(path: Path) -> bytes:
        reads.append(path)
        if len(reads) == 2:
            shutil.rmtree(stick)
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return path.read_bytes()

    monkeypatch.setattr(sync_module, "read_file", pulled)
    with pytest.raises(SyncError, match="went away while its bundles were read"):
        SyncRun(bamako, stick).start()
    assert settled_hash(bamako) == before
    assert bamako.count("city") == 0


def test_a_locked_stick_with_nothing_to_write_is_no_problem(
    make_office: MakeOffice, stick: Path
) -> None:
    nairobi = make_office("Nairobi")
    sync(nairobi, stick)
    with locked(stick):
        report = sync(nairobi, stick)
    assert report.complete
    assert [item.written for item in report.left] == [False]
