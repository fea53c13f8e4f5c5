"""The process the crash campaign kills: it works on a catalogue until SIGKILL.

    python -m tests.campaigns.crash_worker save DATA_DIR SEED
    python -m tests.campaigns.crash_worker restore DATA_DIR BACKUP_A BACKUP_B
    python -m tests.campaigns.crash_worker backup DATA_DIR
    python -m tests.campaigns.crash_worker import DATA_DIR BUNDLE      (exchange engine)
    python -m tests.campaigns.crash_worker export DATA_DIR FOLDER      (exchange engine)

It prints "ready" when the work starts and "done N" after each completed step, so
the campaign knows which states the file may be in when it is killed.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from tests.campaigns.common import DeterministicClock

SAVES = 10_000


def save_changes(step: int, rng: random.Random, uuids: list[str]) -> tuple[str, dict[str, str]]:
    """The form's save of step `step`: which city, and the fields typed."""
    uuid = uuids[rng.randrange(len(uuids))]
    notes = f"Edit {step}: " + "texte saisi à la main, Łódź, 釜山. " * rng.randint(1, 200)
    return uuid, {"notes": notes, "focal_point_name": f"Person {step}"}


def city_uuids(catalogue: Catalogue) -> list[str]:
    rows = catalogue.rows("city", catalogue.ids("city"), ())
    return sorted(row.uuid for row in rows.values())


def save_steps(paths: DataPaths, seed: int) -> Iterator[Catalogue]:
    """Save one city after another through the facade, as the form does; yields the open
    catalogue once before the first save and after each one."""
    catalogue = Catalogue.open(paths)
    try:
        rng = random.Random(seed)
        uuids = city_uuids(catalogue)
        yield catalogue
        for step in range(1, SAVES + 1):
            uuid, changes = save_changes(step, rng, uuids)
            catalogue.update("city", uuid, changes)
            yield catalogue
    finally:
        catalogue.close()


def save(paths: DataPaths, seed: int) -> None:
    with DeterministicClock().installed():
        steps = save_steps(paths, seed)
        next(steps)
        print("ready", flush=True)
        for step, _catalogue in enumerate(steps, start=1):
            print(f"done {step}", flush=True)


def restore(paths: DataPaths, first: Path, second: Path) -> None:
    from ccn_desktop.catalogue.restore import restore_backup

    print("ready", flush=True)
    for step in range(1, SAVES + 1):
        restore_backup(paths, first if step % 2 else second)
        print(f"done {step}", flush=True)


def backup(paths: DataPaths) -> None:
    from ccn_desktop.catalogue.backups import take_backup

    print("ready", flush=True)
    for step in range(1, SAVES + 1):
        take_backup(paths, "manual")
        print(f"done {step}", flush=True)


def import_bundle(paths: DataPaths, bundle: Path) -> None:
    """One import of a (large) bundle: read, verify, plan, back up, apply."""
    from ccn_desktop.exchange.apply import apply_plan
    from ccn_desktop.exchange.plan import make_plan
    from ccn_desktop.exchange.verify import read_bundle

    with Catalogue.open(paths) as catalogue:
        print("ready", flush=True)
        apply_plan(catalogue, make_plan(catalogue, read_bundle(bundle)), trust=True)
        print("done 1", flush=True)
        sys.stdin.read()  # wait for the kill, so that "ended by itself" means a failure


def export_bundles(paths: DataPaths, folder: Path) -> None:
    """Full exports, one after another, each to its own file name."""
    from ccn_desktop.exchange.export import export_bundle

    with Catalogue.open(paths) as catalogue:
        print("ready", flush=True)
        for step in range(1, SAVES + 1):
            export_bundle(catalogue, folder / f"bundle-{step}.ccnbundle.json")
            print(f"done {step}", flush=True)


def main(argv: list[str]) -> None:
    scenario, folder = argv[0], Path(argv[1])
    paths = DataPaths.in_folder(folder)
    if scenario == "save":
        save(paths, int(argv[2]))
    elif scenario == "restore":
        restore(paths, Path(argv[2]), Path(argv[3]))
    elif scenario == "backup":
        backup(paths)
    elif scenario == "import":
        import_bundle(paths, Path(argv[2]))
    elif scenario == "export":
        export_bundles(paths, Path(argv[2]))
    else:
        raise SystemExit(f"unknown scenario {scenario}")


if __name__ == "__main__":
    main(sys.argv[1:])
