# ruff: noqa: F811  (the exchange tests' fixtures, imported: pytest passes them by name)
"""`ccn-desktop sync FOLDER [--dry-run] [--trust]`: what it prints, its exit status, and
the catalogue left as it was when nothing could be done."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.exchange.conftest import (  # noqa: F401 (fixtures)
    MakeOffice,
    fast_tmp,
    make_office,
    office_template,
    stick,
)
from tests.exchange.syncing import folder_hashes, settled_hash, sync
from tests.helpers import city_values
from tests.locked_folder import locked


def exchange(stick: Path) -> Path:
    return stick / "ccn-exchange"


def test_damaged_and_foreign_files_are_named_and_the_rest_goes_on(
    make_office: MakeOffice, stick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nairobi, bamako, dakar = make_office("Nairobi"), make_office("Bamako"), make_office("Dakar")
    for office in (nairobi, bamako, nairobi):
        sync(office, stick)
    nairobi.add("city", city_values(name="Lost on the way"))
    sync(nairobi, stick)
    city = dakar.add("city", city_values(name="Arrives anyway"))
    sync(dakar, stick)
    for_bamako = next(p for p in exchange(stick).iterdir() if p.name.startswith("to Bamako"))
    for_bamako.write_bytes(for_bamako.read_bytes()[:-200])  # copied halfway
    (exchange(stick) / "broken.ccnbundle.json").write_bytes(b"\x00garbage")
    (exchange(stick) / "notes.txt").write_text("bring the stick back", encoding="utf-8")
    folder = bamako.paths.data_dir
    bamako.close()
    code = main(["--data-dir", str(folder), "sync", str(stick), "--trust"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{for_bamako.name}: The bundle is incomplete" in out
    assert "broken.ccnbundle.json: The file is not" in out
    assert "notes.txt: not a bundle" in out
    assert "came in:" in out
    with Catalogue.open(DataPaths.in_folder(folder)) as reopened:
        assert reopened.get("city", city)["name"] == "Arrives anyway"
    assert (exchange(stick) / "notes.txt").read_text(encoding="utf-8") == "bring the stick back"


def test_unknown_signers_need_trust_on_the_command_line(
    make_office: MakeOffice, stick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    nairobi.add("city", city_values())
    sync(nairobi, stick)
    folder = bamako.paths.data_dir
    bamako.close()
    args = ["--data-dir", str(folder), "sync", str(stick)]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert 'signed by "Nairobi", not trusted here yet (key fingerprint' in out
    assert "--trust" in out
    with Catalogue.open(DataPaths.in_folder(folder)) as reopened:
        assert reopened.count("city") == 0
    assert main([*args, "--trust"]) == 0
    assert "came in:" in capsys.readouterr().out
    assert main(args) == 0  # trusted now; nothing new
    assert "Nothing new" in capsys.readouterr().out


def test_dry_run_writes_nothing(
    make_office: MakeOffice, stick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    nairobi.add("city", city_values())
    sync(nairobi, stick)
    folder = bamako.paths.data_dir
    before = (settled_hash(bamako), folder_hashes(stick))
    bamako.close()
    assert main(["--data-dir", str(folder), "sync", str(stick), "--dry-run", "--trust"]) == 0
    out = capsys.readouterr().out
    assert "would bring cities 1 new" in out
    assert "would leave a bundle for new offices" in out
    assert "Dry run" in out
    with Catalogue.open(DataPaths.in_folder(folder)) as reopened:
        assert (settled_hash(reopened), folder_hashes(stick)) == before


def test_a_locked_empty_stick_on_the_command_line(
    make_office: MakeOffice, stick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bamako = make_office("Bamako")
    folder = bamako.paths.data_dir
    before = settled_hash(bamako)
    bamako.close()
    with locked(stick):
        assert main(["--data-dir", str(folder), "sync", str(stick)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("ccn-desktop: The folder") and "cannot be made" in err
    assert len(err.splitlines()) == 1
    assert not exchange(stick).exists()
    with Catalogue.open(DataPaths.in_folder(folder)) as reopened:
        assert settled_hash(reopened) == before
