"""Crash campaign: SIGKILL a process at random moments while it writes, then check the file.

    python -m tests.campaigns.crash --trials 20 [--scenario NAME ...] [--seed N]

After each kill the catalogue must pass `PRAGMA integrity_check` and hold, record for
record (a logical dump), either the state before the step that was running or the
state after it; no file may look like a whole backup without being one.

Scenarios:
  save     the form's save: `Catalogue.update` after `Catalogue.update` (WAL, FULL sync)
  restore  `restore_backup` alternating between two backups
  backup   `take_backup` again and again (online backup API, rotation)
  import   one import of a large bundle (10,000 records): read, plan, backup, apply
  export   full exports of a 10,000-record catalogue, one after another

import and export need the exchange engine; without it they are skipped, saying so.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ccn_desktop.catalogue.backups import list_backups, take_backup
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.catalogue.restore import restore_backup
from ccn_desktop.paths import DataPaths
from tests.campaigns.common import (
    DeterministicClock,
    copy_folder,
    dump_digest,
    exchange_available,
    logical_digest,
    make_template,
    print_table,
    scratch,
)
from tests.campaigns.crash_worker import save_steps
from tests.processes import REPOSITORY, child_environment

CORE_SCENARIOS = ("save", "restore", "backup")
EXCHANGE_SCENARIOS = ("import", "export")
SCENARIOS = CORE_SCENARIOS + EXCHANGE_SCENARIOS
# Tables whose rows hold the moment they were written (history, logs, first sight of an
# office) and the office row (its counter): compared by number of rows, not content.
VOLATILE = ("history", "exchange_log", "known_office", "office")
SAVE_SEED = 20250101
# How long after "ready" the kill may come, per scenario (seconds): long enough for
# dozens of steps, so that kills land at every point of a step.
WINDOWS = {"save": 1.5, "restore": 2.0, "backup": 1.5}
LARGE_BUNDLE_RECORDS = 10_000


@dataclass
class Outcome:
    """What the campaign found in one scenario."""

    scenario: str
    trials: int = 0
    steps_done: list[int] = field(default_factory=list)
    states: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


class Worker:
    """A worker process and a thread that reads its progress lines as they come."""

    def __init__(self, arguments: list[str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.campaigns.crash_worker", *arguments],
            stdin=subprocess.PIPE,  # never written: a worker may wait on it for its kill
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPOSITORY,
            env=child_environment(),
        )
        self.ready = threading.Event()
        self.done = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip() == "ready":
                self.ready.set()
            elif line.startswith("done "):
                self.done = int(line.split()[1])

    def kill_after(self, delay: float) -> int:
        """SIGKILL `delay` seconds after the work started; the number of steps reported."""
        if not self.ready.wait(timeout=120):
            self.process.kill()
            raise RuntimeError(f"worker never started: {self._stderr()}")
        time.sleep(delay)
        if self.process.poll() is not None:
            raise RuntimeError(f"worker ended by itself: {self._stderr()}")
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)
        self._reader.join(timeout=60)
        self._stderr()
        return self.done

    def _stderr(self) -> str:
        assert self.process.stderr is not None
        text = self.process.stderr.read()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return text.strip()[-2000:]


class SaveReplay:
    """The states the save worker's catalogue passes through, computed once, in order."""

    def __init__(self, template: DataPaths, folder: Path) -> None:
        self.paths = copy_folder(template, folder)
        self.clock = DeterministicClock()
        self.digests = [dump_digest(self.paths.catalogue_file)]
        self._steps: Iterator[Catalogue] = save_steps(self.paths, SAVE_SEED)
        with self.clock.installed():
            next(self._steps)

    def digest(self, step: int) -> str:
        while len(self.digests) <= step:
            with self.clock.installed():
                next(self._steps)
            self.digests.append(dump_digest(self.paths.catalogue_file))
        return self.digests[step]

    def close(self) -> None:
        self._steps.close()


def backups_are_whole(paths: DataPaths) -> list[str]:
    """A file named as a backup that fails the check would be offered for restoring."""
    return [
        f"{backup.name}: {problems[0]}"
        for backup in list_backups(paths.backups_dir)
        if (problems := check_file(backup.path, full=True))
    ]


def trial_save(
    template: DataPaths, folder: Path, delay: float, replay: SaveReplay
) -> tuple[str, int]:
    paths = copy_folder(template, folder)
    worker = Worker(["save", str(paths.data_dir), str(SAVE_SEED)])
    done = worker.kill_after(delay)
    problems = check_file(paths.catalogue_file, full=True) + backups_are_whole(paths)
    if problems:
        raise AssertionError(f"after {done} saves: {problems[0]}")
    digest = dump_digest(paths.catalogue_file)
    if digest == replay.digest(done):
        state = "before the save in flight"
    elif digest == replay.digest(done + 1):
        state = "after the save in flight"
    else:
        raise AssertionError(f"after {done} saves the file is neither state {done} nor {done + 1}")
    with Catalogue.open(paths) as catalogue:  # and it opens for the next edit
        catalogue.count("city")
    return state, done


def restore_template(template: DataPaths) -> tuple[Path, Path]:
    """Two backups with different records: the starter, and the starter with edits."""
    first = list_backups(template.backups_dir)[0].path
    with Catalogue.open(template) as catalogue:
        for row in list(catalogue.rows("city", catalogue.ids("city")[:50], ()).values()):
            catalogue.update("city", row.uuid, {"notes": "edited before the second backup"})
    second = take_backup(template, "manual").path
    return first, second


def trial_restore(
    template: DataPaths, folder: Path, delay: float, backups: tuple[Path, Path]
) -> tuple[str, int]:
    paths = copy_folder(template, folder)
    # outside the backups folder, where the restores' rotation would remove them in time
    first, second = (folder.parent / f"{folder.name}-{name}.sqlite3" for name in ("a", "b"))
    for source, copy in zip(backups, (first, second), strict=True):
        shutil.copyfile(source, copy)
    expected = {
        dump_digest(first, skip_office=True): "first backup",
        dump_digest(second, skip_office=True): "second backup",
    }
    worker = Worker(["restore", str(paths.data_dir), str(first), str(second)])
    done = worker.kill_after(delay)
    problems = check_file(paths.catalogue_file, full=True) + backups_are_whole(paths)
    if problems:
        raise AssertionError(f"after {done} restores: {problems[0]}")
    digest = dump_digest(paths.catalogue_file, skip_office=True)
    if digest not in expected:
        raise AssertionError(f"after {done} restores the file is neither backup")
    if list(paths.data_dir.glob("catalogue-damaged-*")):
        raise AssertionError("a healthy catalogue was set aside as damaged")
    # whatever the kill left (a temporary copy), the next restore completes
    restore_backup(paths, first)
    if list(paths.data_dir.glob(".*restoring*")):
        raise AssertionError("the next restore left its temporary file")
    return expected[digest], done


def trial_backup(
    template: DataPaths, folder: Path, delay: float, _unused: object
) -> tuple[str, int]:
    paths = copy_folder(template, folder)
    before = dump_digest(paths.catalogue_file)
    worker = Worker(["backup", str(paths.data_dir)])
    done = worker.kill_after(delay)
    problems = check_file(paths.catalogue_file, full=True) + backups_are_whole(paths)
    if problems:
        raise AssertionError(f"after {done} backups: {problems[0]}")
    if dump_digest(paths.catalogue_file) != before:
        raise AssertionError("backing up changed the catalogue")
    partial = list(paths.backups_dir.glob("*.partial*"))
    return ("a partial copy left (not listed)" if partial else "no partial copy"), done


def large_bundle(folder: Path, records: int = LARGE_BUNDLE_RECORDS) -> Path:
    """A signed bundle from another office: cities, conferences hosted by two of them,
    projects in three — `records` records in all."""
    from ccn_desktop.catalogue.canonical import canonical_bytes
    from tests.exchange.bundles import city, conference, make_bundle, office_key, project

    rng = random.Random(records)
    fields = ("Film", "Music", "Design", "Crafts and Folk Art", "Gastronomy", "Literature")
    cities, conferences, projects, links = [], [], [], []
    n_cities = records * 8 // 10
    uuids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(records)]
    for index in range(n_cities):
        cities.append(city(uuids[index], index + 1, f"Ville {index} Łódź-釜山",
                           creative_field=fields[index % len(fields)],
                           notes="Notes de terrain. " * rng.randint(0, 20)))  # fmt: skip
    for index in range(n_cities, n_cities + (records - n_cities) // 2):
        conferences.append(conference(uuids[index], index + 1, 2000 + index % 25))
        for position in range(2):
            host = uuids[rng.randrange(n_cities)]
            if position and host == links[-1]["to"]:
                continue
            links.append({"type": "conference_host", "from": uuids[index], "to": host,
                          "position": position})  # fmt: skip
    for index in range(n_cities + len(conferences), records):
        projects.append(project(uuids[index], index + 1, f"Projet {index}"))
        for position, host in enumerate(dict.fromkeys(
                uuids[rng.randrange(n_cities)] for _ in range(3))):  # fmt: skip
            links.append({"type": "project_city", "from": uuids[index], "to": host,
                          "position": position})  # fmt: skip
    payload = {"cities": cities, "conferences": conferences, "projects": projects,
               "tombstones": [], "conflicts": [], "links": links, "aliases": []}  # fmt: skip
    path = folder / "large.ccnbundle.json"
    path.write_bytes(canonical_bytes(make_bundle(payload, office_key(), name="Large office")))
    return path


def import_in_process(paths: DataPaths, bundle: Path) -> float:
    from ccn_desktop.exchange.apply import apply_plan
    from ccn_desktop.exchange.plan import make_plan
    from ccn_desktop.exchange.verify import read_bundle

    started = time.monotonic()
    with Catalogue.open(paths) as catalogue:
        apply_plan(catalogue, make_plan(catalogue, read_bundle(bundle)), trust=True)
    return time.monotonic() - started


@dataclass
class ImportContext:
    bundle: Path
    before: str
    after: str
    window: float


def import_template(base: DataPaths, root: Path, records: int) -> ImportContext:
    bundle = large_bundle(root, records)
    reference = copy_folder(base, root / "import-reference")
    duration = import_in_process(reference, bundle)
    return ImportContext(
        bundle,
        logical_digest(base.catalogue_file, VOLATILE),
        logical_digest(reference.catalogue_file, VOLATILE),
        duration * 1.3,
    )


def trial_import(
    template: DataPaths, folder: Path, delay: float, context: ImportContext
) -> tuple[str, int]:
    paths = copy_folder(template, folder)
    worker = Worker(["import", str(paths.data_dir), str(context.bundle)])
    done = worker.kill_after(delay)
    problems = check_file(paths.catalogue_file, full=True) + backups_are_whole(paths)
    if problems:
        raise AssertionError(f"after the kill: {problems[0]}")
    digest = logical_digest(paths.catalogue_file, VOLATILE)
    if digest == context.before:
        state = "as before the import"
    elif digest == context.after:
        state = "as after the import"
    else:
        raise AssertionError("the file is neither as before nor as after the import")
    if done and digest != context.after:
        raise AssertionError("the import said it was done but the file is as before")
    return state, done


@dataclass
class ExportContext:
    base: DataPaths
    before: str
    window: float


def export_template(
    base: DataPaths, root: Path, imported: ImportContext | None, records: int
) -> ExportContext:
    """A 10,000-record catalogue (the large bundle imported), and how long one export takes."""
    from ccn_desktop.exchange.export import export_bundle

    source = copy_folder(base, root / "export-base")
    import_in_process(source, imported.bundle if imported else large_bundle(root, records))
    started = time.monotonic()
    with Catalogue.open(source) as catalogue:
        export_bundle(catalogue, root / "export-timing.ccnbundle.json")
    duration = time.monotonic() - started
    before = logical_digest(source.catalogue_file, VOLATILE, count=False)
    return ExportContext(source, before, duration * 3)


def trial_export(
    _template: DataPaths, folder: Path, delay: float, context: ExportContext
) -> tuple[str, int]:
    from ccn_desktop.exchange.errors import BundleError
    from ccn_desktop.exchange.verify import read_bundle

    paths = copy_folder(context.base, folder)
    stick = folder.parent / f"{folder.name}-stick"
    stick.mkdir()
    worker = Worker(["export", str(paths.data_dir), str(stick)])
    done = worker.kill_after(delay)
    problems = check_file(paths.catalogue_file, full=True)
    if problems:
        raise AssertionError(f"after the kill the catalogue fails the check: {problems[0]}")
    if logical_digest(paths.catalogue_file, VOLATILE, count=False) != context.before:
        raise AssertionError("exporting changed the records")
    whole = 0
    for bundle in stick.glob("*.ccnbundle.json"):
        try:
            read_bundle(bundle)
        except BundleError as exc:
            raise AssertionError(
                f"{bundle.name} looks like a bundle but is not whole: {exc}"
            ) from None
        whole += 1
    if whole not in (done, done + 1):
        raise AssertionError(f"{whole} bundles on the stick after {done} exports")
    partial = [
        entry.name for entry in stick.iterdir() if not entry.name.endswith(".ccnbundle.json")
    ]
    return ("a hidden .partial file left" if partial else "only whole bundles"), done


def run(
    scenarios: list[str],
    trials: int,
    seed: int,
    verbose: bool = True,
    bundle_records: int = LARGE_BUNDLE_RECORDS,
) -> list[Outcome]:
    """Run the campaign; returns what it found (the caller decides how to report)."""
    rng = random.Random(seed)
    outcomes = []
    imported: ImportContext | None = None
    with scratch("crash") as root:
        template = make_template(root / "template")
        for scenario in scenarios:
            outcome = Outcome(scenario)
            base = copy_folder(template, root / f"{scenario}-template")
            context: object = None
            if scenario == "save":
                context = SaveReplay(base, root / "save-replay")
            elif scenario == "restore":
                context = restore_template(base)
            elif scenario == "import":
                context = imported = import_template(base, root, bundle_records)
            elif scenario == "export":
                context = export_template(base, root, imported, bundle_records)
            check: Callable[[DataPaths, Path, float, object], tuple[str, int]] = {
                "save": trial_save, "restore": trial_restore, "backup": trial_backup,
                "import": trial_import, "export": trial_export,
            }[scenario]  # type: ignore[assignment]  # fmt: skip
            for trial in range(trials):
                delay = rng.uniform(0, getattr(context, "window", WINDOWS.get(scenario, 1.0)))
                outcome.trials += 1
                done = 0
                try:
                    state, done = check(base, root / f"{scenario}-{trial}", delay, context)
                except AssertionError as exc:
                    outcome.failures.append(f"trial {trial} (kill at {delay:.3f} s): {exc}")
                    state = "FAILED"
                except Exception as exc:  # the program itself raised while checking
                    outcome.failures.append(
                        f"trial {trial} (kill at {delay:.3f} s): {type(exc).__name__}: {exc}"
                    )
                    state = "FAILED"
                outcome.states[state] += 1
                outcome.steps_done.append(done)
                if verbose:
                    print(
                        f"{scenario} trial {trial + 1}/{trials}: kill at {delay:.3f} s "
                        f"after {done} steps: {state}"
                    )
            if isinstance(context, SaveReplay):
                context.close()
            outcomes.append(outcome)
    return outcomes


def report(outcomes: list[Outcome]) -> None:
    rows = [
        (
            outcome.scenario,
            str(outcome.trials),
            str(outcome.trials - len(outcome.failures)),
            f"{min(outcome.steps_done, default=0)}–{max(outcome.steps_done, default=0)}",
            "; ".join(f"{state}: {count}" for state, count in sorted(outcome.states.items())),
            str(len(outcome.failures)),
        )
        for outcome in outcomes
    ]
    header = (
        "scenario", "kills", "file whole", "steps done before the kill",
        "state found after the kill", "failures",
    )  # fmt: skip
    print_table("Crash campaign (SIGKILL at random moments)", rows, header)
    for outcome in outcomes:
        for failure in outcome.failures:
            print(f"FAILURE {outcome.scenario}: {failure}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="kills per scenario")
    parser.add_argument("--scenario", choices=SCENARIOS, action="append")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    started = time.monotonic()
    scenarios = args.scenario or list(SCENARIOS)
    if not exchange_available():
        skipped = [name for name in scenarios if name in EXCHANGE_SCENARIOS]
        if skipped:
            print(f"SKIPPED {', '.join(skipped)}: the exchange engine is not in this checkout")
        scenarios = [name for name in scenarios if name not in EXCHANGE_SCENARIOS]
    outcomes = run(scenarios, args.trials, args.seed)
    report(outcomes)
    print(f"\n{time.monotonic() - started:.0f} s; seed {args.seed}")
    return 1 if any(outcome.failures for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
