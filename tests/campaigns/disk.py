"""Full and read-only disk campaign, on a small tmpfs mounted for the purpose.

    python -m tests.campaigns.disk [--rounds 20]

Needs root (to mount); otherwise every scenario is skipped with the reason printed.
The export scenario needs the exchange engine too.
Each scenario fills the catalogue's disk (or makes it read-only) and then saves,
backs up or restores: the user must get one clear sentence, no partial file may be
left, the catalogue must be unchanged, and once space is back the same save — the
values the user typed, still in the form — must go through.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ccn_desktop.catalogue.backups import list_backups, take_backup
from ccn_desktop.catalogue.errors import CatalogueError, StorageError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.catalogue.restore import restore_backup
from ccn_desktop.errors import user_message
from ccn_desktop.paths import DataPaths
from tests.campaigns.common import (
    dump_digest,
    exchange_available,
    make_template,
    print_table,
    scratch,
)

SIZE_MB = 64
FILLER = "filler.bin"
EXPECTED_FILES = {"catalogue.sqlite3", "catalogue.sqlite3-wal", "catalogue.sqlite3-shm"}


class MountUnavailable(Exception):
    """Why this machine cannot run the campaign (not root, no tmpfs)."""


@dataclass
class Result:
    scenario: str
    rounds: int = 0
    refused: int = 0
    fitted: int = 0
    messages: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)


@contextmanager
def small_disk(folder: Path, size_mb: int = SIZE_MB) -> Iterator[Path]:
    """A tmpfs of `size_mb` mounted at `folder`; raises MountUnavailable if it cannot be."""
    if os.name != "posix" or os.geteuid() != 0:
        raise MountUnavailable("mounting a small tmpfs needs root on Linux")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        raise MountUnavailable(f"mount -t tmpfs failed: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def set_read_only(folder: Path, read_only: bool) -> None:
    option = "remount,ro" if read_only else "remount,rw"
    subprocess.run(["mount", "-o", option, str(folder)], check=True, capture_output=True)


def fill(folder: Path) -> Path:
    """Write a file until the disk refuses; the disk is then full to the last byte."""
    filler = folder / FILLER
    with filler.open("ab", buffering=0) as handle:
        for size in (1 << 20, 65536, 4096, 512, 1):
            chunk = b"\0" * size
            try:
                while True:
                    handle.write(chunk)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    return filler


def stray_files(paths: DataPaths) -> list[str]:
    """Files a failed write may have left: anything not a known part of the data folder."""
    strays = [
        entry.name
        for entry in paths.data_dir.iterdir()
        if entry.is_file() and entry.name not in EXPECTED_FILES and entry.name != FILLER
        and not entry.name.endswith(".lock")
    ]  # fmt: skip
    strays += [entry.name for entry in paths.backups_dir.glob("*.partial*")]
    return strays


def typed_values(rng: random.Random, round_number: int) -> dict[str, object]:
    """What the user typed in a city's form: long texts, as large as the form allows."""
    words = "Édition de la ville créative, Łódź, 釜山, Niš. "

    def text(limit: int) -> str:
        body = f"Round {round_number}. " + words * (limit // len(words))
        return body[: rng.randint(limit // 4, limit)].strip()  # as the form would keep it

    return {
        "description": text(20_000),
        "notes": text(20_000),
        "objectives": [text(2_000) for _ in range(rng.randint(5, 30))],
    }


def scenario_save_on_full_disk(
    paths: DataPaths, mount: Path, rounds: int, rng: random.Random
) -> Result:
    """A save on a full disk is refused in one sentence, the file unchanged, and the values
    (still in the form) save once space is back. A save that fits in space the catalogue
    already holds (its WAL) goes through, whole."""
    result = Result("save, disk full")
    with Catalogue.open(paths) as catalogue:
        uuids = [
            row.uuid for row in catalogue.rows("city", catalogue.ids("city")[:200], ()).values()
        ]
        for round_number in range(rounds):
            result.rounds += 1
            uuid = rng.choice(uuids)
            filler = fill(mount)
            before = dump_digest(paths.catalogue_file)
            values = typed_values(rng, round_number)
            try:
                catalogue.update("city", uuid, values)
            except StorageError as exc:
                result.refused += 1
                result.messages.add(_shape(str(exc)))
                if dump_digest(paths.catalogue_file) != before:
                    result.failures.append(
                        f"round {round_number}: the refused save changed the file"
                    )
            except Exception as exc:  # anything else is a failure of the campaign
                result.failures.append(f"round {round_number}: {type(exc).__name__}: {exc}")
            else:
                result.fitted += 1
                if not _saved(catalogue, uuid, values):
                    result.failures.append(f"round {round_number}: the save that fitted lost text")
            strays = stray_files(paths)
            if strays:
                result.failures.append(f"round {round_number}: files left: {strays}")
            filler.unlink()
            try:  # the values are still in the form: save them again
                catalogue.update("city", uuid, values)
            except Exception as exc:
                result.failures.append(f"round {round_number}: the retry failed: {exc}")
            else:
                if not _saved(catalogue, uuid, values):
                    result.failures.append(f"round {round_number}: the retry lost the text")
    problems = check_file(paths.catalogue_file, full=True)
    if problems:
        result.failures.append(f"the catalogue fails the check: {problems[0]}")
    return result


def _saved(catalogue: Catalogue, uuid: str, values: dict[str, object]) -> bool:
    record = catalogue.get("city", uuid)
    return all(record[name] == value for name, value in values.items())


def scenario_backup_on_full_disk(
    paths: DataPaths, mount: Path, rounds: int, rng: random.Random
) -> Result:
    result = Result("back up now, disk full")
    for round_number in range(rounds):
        result.rounds += 1
        count = len(list_backups(paths.backups_dir))
        filler = fill(mount)
        try:
            take_backup(paths, "manual")
        except StorageError as exc:
            result.refused += 1
            result.messages.add(_shape(str(exc)))
        except Exception as exc:
            result.failures.append(f"round {round_number}: {type(exc).__name__}: {exc}")
        else:
            result.failures.append(f"round {round_number}: the backup fitted on a full disk")
        if len(list_backups(paths.backups_dir)) != count:
            result.failures.append(f"round {round_number}: a backup file appeared")
        strays = stray_files(paths)
        if strays:
            result.failures.append(f"round {round_number}: files left: {strays}")
        filler.unlink()
    return result


def scenario_restore_on_full_disk(
    paths: DataPaths, mount: Path, rounds: int, rng: random.Random
) -> Result:
    result = Result("restore, disk full")
    backup = list_backups(paths.backups_dir)[-1].path
    for round_number in range(rounds):
        result.rounds += 1
        before = dump_digest(paths.catalogue_file)
        filler = fill(mount)
        try:
            restore_backup(paths, backup)
        except CatalogueError as exc:
            result.refused += 1
            result.messages.add(_shape(str(exc)))
        except Exception as exc:
            result.failures.append(f"round {round_number}: {type(exc).__name__}: {exc}")
        else:
            result.failures.append(f"round {round_number}: the restore fitted on a full disk")
        if dump_digest(paths.catalogue_file) != before:
            result.failures.append(f"round {round_number}: the refused restore changed the file")
        hidden = [entry.name for entry in paths.data_dir.glob(".*")]
        strays = stray_files(paths) + hidden
        if strays:
            result.failures.append(f"round {round_number}: files left: {strays}")
        filler.unlink()
    return result


def scenario_open_on_full_disk(
    paths: DataPaths, mount: Path, rounds: int, rng: random.Random
) -> Result:
    """The first open of the day cannot make its backup: the catalogue opens all the same,
    or (when even SQLite's shared-memory file has no room) says the disk is full."""
    result = Result("first open of the day, disk full")
    for round_number in range(rounds):
        result.rounds += 1
        for backup in list_backups(paths.backups_dir):
            if backup.trigger == "daily":
                backup.path.unlink()
        filler = fill(mount)
        try:
            with Catalogue.open(paths) as catalogue:
                catalogue.count("city")
        except StorageError as exc:
            result.refused += 1
            result.messages.add(_shape(str(exc)))
        except Exception as exc:
            result.failures.append(f"round {round_number}: {type(exc).__name__}: {exc}")
        else:
            result.fitted += 1
            result.messages.add("opened (the daily backup's failure is logged)")
        strays = stray_files(paths)
        if strays:
            result.failures.append(f"round {round_number}: files left: {strays}")
        filler.unlink()
    return result


def scenario_read_only_disk(
    paths: DataPaths, mount: Path, rounds: int, rng: random.Random
) -> Result:
    """A stick with its write-protect switch on: opening to save, backing up and restoring
    are refused in one sentence and change nothing; once writable, the save goes through.

    (A disk turned read-only under an open catalogue cannot be staged here: Linux refuses
    to remount a file system read-only while files on it are open for writing.)
    """
    result = Result("save, back up, restore on a read-only disk")
    with Catalogue.open(paths) as catalogue:
        uuids = [
            row.uuid for row in catalogue.rows("city", catalogue.ids("city")[:200], ()).values()
        ]
    backup = list_backups(paths.backups_dir)[-1].path
    for round_number in range(rounds):
        uuid = rng.choice(uuids)
        values = {"notes": f"Typed in round {round_number} while the stick was locked."}
        before = dump_digest(paths.catalogue_file)
        set_read_only(mount, True)
        try:
            for action, attempt in (
                ("save", partial(_open_and_save, paths, uuid, values)),
                ("back up", partial(take_backup, paths, "manual")),
                ("restore", partial(restore_backup, paths, backup)),
            ):
                result.rounds += 1
                try:
                    attempt()
                except Exception as exc:
                    message = user_message(exc)
                    if message is None:
                        result.failures.append(
                            f"round {round_number}, {action}: {type(exc).__name__}: {exc}"
                        )
                    else:
                        result.refused += 1
                        result.messages.add(f"{action}: {_shape(message)}")
                else:
                    result.failures.append(f"round {round_number}: {action} on a read-only disk")
        finally:
            set_read_only(mount, False)
        if dump_digest(paths.catalogue_file) != before:
            result.failures.append(f"round {round_number}: the refused actions changed the file")
        try:
            _open_and_save(paths, uuid, values)
        except Exception as exc:
            result.failures.append(f"round {round_number}: the retry failed: {exc}")
    return result


def _open_and_save(paths: DataPaths, uuid: str, values: dict[str, str]) -> None:
    with Catalogue.open(paths) as catalogue:
        catalogue.update("city", uuid, values)
        if catalogue.get("city", uuid)["notes"] != values["notes"]:
            raise AssertionError("the saved text differs from the typed text")


def scenario_export_to_full_or_locked_stick(
    paths: DataPaths, mount: Path, rounds: int, rng: random.Random
) -> Result:
    """Export to a stick that is full, then to one that is locked: one sentence each, no
    file that looks like a bundle, and the export goes through once the stick is fine."""
    from ccn_desktop.exchange.export import export_bundle
    from ccn_desktop.exchange.verify import read_bundle

    result = Result("export to a full, then a locked stick")
    with (
        small_disk(mount.parent / f"{mount.name}-stick", 4) as stick,
        Catalogue.open(paths) as catalogue,
    ):
        for round_number in range(rounds):
            filler = fill(stick)
            for state in ("full", "locked"):
                result.rounds += 1
                if state == "locked":
                    filler.unlink()
                    set_read_only(stick, True)
                try:
                    export_bundle(catalogue, stick)
                except Exception as exc:
                    message = user_message(exc) or _exchange_message(exc)
                    if message is None:
                        result.failures.append(
                            f"round {round_number}, {state}: {type(exc).__name__}: {exc}"
                        )
                    else:
                        result.refused += 1
                        result.messages.add(f"{state}: {_shape(message)}")
                else:
                    result.failures.append(f"round {round_number}: exported to a {state} stick")
                finally:
                    if state == "locked":
                        set_read_only(stick, False)
                left = [entry.name for entry in stick.iterdir() if entry.name != FILLER]
                if left:
                    result.failures.append(f"round {round_number}, {state}: left {left}")
            exported = export_bundle(catalogue, stick)
            read_bundle(exported.path)
            exported.path.unlink()
            result.fitted += 1
    return result


def _exchange_message(exc: BaseException) -> str | None:
    from ccn_desktop.exchange.errors import ExchangeError

    return str(exc) if isinstance(exc, ExchangeError) else None


SCENARIOS: dict[str, Callable[[DataPaths, Path, int, random.Random], Result]] = {
    "save": scenario_save_on_full_disk,
    "backup": scenario_backup_on_full_disk,
    "restore": scenario_restore_on_full_disk,
    "open": scenario_open_on_full_disk,
    "read-only": scenario_read_only_disk,
    "export": scenario_export_to_full_or_locked_stick,  # needs the exchange engine
}


def _shape(message: str) -> str:
    """The message without its paths, to count the kinds of sentence."""
    return " ".join("…" if "/" in word else word for word in message.split())


def run(scenarios: list[str], rounds: int, seed: int) -> list[Result]:
    """Run the scenarios; raises MountUnavailable when the machine cannot mount."""
    rng = random.Random(seed)
    results = []
    with scratch("disk") as root:
        template = make_template(root / "template")
        take_backup(template, "manual")
        for name in scenarios:
            with small_disk(root / f"mount-{name}") as mount:
                shutil.copytree(template.data_dir, mount / "data")
                paths = DataPaths.in_folder(mount / "data")
                results.append(SCENARIOS[name](paths, mount, rounds, rng))
    return results


def main(argv: list[str] | None = None) -> int:
    logging.getLogger().addHandler(logging.NullHandler())  # failures are counted, not logged
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scenario", choices=list(SCENARIOS), action="append")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    started = time.monotonic()
    scenarios = args.scenario or list(SCENARIOS)
    if "export" in scenarios and not exchange_available():
        print("SKIPPED export: the exchange engine is not in this checkout")
        scenarios.remove("export")
    try:
        results = run(scenarios, args.rounds, args.seed)
    except MountUnavailable as reason:
        print(f"SKIPPED: {reason}")
        return 0
    rows = [
        (r.scenario, str(r.rounds), str(r.refused), str(r.fitted), str(len(r.failures)))
        for r in results
    ]
    header = ("scenario", "attempts", "refused in one sentence", "went through, whole", "failures")
    print_table(f"Full and read-only disk campaign (tmpfs of {SIZE_MB} MB)", rows, header)
    print("\nWhat the user was told (paths shown as …):")
    for result in results:
        for message in sorted(result.messages):
            print(f"  {result.scenario}: {message}")
    for result in results:
        for failure in result.failures:
            print(f"FAILURE {result.scenario}: {failure}")
    print(f"\n{time.monotonic() - started:.0f} s; seed {args.seed}")
    return 1 if any(result.failures for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
