"""Two imports into one office at the same time: the second waits its turn, and no edit
is ever dropped from view.

Two offices each edit every city of a third, and each adds cities of its own; both
bundles are imported into the third by two real `ccn-desktop import --trust` processes
started together, many times over. Before, both could plan on the same catalogue: one
office's edits then survived only in history (no conflict flagged), or the second import
died on `UNIQUE constraint failed: city.id`. Now every city shows one office's note and
holds the other's as a flagged conflict, and every new city is there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ccn_desktop.catalogue import engine
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.exchange.exchanging import export, import_file
from tests.exchange.test_plan import settled_hash
from tests.helpers import city_values
from tests.processes import child_environment, lock_holder

WAITING = "another import is running in this data folder; waiting…"


def office(folder: Path, name: str) -> Catalogue:
    return Catalogue.open(DataPaths.in_folder(folder / name), office_name=name, starter=False)


def prepare(root: Path, cities: int, new: int) -> tuple[Path, Path, Path]:
    """Paris with `cities` cities; a bundle from Nairobi and one from Dakar, each editing
    all of them and adding `new` of its own. Returns Paris's folder and the two bundles."""
    stick = root / "stick"
    stick.mkdir()
    paris = office(root, "Paris")
    for number in range(cities):
        paris.add("city", city_values(name=f"City {number}"))
    full = export(paris, stick)
    bundles = []
    for name, country in (("Nairobi", "KE"), ("Dakar", "SN")):
        other = office(root, name)
        import_file(other, full)
        for record_id in other.ids("city", RecordQuery()):
            other.update("city", other.uuid_of("city", record_id), {"notes": f"{name} edit"})
        for number in range(new):
            other.add("city", city_values(name=f"{name} {number}", country_code=country))
        bundles.append(export(other, stick))
        other.close()
    paris.close()
    return root / "Paris", bundles[0], bundles[1]


def importer(data_dir: Path, bundle: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ccn_desktop", "--data-dir", str(data_dir), "import",
         str(bundle), "--trust"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_environment(),
    )  # fmt: skip


def race(root: Path, rounds: int, cities: int, new: int) -> int:
    """Run the two imports together `rounds` times on fresh copies; returns how many
    times one of them had to wait."""
    template, nairobi, dakar = prepare(root, cities, new)
    waited = 0
    for number in range(rounds):
        target = root / f"round-{number}"
        shutil.copytree(template, target)
        first, second = importer(target, nairobi), importer(target, dakar)
        results = [process.communicate(timeout=600) for process in (first, second)]
        for process, (out, err) in zip((first, second), results, strict=True):
            assert process.returncode == 0, err
            assert err in ("", WAITING + "\n"), err
            assert "Imported" in out
        waited += sum(WAITING in err for _out, err in results)
        check_nothing_dropped(target, cities, new)
        shutil.rmtree(target)
    return waited


def check_nothing_dropped(data_dir: Path, cities: int, new: int) -> None:
    """Every edited city shows one office's note and keeps the other's as a flagged
    conflict; every city added anywhere is here."""
    with Catalogue.open(DataPaths.in_folder(data_dir)) as paris:
        names = set()
        for record_id in paris.ids("city", RecordQuery()):
            uuid = paris.uuid_of("city", record_id)
            shown = paris.get("city", uuid)
            names.add(shown["name"])
            if shown["name"].startswith("City "):
                notes = {shown["notes"]} | {
                    side["notes"] for side in paris.conflict_versions("city", uuid)
                }
                assert notes == {"Nairobi edit", "Dakar edit"}, (shown["name"], notes)
        expected = {f"City {n}" for n in range(cities)}
        expected |= {f"{name} {n}" for name in ("Nairobi", "Dakar") for n in range(new)}
        assert names == expected
        assert paris.count("city", RecordQuery(needs_review=True)) == cities


def test_two_imports_at_once_both_land_as_a_conflict(tmp_path: Path) -> None:
    rounds = int(os.environ.get("CCN_RACE_ROUNDS", "3"))
    race(tmp_path, rounds, cities=150, new=20)


@pytest.mark.slow
def test_two_imports_at_once_many_times_on_a_larger_office(tmp_path: Path) -> None:
    waited = race(tmp_path, rounds=10, cities=2000, new=200)
    assert waited >= 1  # with imports this long, they did meet


# -- the lock's time limit and a window that holds it ------------------------------------


@pytest.fixture
def paris(tmp_path: Path) -> Path:
    template, nairobi, _dakar = prepare(tmp_path, cities=5, new=1)
    (tmp_path / "bundle.json").write_bytes(nairobi.read_bytes())
    return template


def test_a_writer_that_outlasts_the_time_limit_is_refused_in_one_sentence(
    paris: Path, tmp_path: Path
) -> None:
    catalogue = paris / "catalogue.sqlite3"
    with Catalogue.open(DataPaths.in_folder(paris)) as opened:
        before = settled_hash(opened)
    environment = child_environment() | {"CCN_LOCK_WAIT": "1"}
    with lock_holder(paris, role="command") as holder:
        result = subprocess.run(
            [sys.executable, "-m", "ccn_desktop", "--data-dir", str(paris), "import",
             str(tmp_path / "bundle.json"), "--trust"],
            capture_output=True, text=True, env=environment, timeout=120,
        )  # fmt: skip
    assert result.returncode == 1
    waiting, refusal = result.stderr.splitlines()
    assert waiting == WAITING
    assert f"process {holder.pid}" in refusal and "after waiting 1 seconds" in refusal
    assert refusal.endswith("Nothing was imported.")
    assert catalogue.exists() and sqlite_hash(catalogue) == before


def test_an_open_window_is_not_waited_for(paris: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "cities.csv"
    assert main(["--data-dir", str(paris), "spreadsheet", "export", "cities", str(sheet)]) == 0
    with lock_holder(paris) as holder:
        for command in (["import", str(tmp_path / "bundle.json"), "--trust"],
                        ["export", str(tmp_path)], ["backup"],
                        ["spreadsheet", "import", str(sheet)]):  # fmt: skip
            result = subprocess.run(
                [sys.executable, "-m", "ccn_desktop", "--data-dir", str(paris), *command],
                capture_output=True, text=True, env=child_environment(), timeout=120,
            )  # fmt: skip
            assert result.returncode == 1, command
            assert result.stderr.count("\n") == 1 and WAITING not in result.stderr
            assert f"already open on the data folder {paris} (process {holder.pid})" in (
                result.stderr
            )


def test_a_busy_catalogue_is_one_sentence(
    paris: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Another program holds SQLite's write lock past the busy timeout."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    catalogue = paris / "catalogue.sqlite3"
    before = sqlite_hash(catalogue)
    other = sqlite3.connect(catalogue, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--data-dir", str(paris), "import", str(tmp_path / "bundle.json"),
                     "--trust"])  # fmt: skip
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1, err
    assert "is busy: another program is writing to it" in err and "unexpected" not in err
    assert sqlite_hash(catalogue) == before


def sqlite_hash(path: Path) -> str:
    from tests.exchange.bundles import file_hash

    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return file_hash(path)
