"""What lies in a sync folder (`ccn-exchange` on a stick or a shared folder), sorted out.

Every file is sorted by its signed manifest (`verify.read_manifest`: format, shape
and signature), never by its name:

- **incoming**: made for this office, or the full bundle of an office not met yet
  (the newest one when there are several), and not imported already (exchange log);
- **already**: imported here before;
- **elsewhere**: made for another office, or the full bundle of an office already met
  (that office leaves one made for this office);
- **own**: what this office left, by receiver (an office UUID, or NEW_OFFICES for the
  full bundle), marked `intact` when it is still current (this office's knowledge and
  name) and whole, so that an unchanged bundle is not written again;
- **damaged**: unreadable, damaged, foreign or forged files, each with its sentence.

Hidden files (a name starting with a dot: half-written temporary files, the system's
own), the files Windows and macOS put in folders (SYSTEM_FILES) and sub-folders are
not looked at. Nothing here writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import ExchangeLog, KnownOffice, Office
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import BundleError, ExchangeCancelled
from ccn_desktop.exchange.format import FILE_SUFFIX, Manifest
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.exchange.verified import VerifiedBundle
from ccn_desktop.exchange.verify import read_bundle, read_manifest
from ccn_desktop.i18n import _

EXCHANGE_FOLDER = "ccn-exchange"
NEW_OFFICES = "new-offices"  # the receiver key of the full bundle left for offices not met


@dataclass(frozen=True)
class FolderFile:
    path: Path
    manifest: Manifest | None = None
    problem: str = ""  # why it is skipped (damaged, foreign, unreadable)
    intact: bool = False  # this office's own file, still current, whole and unaltered

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def receiver(self) -> str:
        """The office UUID it was made for, or NEW_OFFICES for a full bundle."""
        manifest = self.manifest
        if manifest is None or manifest.scope != "for-office" or manifest.for_office is None:
            return NEW_OFFICES
        return manifest.for_office


@dataclass
class Survey:
    folder: Path
    incoming: list[FolderFile] = field(default_factory=list)
    already: list[FolderFile] = field(default_factory=list)
    elsewhere: list[FolderFile] = field(default_factory=list)
    own: dict[str, list[FolderFile]] = field(default_factory=dict)
    damaged: list[FolderFile] = field(default_factory=list)

    def names(self) -> list[Path]:
        """Everything in the folder, hidden files included (names a new file must avoid)."""
        try:
            return list(self.folder.iterdir())
        except OSError:
            return []


# Files systems and sync tools put in any folder (hidden ones start with a dot).
SYSTEM_FILES = frozenset({"desktop.ini", "thumbs.db", "icon\r"})


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(
            path
            for path in folder.iterdir()
            if not path.name.startswith(".") and path.name.casefold() not in SYSTEM_FILES
        )
    except OSError:
        return []


def list_files(folder: Path) -> list[Path]:
    """The files a sync reads (hidden files and sub-folders left out), by name."""
    return [path for path in _entries(folder) if not path.is_dir()]


def survey(
    catalogue: Catalogue,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Survey:
    """Read and sort every file in `folder` (see the module docstring).

    Only the signed manifests are read to sort the files (bundles made for other
    offices may be many and large); a whole bundle is read and verified when it
    matters here: the full bundle of an office not met (the newest one that is
    sound), and this office's own bundle when it may still be the one to leave.
    """
    result = Survey(folder)
    if not folder.is_dir():
        return result
    with catalogue.session() as session:
        office = session.scalars(select(Office)).one()
        me = (office.uuid, office.public_key, office.name, dict(office.knowledge))
        known = set(session.scalars(select(KnownOffice.uuid)))
        imported = set(
            session.scalars(
                select(ExchangeLog.bundle_uuid).where(ExchangeLog.direction == "import")
            )
        )
    first_contacts: dict[str, list[FolderFile]] = {}
    files = list_files(folder)
    for number, path in enumerate(files):
        if cancel is not None and cancel():
            raise ExchangeCancelled
        if progress is not None:
            progress(_("Reading {name}").format(name=path.name), number, len(files))
        manifest, problem = _manifest(path)
        if manifest is None:
            result.damaged.append(FolderFile(path, problem=problem))
            continue
        sender = manifest.office.uuid
        entry = FolderFile(path, manifest)
        if sender == me[0]:
            _sort_own(result, entry, me)
        elif manifest.bundle_uuid in imported:
            result.already.append(entry)
        elif manifest.scope == "for-office":
            (result.incoming if manifest.for_office == me[0] else result.elsewhere).append(entry)
        elif sender in known:
            result.elsewhere.append(entry)
        else:
            first_contacts.setdefault(sender, []).append(entry)
    for candidates in first_contacts.values():
        _pick_first_contact(result, candidates)
    result.incoming.sort(
        key=lambda item: (item.manifest.created_at if item.manifest else "", item.name)
    )
    if progress is not None:
        progress(_("Reading the folder"), len(files), len(files))
    return result


def _sort_own(result: Survey, entry: FolderFile, me: tuple[str, str, str, dict[str, int]]) -> None:
    """A bundle signed as this office: its own. When its knowledge and name are still this
    office's, its payload's checksum is checked too (a bundle copied halfway is replaced,
    not kept as if it were current)."""
    manifest = entry.manifest
    assert manifest is not None
    if manifest.office.public_key != me[1]:
        result.damaged.append(FolderFile(entry.path, manifest, _(
            "it claims to come from this office but is signed with another key"
        )))  # fmt: skip
        return
    intact = False
    if manifest.office.name == me[2] and dict(manifest.knowledge) == me[3]:
        try:
            intact = read_manifest(entry.path, whole=True) == manifest
        except BundleError:
            intact = False
    own = FolderFile(entry.path, manifest, intact=intact)
    result.own.setdefault(own.receiver, []).append(own)


def _pick_first_contact(result: Survey, candidates: list[FolderFile]) -> None:
    """An office not met yet: its newest full bundle that is sound comes in; damaged ones
    are named; older ones are left alone."""
    candidates.sort(key=lambda item: (item.manifest.created_at, item.name), reverse=True)  # type: ignore[union-attr]
    chosen = False
    for entry in candidates:
        if chosen:
            result.elsewhere.append(entry)
            continue
        bundle, problem = _read(entry.path)
        if bundle is None:
            result.damaged.append(FolderFile(entry.path, entry.manifest, problem))
            continue
        del bundle
        result.incoming.append(entry)
        chosen = True


def _manifest(path: Path) -> tuple[Manifest | None, str]:
    if not path.name.endswith(FILE_SUFFIX):
        return None, _("not a bundle (its name does not end in {suffix})").format(
            suffix=FILE_SUFFIX
        )
    try:
        return read_manifest(path), ""
    except BundleError as exc:
        return None, exc.message


def _read(path: Path) -> tuple[VerifiedBundle | None, str]:
    if not path.name.endswith(FILE_SUFFIX):
        return None, _("not a bundle (its name does not end in {suffix})").format(
            suffix=FILE_SUFFIX
        )
    try:
        with collector_paused():
            return read_bundle(path), ""
    except BundleError as exc:
        return None, exc.message
