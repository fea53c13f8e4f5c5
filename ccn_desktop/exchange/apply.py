"""Import, step two: write what the plan says, in one transaction, after a backup.

Rows are written by the one writer (catalogue/writer.py) that local edits use too,
with plain `executemany` statements, so that importing 100,000 records costs about
what inserting them by hand costs. If the
catalogue changed between the plan and now (an edit made while the preview was
open), the plan is made again inside the transaction, on what is really there.
A plan with nothing to do writes nothing at all: re-importing a bundle leaves
the catalogue file as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import aliases as alias_rules
from ccn_desktop.catalogue import merging, writer
from ccn_desktop.catalogue.backups import take_backup
from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.engine import begin_immediate
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import KnownOffice, Office
from ccn_desktop.catalogue.versions import merged
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import ExchangeCancelled, ExchangeError, UntrustedSignerError
from ccn_desktop.exchange.likely_duplicates import LikelyDuplicate
from ccn_desktop.exchange.offices import SignerStatus, add_log
from ccn_desktop.exchange.plan import ImportPlan, plan_in_session, state_of
from ccn_desktop.exchange.record_merge import RecordWrite
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.i18n import _


@dataclass(frozen=True)
class ImportResult:
    bundle_uuid: str
    office_name: str
    counts: dict[str, dict[str, int]]
    backup_path: Path | None
    duplicates: list[LikelyDuplicate] = field(default_factory=list)
    nothing_new: bool = False
    # What the import changed, for the window to refresh exactly that.
    changes: ChangeReport = field(default_factory=ChangeReport)


def apply_plan(
    catalogue: Catalogue,
    plan: ImportPlan,
    *,
    trust: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    before_writing: Callable[[Session, ImportPlan], None] | None = None,
) -> ImportResult:
    """Import the planned bundle. `before_writing` may adjust the final plan (made again
    here if the catalogue moved) inside the import's transaction; the reference update
    keeps deleted records deleted with it. Raises UntrustedSignerError unless the signer is trusted
    here or `trust` is given (the user compared the fingerprint), ExchangeCancelled, or
    BundleError if a re-made plan finds a problem. On any error nothing is changed."""
    _check_trust(plan, trust)
    bundle = plan.bundle
    if catalogue.read_only and not plan.nothing_to_do:
        raise ExchangeError(
            _(
                "This catalogue is open read-only (a locked stick?), so nothing can be imported "
                "into it; open it from a writable folder."
            )
        )
    if plan.nothing_to_do:
        return ImportResult(bundle.bundle_uuid, bundle.office_name, plan.counts, None,
                            plan.duplicates, nothing_new=True)  # fmt: skip
    # Only what the sender knows is new (no record, no merge): nothing to back up.
    carries_records = bool(plan.writes or plan.new_aliases)
    reason = (
        "before-reference-update"
        if plan.signer.status == SignerStatus.REFERENCE
        else f"before-import-{bundle.bundle_uuid[:8]}"
    )
    backup = take_backup(catalogue.paths, reason).path if carries_records else None
    with catalogue.transaction() as session, collector_paused():
        begin_immediate(session)  # plan again, if need be, as the only writer
        office = session.scalars(select(Office)).one()
        if state_of(office) != plan.state:
            plan = plan_in_session(session, bundle, progress=progress)
            _check_trust(plan, trust)
        if before_writing is not None:
            before_writing(session, plan)
            session.flush()
        _write_aliases(session, plan)
        changes = _write_records(session, plan, progress=progress, cancel=cancel)
        changes.add(_relink(session, plan))
        office = session.scalars(select(Office)).one()
        office.knowledge = merged([office.knowledge, plan.knowledge_after])
        _remember_office(session, plan, trust)
        add_log(
            session,
            direction="import",
            bundle_uuid=bundle.bundle_uuid,
            office_uuid=bundle.office_uuid,
            office_name=bundle.office_name,
            file_name=str(bundle.path or ""),
            scope=bundle.manifest.scope,
            counts=bundle.counts,
            backup_path=str(backup or ""),
        )
        if cancel is not None and cancel():
            raise ExchangeCancelled
    return ImportResult(
        bundle.bundle_uuid, bundle.office_name, plan.counts, backup, plan.duplicates,
        nothing_new=not carries_records,
        changes=changes,
    )  # fmt: skip


def _check_trust(plan: ImportPlan, trust: bool) -> None:
    if plan.signer.trusted or trust:
        return
    raise UntrustedSignerError(
        _(
            "The bundle is signed by {value}; compare the fingerprint with that office's, then "
            "import it again trusting the office (--trust)."
        ).format(value=plan.signer.describe())
    )


def _write_aliases(session: Session, plan: ImportPlan) -> None:
    for alias in plan.new_aliases:
        alias_rules.add_pair(
            session,
            entity=alias["entity"],
            alias_uuid=alias["alias_uuid"],
            target_uuid=alias["target_uuid"],
            office_uuid=alias["office_uuid"],
            created_at=dt.datetime.fromisoformat(alias["created_at"]),
            version=alias["version"],
        )
    session.flush()


def _relink(session: Session, plan: ImportPlan) -> ChangeReport:
    """New merges: point what this catalogue already held at the records kept."""
    if not any(alias["entity"] == "city" for alias in plan.new_aliases):
        return ChangeReport()
    changed = alias_rules.relink(session, alias_rules.alias_map(session))
    return merging.refresh_relinked(session, changed)


def _remember_office(session: Session, plan: ImportPlan, trust: bool) -> None:
    bundle = plan.bundle
    if plan.signer.status in (SignerStatus.THIS_OFFICE, SignerStatus.REFERENCE):
        return
    created = dt.datetime.fromisoformat(bundle.manifest.created_at)
    row = session.get(KnownOffice, bundle.office_uuid)
    if row is None:
        row = KnownOffice(
            uuid=bundle.office_uuid,
            name=bundle.office_name,
            public_key=bundle.public_key,
            trusted=True,
            first_seen=dt.datetime.now(dt.UTC),
            last_bundle_at=created,
            knowledge=dict(plan.sender_knowledge),
        )
        session.add(row)
        return
    if row.last_bundle_at is None or created >= row.last_bundle_at:
        row.name = bundle.office_name  # the latest bundle has the office's current name
        row.last_bundle_at = created
    row.trusted = row.trusted or trust
    # Only grows: an old bundle arriving late must not make the office look like it knows less.
    row.knowledge = merged([row.knowledge, plan.sender_knowledge])


# -- records ---------------------------------------------------------------------------


def _write_records(
    session: Session, plan: ImportPlan, *, progress: Progress | None, cancel: Cancel | None
) -> ChangeReport:
    """Every record the plan changes, through the one writer, entity by entity (cities
    first: the others link to them), a slice at a time so that a cancel is heard and
    progress is reported."""
    report = ChangeReport()
    bundle_uuid = plan.bundle.bundle_uuid
    for entity in ENTITIES:
        writes = [_record_write(write, bundle_uuid) for write in plan.writes
                  if write.entity == entity]  # fmt: skip
        if not writes:
            continue
        label = f"Writing {ENTITIES[entity].label_plural.lower()}"

        def between(done: int, total: int, label: str = label) -> None:
            if done < total and cancel is not None and cancel():
                raise ExchangeCancelled
            if progress is not None:
                progress(label, done, total)

        report.add(
            writer.write_records(session, entity, writes, links_resolved=True,
                                 between_slices=between)
        )  # fmt: skip
    return report


def _record_write(write: RecordWrite, bundle_uuid: str) -> writer.RecordWrite:
    return writer.RecordWrite(
        write.uuid,
        write.row_id,
        write.winner if write.winner_changed else None,
        needs_review=write.needs_review,
        siblings=write.siblings,
        history=[writer.HistoryItem(snapshot, action, origin, bundle_uuid)
                 for snapshot, action, origin in write.history],
    )  # fmt: skip
