"""A sync's second half: leave a bundle for every office this office knows, and a full one
for offices it has not met, each replacing the one it left for the same receiver before.

For each receiver, the bundle this office left for it last time is kept as it is when
it still holds what would be sent now (see `plan_departures`), so a sync with nothing
new changes nothing on the stick (and nothing in the catalogue: no export is logged).
Otherwise the bundle is written by `export.export_bundle` (temporary name, flush,
rename, read back), then the older file for that receiver is removed. Only files
whose signed manifest says this office made them for that receiver are ever replaced
or removed.

Before anything is written, the room needed is compared with the room free on the
stick, and a read-only folder is recognised: either refuses the whole second half
in one sentence, with nothing written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ccn_desktop.catalogue.canonical import canonical_bytes
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import KnownOffice, Office
from ccn_desktop.exchange import rows
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import ExchangeError
from ccn_desktop.exchange.export import ExportResult, export_bundle
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.exchange.sync_folder import NEW_OFFICES, FolderFile, Survey
from ccn_desktop.exchange.sync_names import bundle_name, is_own_partial, new_offices_label
from ccn_desktop.i18n import _, decimal

MARGIN = 256 * 1024  # room kept free beyond each bundle (the manifest, the file system's own)


class NoRoomError(ExchangeError):
    """The stick is full or read-only: nothing was written."""


@dataclass
class Departure:
    """The bundle for one receiver: what it would hold, and what this office left before."""

    receiver: str  # office UUID or NEW_OFFICES
    receiver_name: str
    size: int  # estimated bytes of the file (0 when unchanged)
    counts: dict[str, int]
    previous: list[FolderFile] = field(default_factory=list)
    unchanged: FolderFile | None = None  # the file left before, when it holds the same

    @property
    def for_office(self) -> str | None:
        return None if self.receiver == NEW_OFFICES else self.receiver


@dataclass(frozen=True)
class Left:
    """What a sync left for a receiver: a new file, or the unchanged one."""

    receiver: str
    receiver_name: str
    path: Path
    counts: dict[str, int]
    written: bool
    removed: tuple[Path, ...] = ()


def plan_departures(catalogue: Catalogue, found: Survey) -> list[Departure]:
    """Every receiver, and whether the bundle left for it before is still the one to take.

    It is when it is whole and was made with this office's present knowledge and name:
    then it holds every version this office holds (every change here, made or imported,
    raises the knowledge). The receiver may have told since that it has some of them; the
    bundle then carries more than it needs, never less, and is replaced with the next
    change. Otherwise what to send is collected now (nothing is written)."""
    with catalogue.session() as session, collector_paused():
        office = session.scalars(select(Office)).one()
        my_name, knowledge = office.name, dict(office.knowledge)
        receivers: list[tuple[str, str, dict[str, int] | None]] = [
            (row.uuid, row.name, dict(row.knowledge))
            for row in session.scalars(select(KnownOffice).order_by(KnownOffice.name))
        ]
        receivers.append((NEW_OFFICES, new_offices_label(), None))
        departures = []
        for uuid, name, their_knowledge in receivers:
            previous = list(found.own.get(uuid, []))
            unchanged = next((f for f in previous if _current(f, my_name, knowledge)), None)
            if unchanged is not None and unchanged.manifest is not None:
                counts = dict(unchanged.manifest.counts)
                departures.append(Departure(uuid, name, 0, counts, previous, unchanged))
                continue
            payload = rows.collect_payload(session, their_knowledge)
            size = len(canonical_bytes(payload)) + 4096 + 100 * len(knowledge)
            counts = {section: len(items) for section, items in payload.items()}
            del payload
            departures.append(Departure(uuid, name, size, counts, previous))
    return departures


def _current(file: FolderFile, my_name: str, knowledge: dict[str, int]) -> bool:
    manifest = file.manifest
    return (
        manifest is not None
        and file.intact
        and manifest.office.name == my_name
        and dict(manifest.knowledge) == knowledge
    )


def check_room(folder: Path, departures: list[Departure]) -> None:
    """Refuse, before writing anything, a read-only folder or one without the room for
    the bundles to write (each is written whole before the one it replaces goes)."""
    if not folder.is_dir():
        raise NoRoomError(
            _("The folder {folder} is no longer there (was the stick taken out?); no bundle "
              "was left there.").format(folder=folder)
        )  # fmt: skip
    if not os.access(folder, os.W_OK):
        raise NoRoomError(
            _(
                "The folder {folder} is read-only (a locked stick?); no bundle was left there."
            ).format(folder=folder)
        )
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise NoRoomError(
            _("The folder {folder} cannot be written to ({problem}); no bundle was left there.")
            .format(folder=folder, problem=exc.strerror)
        ) from None  # fmt: skip
    lowest, room = free, free
    for departure in departures:
        if departure.unchanged is not None:
            continue
        room -= departure.size + MARGIN
        lowest = min(lowest, room)
        room += MARGIN + sum(_size(file.path) for file in departure.previous)
    if lowest < 0:
        need = sum(d.size for d in departures if d.unchanged is None)
        raise NoRoomError(
            _(
                "There is not enough room in {folder} for the bundles ({need} MB needed, "
                "{free} MB free); no bundle was left there. Make room on the stick, or "
                "use another."
            ).format(folder=folder, need=_mb(need + MARGIN), free=_mb(free))
        )


def _mb(size: int) -> str:
    return decimal(size / (1024 * 1024), 1)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def leave(
    catalogue: Catalogue,
    found: Survey,
    departures: list[Departure],
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    left: list[Left] | None = None,
) -> list[Left]:
    """Write what changed (see the module docstring), adding each bundle left to `left`.
    Raises NoRoomError before writing, or ExportError/ExchangeCancelled after the bundles
    already left (which stay whole, and are in `left`)."""
    day = today or dt.datetime.now().astimezone().date()
    my_name = catalogue.office.name
    if any(departure.unchanged is None for departure in departures):
        check_room(found.folder, departures)  # a locked stick with nothing to write is fine
    _remove_own_partials(found, [d.receiver_name for d in departures], my_name)
    taken = {path.name.casefold() for path in found.names()}
    left = [] if left is None else left
    for departure in departures:
        if departure.unchanged is not None:
            left.append(
                Left(
                    departure.receiver,
                    departure.receiver_name,
                    departure.unchanged.path,
                    departure.counts,
                    written=False,
                )
            )
            continue
        path = _free_path(found.folder, departure, my_name, day, taken)
        taken.add(path.name.casefold())
        result: ExportResult = export_bundle(
            catalogue,
            path,
            for_office=departure.for_office,
            overwrite=True,
            progress=progress,
            cancel=cancel,
        )
        removed = []
        for old in departure.previous:
            if old.path != result.path:
                with contextlib.suppress(FileNotFoundError):
                    old.path.unlink()
                    removed.append(old.path)
        left.append(Left(departure.receiver, departure.receiver_name, result.path,
                         result.counts, written=True, removed=tuple(removed)))  # fmt: skip
    return left


def _remove_own_partials(found: Survey, receivers: list[str], my_name: str) -> None:
    """The temporary files of bundles this office was writing when the stick was taken
    out: they are not bundles, and only take room."""
    for path in found.names():
        if is_own_partial(path.name, receivers, my_name):
            with contextlib.suppress(OSError):
                path.unlink()


def _free_path(
    folder: Path, departure: Departure, my_name: str, day: dt.date, taken: set[str]
) -> Path:
    """The receiver's file name; numbered when another file (not this office's for the
    same receiver) already has it. Compared without case: FAT ignores it."""
    mine = {file.name.casefold() for file in departure.previous}
    number = 1
    while True:
        name = bundle_name(departure.receiver_name, my_name, day, number)
        if name.casefold() in mine or name.casefold() not in taken:
            return folder / name
        number += 1
