"""Sync with a stick or a shared folder: one step exchanges with every office.

A sync works in `ROOT/ccn-exchange` (made by the first sync):

1. it reads and sorts every file there (`sync_folder.survey`);
2. it imports, one at a time and oldest first, the bundles made for this office and the
   full bundle of each office not met yet — each the usual plan → apply with a backup
   (the window shows the preview between the two; the command line needs `--trust`
   for a signer not trusted yet, and otherwise skips its bundles);
3. it leaves a bundle for every office it knows and a full one for offices it has not
   met (`sync_leave`), replacing only the files it left before.

The bundles to import are read into memory before the first is imported, and each
import is one transaction: a stick pulled out while they are read leaves the catalogue
as it was; once they are read, every import is made whatever happens to the stick.
Every file on the stick is whole (written under a temporary name, renamed, read back).
A sync with nothing new changes neither the catalogue nor any file in the folder.

The window drives the steps itself (`SyncRun`); the command line calls `sync_folder`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.apply import ImportResult, apply_plan
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import BundleError, ExchangeCancelled, ExchangeError
from ccn_desktop.exchange.format import MAX_BUNDLE_BYTES, describe_counts
from ccn_desktop.exchange.offices import Signer
from ccn_desktop.exchange.plan import ImportPlan, make_plan
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.exchange.sync_folder import EXCHANGE_FOLDER, FolderFile, Survey, survey
from ccn_desktop.exchange.sync_leave import Departure, Left, leave, plan_departures
from ccn_desktop.exchange.verify import parse_bundle, read_bundle
from ccn_desktop.i18n import _


class SyncError(ExchangeError):
    """The folder cannot be synced with at all (missing, not a folder, read-only and empty)."""


@dataclass(frozen=True)
class Arrival:
    """A bundle that came in (or, on a dry run, would)."""

    path: Path
    office_uuid: str
    office_name: str
    counts: dict[str, dict[str, int]]
    backup_path: Path | None
    nothing_new: bool
    conflicts: int
    duplicates: int


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str
    signer: Signer | None = None  # set when the signer was not trusted


@dataclass(frozen=True)
class OfficeSummary:
    uuid: str
    name: str
    arrivals: list[Arrival]
    left: list[Left]


@dataclass
class SyncReport:
    folder: Path
    arrivals: list[Arrival] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    write_problem: str = ""  # one sentence: nothing (more) could be left in the folder
    dry_run: bool = False
    would_write: list[Departure] = field(default_factory=list)  # on a dry run

    @property
    def complete(self) -> bool:
        """Nothing was skipped and every bundle was left (exit status 0)."""
        return not self.skipped and not self.write_problem

    @property
    def changed_catalogue(self) -> bool:
        return any(not arrival.nothing_new for arrival in self.arrivals) and not self.dry_run

    def per_office(self) -> list[OfficeSummary]:
        """Per office, in order of name: what came in from it, what was left for it."""
        names: dict[str, str] = {}
        for arrival in self.arrivals:
            names[arrival.office_uuid] = arrival.office_name
        for item in self.left:
            names[item.receiver] = item.receiver_name
        return sorted(
            (
                OfficeSummary(
                    uuid,
                    name,
                    [a for a in self.arrivals if a.office_uuid == uuid],
                    [item for item in self.left if item.receiver == uuid],
                )
                for uuid, name in names.items()
            ),
            key=lambda summary: summary.name.casefold(),
        )


def exchange_folder(root: Path | str, *, create: bool) -> Path:
    """`root/ccn-exchange` (or `root` itself when it is that folder), made if asked."""
    root = Path(root)
    if not root.exists():
        raise SyncError(
            _("The folder {folder} does not exist (is the stick in?).").format(folder=root)
        )
    if not root.is_dir():
        raise SyncError(_("{folder} is a file, not a folder.").format(folder=root))
    folder = root if root.name == EXCHANGE_FOLDER else root / EXCHANGE_FOLDER
    if create and not folder.is_dir():
        try:
            folder.mkdir()
        except OSError as exc:
            raise SyncError(
                _("The folder {folder} cannot be made ({problem}); is the stick locked or full?")
                .format(folder=folder, problem=exc.strerror)
            ) from None  # fmt: skip
    return folder


class SyncRun:
    """One sync, step by step: `start()`, then `plan(file)` / `apply(plan, trust)` /
    `skip(file, reason)` for each of `incoming`, then `finish()`."""

    def __init__(
        self,
        catalogue: Catalogue,
        root: Path | str,
        *,
        dry_run: bool = False,
        today: dt.date | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.root = Path(root)
        self.dry_run = dry_run
        self.today = today
        self.folder = exchange_folder(self.root, create=False)
        self.report = SyncReport(self.folder, dry_run=dry_run)
        self.found = Survey(self.folder)
        self._copies: dict[Path, bytes] = {}

    @property
    def incoming(self) -> list[FolderFile]:
        return self.found.incoming

    def start(self, *, progress: Progress | None = None, cancel: Cancel | None = None) -> Survey:
        """Make the exchange folder (not on a dry run) and sort what is in it."""
        self.folder = exchange_folder(self.root, create=not self.dry_run)
        self.report.folder = self.folder
        self.found = survey(self.catalogue, self.folder, progress=progress, cancel=cancel)
        for file in self.found.damaged:
            self.report.skipped.append(Skipped(file.path, file.problem))
        self._copies = copy_incoming(self.folder, self.incoming)
        return self.found

    def plan(self, file: FolderFile, *, progress: Progress | None = None) -> ImportPlan | None:
        """The import plan of `file`; None (and the file named as skipped) when refused."""
        data = self._copies.pop(file.path, None)
        try:
            if data is None:
                bundle = read_bundle(file.path)
            else:
                with collector_paused():
                    bundle = parse_bundle(data)
                bundle.path = file.path
            del data
            return make_plan(self.catalogue, bundle, progress=progress)
        except BundleError as exc:
            self.skip(file, exc.message)
            return None

    def apply(
        self,
        plan: ImportPlan,
        *,
        trust: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> Arrival:
        """Import `plan` (after a backup), or on a dry run only note what it would bring."""
        if self.dry_run:
            result = ImportResult(
                plan.bundle.bundle_uuid,
                plan.bundle.office_name,
                plan.counts,
                None,
                plan.duplicates,
                nothing_new=plan.nothing_to_do,
            )
        else:
            result = apply_plan(self.catalogue, plan, trust=trust, progress=progress, cancel=cancel)
        bundle = plan.bundle
        arrival = Arrival(
            bundle.path or Path(),
            bundle.office_uuid,
            bundle.office_name,
            result.counts,
            result.backup_path,
            result.nothing_new,
            sum(per.get("conflict", 0) for per in result.counts.values()),
            len(result.duplicates),
        )
        self.report.arrivals.append(arrival)
        return arrival

    def skip(self, file: FolderFile, reason: str, signer: Signer | None = None) -> None:
        self.report.skipped.append(Skipped(file.path, reason, signer))

    def finish(
        self, *, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> SyncReport:
        """Leave the bundles (on a dry run: only say which would be written)."""
        departures = plan_departures(self.catalogue, self.found)
        if self.dry_run:
            self.report.would_write = [d for d in departures if d.unchanged is None]
            return self.report
        try:
            leave(self.catalogue, self.found, departures, today=self.today,
                  progress=progress, cancel=cancel, left=self.report.left)  # fmt: skip
        except ExchangeCancelled:
            raise
        except ExchangeError as exc:
            self.report.write_problem = str(exc)
        return self.report


COPY_LIMIT = 1024 * 1024 * 1024  # bytes of incoming bundles held in memory at most


def copy_incoming(folder: Path, files: list[FolderFile]) -> dict[Path, bytes]:
    """The bytes of the bundles to import, read before any is imported: a stick taken out
    now stops the sync with nothing imported; once they are read, every import can be
    made whatever happens to the stick. (Beyond COPY_LIMIT, each is read when planned.)"""
    copies: dict[Path, bytes] = {}
    held = 0
    for file in files:
        try:
            size = file.path.stat().st_size
            if held + size > COPY_LIMIT or size > MAX_BUNDLE_BYTES:
                continue
            copies[file.path] = read_file(file.path)
            held += size
        except OSError:
            if not folder.is_dir():
                raise SyncError(
                    _(
                        "The folder {folder} went away while its bundles were read (was the "
                        "stick taken out?); nothing was imported. Put it back and sync again."
                    ).format(folder=folder)
                ) from None
            # only this file cannot be read: planning it says why
    return copies


def read_file(path: Path) -> bytes:
    return path.read_bytes()


def sync_folder(
    catalogue: Catalogue,
    root: Path | str,
    *,
    trust: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    on_plan: Callable[[ImportPlan], None] | None = None,
) -> SyncReport:
    """A whole sync without asking anyone: a signer not trusted here is skipped (its
    bundles named) unless `trust`; `on_plan` sees each plan before it is applied."""
    run = SyncRun(catalogue, root, dry_run=dry_run, today=today)
    run.start(progress=progress, cancel=cancel)
    for file in run.incoming:
        plan = run.plan(file, progress=progress)
        if plan is None:
            continue
        if on_plan is not None:
            on_plan(plan)
        if not plan.trusted and not trust:
            run.skip(file, untrusted_reason(plan.signer), plan.signer)
            continue
        run.apply(plan, trust=trust, progress=progress, cancel=cancel)
    return run.finish(progress=progress, cancel=cancel)


def untrusted_reason(signer: Signer) -> str:
    return _(
        'signed by "{name}", not trusted here yet (key fingerprint {fingerprint}); compare '
        "the fingerprint with that office's, then sync again trusting it (--trust)"
    ).format(name=signer.name, fingerprint=signer.fingerprint)


def held_text(counts: dict[str, int]) -> str:
    """What a bundle left for an office holds, for people: only the kinds it has."""
    return describe_counts(counts, skip_zero=True) or _("nothing it lacks")
