"""Write a signed bundle: everything, or what one office does not have yet (rule 7, 10).

"For office X" sends every version (record, deletion, conflict side, alias) that
holds an edit beyond X's knowledge as stated in the last bundle that came from X.
X's knowledge only grows, so a stale value only makes the bundle larger, never
leaves a gap; a lost bundle's content is sent again until X says it has it.

The file is written under a temporary name in the target folder, flushed to disk,
renamed, then read back from the disk and compared with what was meant: a stick
pulled out mid-write leaves no file that looks whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import uuid as uuid_module
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ccn_desktop import __version__
from ccn_desktop.catalogue.canonical import CanonicalFormError, canonical_bytes
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.identity import load_private_key
from ccn_desktop.catalogue.models import KnownOffice, Office
from ccn_desktop.catalogue.store import iso
from ccn_desktop.exchange import rows
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import ExchangeCancelled, ExchangeError
from ccn_desktop.exchange.format import FILE_SUFFIX, FORMAT_NAME, FORMAT_VERSION, SECTIONS
from ccn_desktop.exchange.offices import add_log
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.exchange.signing import sign
from ccn_desktop.i18n import _
from ccn_desktop.safe_files import write_bytes

_WRITE_CHUNK = 4 * 1024 * 1024


class ExportError(ExchangeError):
    """The bundle could not be made or written; nothing that looks like a bundle was left."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_uuid: str
    counts: dict[str, int]
    size: int
    for_office: str | None
    for_office_name: str | None


def bundle_file_name(office_name: str, when: dt.datetime, for_name: str | None = None) -> str:
    """e.g. `office-in-dakar-20261123-0930-for-regional-office.ccnbundle.json`."""

    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40] or "office"

    suffix = f"-for-{slug(for_name)}" if for_name else ""
    return f"{slug(office_name)}-{when:%Y%m%d-%H%M%S}{suffix}{FILE_SUFFIX}"


def export_bundle(
    catalogue: Catalogue,
    target: Path | str,
    *,
    for_office: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write a bundle to `target` (a folder: a new file named by `bundle_file_name`)."""
    now = dt.datetime.now(dt.UTC)
    # One read transaction: content and knowledge agree.
    with catalogue.session() as session, collector_paused():
        office = session.scalars(select(Office)).one()
        target_knowledge: dict[str, int] | None = None
        for_name = None
        if for_office is not None:
            known = session.get(KnownOffice, for_office)
            if known is None:
                raise ExportError(
                    _(
                        "No bundle from office {for_office} has been imported here, so what it "
                        "lacks is unknown; export everything instead."
                    ).format(for_office=for_office)
                )
            target_knowledge, for_name = dict(known.knowledge), known.name
        payload = rows.collect_payload(session, target_knowledge, progress=progress, cancel=cancel)
        knowledge = dict(office.knowledge)
        office_ref = {"uuid": office.uuid, "name": office.name, "public_key": office.public_key}
    path = _target_path(Path(target), office_ref["name"], now, for_name, overwrite)
    with collector_paused():
        payload_bytes = _canonical(payload)
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "bundle_uuid": str(uuid_module.uuid4()),
        "app_version": __version__,
        "office": office_ref,
        "created_at": iso(now),
        "scope": "for-office" if for_office else "full",
        "for_office": for_office,
        "knowledge": knowledge,
        "counts": {name: len(payload[name]) for name in SECTIONS},
        "payload_sha256": hashlib.sha256(payload_bytes).hexdigest(),
    }
    del payload
    try:
        key = load_private_key(catalogue.paths.keys_dir)
    except (OSError, ValueError) as exc:
        raise ExportError(
            _(
                "The office key in {keys_dir} cannot be read, so the bundle cannot be signed "
                "({name__})."
            ).format(keys_dir=catalogue.paths.keys_dir, name__=exc.__class__.__name__)
        ) from None
    manifest["signature"] = sign(manifest, key)
    data = b'{"manifest":' + _canonical(manifest) + b',"payload":' + payload_bytes + b"}\n"
    del payload_bytes
    file_sha256 = hashlib.sha256(data).hexdigest()
    _write(path, data, progress=progress, cancel=cancel)
    size = len(data)
    del data
    _read_back(path, file_sha256, progress)
    if catalogue.read_only:  # a catalogue on a locked stick exports, but cannot log it
        return ExportResult(
            path, manifest["bundle_uuid"], manifest["counts"], size, for_office, for_name
        )
    with catalogue.transaction() as session:
        add_log(
            session,
            direction="export",
            bundle_uuid=manifest["bundle_uuid"],
            office_uuid=for_office or office_ref["uuid"],
            office_name=for_name or office_ref["name"],
            file_name=str(path),
            scope=manifest["scope"],
            counts=manifest["counts"],
            backup_path="",
        )
    return ExportResult(
        path, manifest["bundle_uuid"], manifest["counts"], size, for_office, for_name
    )


def _canonical(value: Any) -> bytes:
    try:
        return canonical_bytes(value, FORMAT_VERSION)
    except CanonicalFormError as exc:
        raise ExportError(
            _(
                "The catalogue holds a value no bundle can carry exactly ({problem}); nothing "
                "was exported."
            ).format(problem=exc)
        ) from None


def _target_path(
    target: Path, office_name: str, now: dt.datetime, for_name: str | None, overwrite: bool
) -> Path:
    if target.is_dir():
        name = bundle_file_name(office_name, now, for_name)
        path = target / name
        number = 1
        while path.exists():  # two bundles in one second: never replace the first
            number += 1
            path = target / name.replace(FILE_SUFFIX, f"-{number}{FILE_SUFFIX}")
        return path
    if not target.parent.is_dir():
        raise ExportError(_("The folder {parent} does not exist.").format(parent=target.parent))
    if target.exists() and not overwrite:
        raise ExportError(_("{target} already exists; choose another name.").format(target=target))
    return target


def _write(path: Path, data: bytes, *, progress: Progress | None, cancel: Cancel | None) -> None:
    """Written safely (safe_files.py): a cancel or a failure leaves no partial bundle."""

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(data), _WRITE_CHUNK):
            if cancel is not None and cancel():
                raise ExchangeCancelled
            if progress is not None:
                progress("Writing", start, len(data))
            yield data[start : start + _WRITE_CHUNK]

    try:
        write_bytes(path, chunks())
    except OSError as exc:
        raise ExportError(
            _("The bundle cannot be written to {parent}: {strerror}.").format(
                parent=path.parent, strerror=exc.strerror
            )
        ) from None


def _read_back(path: Path, expected_sha256: str, progress: Progress | None) -> None:
    """Read the file back from the disk and compare it with what was meant to be written.

    The bytes were made from the catalogue by this program (tests read every kind of
    export back as a bundle); what can go wrong now is the medium: a stick pulled out,
    a full or failing disk. The page cache is dropped first where the system allows,
    so the bytes come from the device, not from memory.
    """
    if progress is not None:
        progress("Checking the written file", 0, 1)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            for chunk in iter(lambda: handle.read(_WRITE_CHUNK), b""):
                digest.update(chunk)
        problem = "" if digest.hexdigest() == expected_sha256 else "its content differs"
    except OSError as exc:
        problem = exc.strerror or "it cannot be read"
    if problem:
        path.unlink(missing_ok=True)
        raise ExportError(
            _(
                "The bundle written to {path} did not read back intact ({problem}); it was "
                "removed. Try again, or another folder or stick."
            ).format(path=path, problem=problem)
        )
    if progress is not None:
        progress("Checking the written file", 1, 1)
