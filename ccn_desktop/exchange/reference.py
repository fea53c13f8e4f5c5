"""Reference updates: a newer release of the network's reference data reaches a catalogue.

The starter catalogue shipped with the program is the network's reference data. A later
release ships it again with changed and new records carrying a newer counter of the
starter's own office (see `catalogue/starter_build.py`), so bringing it to an office that
already has a catalogue is an ordinary import — plan, preview, backup, apply, history —
with two differences: the reference needs no trust step (it is part of the installed
program, and no bundle can pose as it: `verify` refuses one that tries), and a record the
office deleted stays deleted. The reference cannot know about that deletion, so its newer
version would otherwise stand against it as a conflict; instead the deletion is made
again as a local edit that includes the reference's version, and so wins everywhere.

A record the office edited keeps its edit: the newer reference version merges with it as
any concurrent version does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import RECORD_MODELS
from ccn_desktop.catalogue.starter import REFERENCE_RELEASE, STARTER_FILE, STARTER_OFFICE_UUID
from ccn_desktop.exchange.apply import ImportResult, apply_plan
from ccn_desktop.exchange.errors import BundleError, ExchangeError
from ccn_desktop.exchange.plan import ImportPlan, make_plan
from ccn_desktop.exchange.record_changes import ChangeKind, RecordChange
from ccn_desktop.exchange.record_merge import RecordWrite, origin_of
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.exchange.verified import VerifiedBundle
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.i18n import _, ngettext
from ccn_desktop.resources import MissingResourceError, resource_path


class ReferenceError(ExchangeError):
    """The installed reference data cannot be read, or the catalogue's is newer."""


def installed_reference() -> VerifiedBundle:
    """The reference data this program ships, checked like any bundle."""
    try:
        path = resource_path(STARTER_FILE)
    except MissingResourceError as exc:
        raise ReferenceError(str(exc)) from None
    try:
        return read_bundle(path, allow_starter=True)
    except BundleError as exc:
        raise ReferenceError(
            _("The reference data shipped with the program ({path}) is damaged: {reason} "
              "Reinstall CCN Desktop.").format(path=path, reason=exc)
        ) from None  # fmt: skip


def catalogue_release(catalogue: Catalogue) -> int:
    """The release of the reference data this catalogue last took (0: none)."""
    return catalogue.knowledge().get(STARTER_OFFICE_UUID, 0)


def update_available(catalogue: Catalogue) -> bool:
    """Whether to offer an update: the catalogue holds reference data of an older release.

    A catalogue begun empty (release 0) is not offered one; `update-reference` still
    brings the reference data to it when asked.
    """
    return 0 < catalogue_release(catalogue) < REFERENCE_RELEASE


@dataclass
class ReferenceUpdate:
    """The plan of a reference update, with what it means in the words of the notice."""

    plan: ImportPlan
    held: int  # the catalogue's release before the update
    kept_deleted: list[RecordChange]  # deleted here; the newer version will not revive them

    @property
    def release(self) -> int:
        return REFERENCE_RELEASE

    @property
    def nothing_new(self) -> bool:
        return self.plan.nothing_to_do

    def new(self, entity: str) -> int:
        return self.plan.counts[entity][ChangeKind.NEW]

    def changed(self, entity: str, *fields: str) -> int:
        """How many existing records the update changes in any of `fields`."""
        return sum(
            1
            for change in self.plan.changes
            if change.entity == entity
            and change.kind != ChangeKind.NEW
            and any(diff.field in fields for diff in change.diffs)
        )

    def headline(self) -> str:
        """'1 new city, 406 locations, 4 conference dates' — what an officer cares about."""
        parts = []
        if number := self.new("city"):
            parts.append(ngettext("{n} new city", "{n} new cities", number).format(n=number))
        if number := self.new("conference"):
            parts.append(
                ngettext("{n} new conference", "{n} new conferences", number).format(n=number)
            )
        if number := self.new("project"):
            parts.append(ngettext("{n} new project", "{n} new projects", number).format(n=number))
        located = self.changed("city", "latitude", "longitude") + sum(
            1 for change in self.plan.changes
            if change.entity == "city" and change.kind == ChangeKind.NEW
            and change.theirs.get("latitude") is not None
        )  # fmt: skip
        if located:
            parts.append(ngettext("{n} location", "{n} locations", located).format(n=located))
        if dated := self.changed("conference", "start_date", "end_date"):
            parts.append(
                ngettext("{n} conference date", "{n} conference dates", dated).format(n=dated)
            )
        return ", ".join(parts) or _("corrections only")

    def summary(self) -> str:
        """One paragraph: new, updated, unchanged, conflicting, kept deleted."""
        if self.nothing_new:
            return _(
                "The catalogue already holds release {release} of the network's reference "
                "data: there is nothing new."
            ).format(release=self.held)
        total = self.plan.total
        return _(
            "Release {release} of the network's reference data (this catalogue has release "
            "{held}): {headline}. {new} new, {updated} updated, {unchanged} unchanged, "
            "{conflicts} to review, {kept} kept deleted as this office chose."
        ).format(
            release=self.release,
            held=self.held,
            headline=self.headline(),
            new=total(ChangeKind.NEW),
            updated=total(ChangeKind.UPDATED) + total(ChangeKind.RESTORED),
            unchanged=total(ChangeKind.UNCHANGED) - len(self.kept_deleted),
            conflicts=total(ChangeKind.CONFLICT),
            kept=len(self.kept_deleted),
        )


def _set_kept_deleted_aside(plan: ImportPlan) -> list[RecordChange]:
    """Take the records this office deleted out of the plan's changes: to the person
    reading the preview they stay as they are (the plan would list them as conflicts)."""
    kept = [
        change
        for change in plan.changes
        if change.kind == ChangeKind.CONFLICT and change.mine is not None and change.mine["deleted"]
    ]
    for change in kept:
        plan.changes.remove(change)
        plan.counts[change.entity][ChangeKind.CONFLICT] -= 1
        plan.counts[change.entity][ChangeKind.UNCHANGED] += 1
    return kept


def _writes_reviving_deletions(session: Session, plan: ImportPlan) -> list[RecordWrite]:
    """The writes that would show a live version of a record deleted here."""
    reviving: list[RecordWrite] = []
    for entity, model in RECORD_MODELS.items():
        writes = {
            write.row_id: write
            for write in plan.writes
            if write.entity == entity and write.row_id is not None and not write.winner["deleted"]
        }
        if writes:
            deleted = session.scalars(
                select(model.id).where(model.id.in_(list(writes)), model.deleted.is_(True))
            )
            reviving.extend(writes[row_id] for row_id in deleted)
    return reviving


def plan_update(catalogue: Catalogue, *, progress: Progress | None = None) -> ReferenceUpdate:
    """What taking the installed reference data would change; raises ReferenceError."""
    held = catalogue_release(catalogue)
    if held > REFERENCE_RELEASE:
        raise ReferenceError(
            _("This catalogue holds release {held} of the network's reference data, newer "
              "than this program's release {release}: update CCN Desktop; nothing was changed."
              ).format(held=held, release=REFERENCE_RELEASE)
        )  # fmt: skip
    plan = make_plan(catalogue, installed_reference(), progress=progress)
    return ReferenceUpdate(plan, held, _set_kept_deleted_aside(plan))


def apply_update(
    catalogue: Catalogue,
    update: ReferenceUpdate,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """Take the planned update in one transaction, after a backup."""

    def keep_deletions(session: Session, plan: ImportPlan) -> None:
        # Judged on the rows themselves: the plan is made again if the catalogue moved.
        kept = _writes_reviving_deletions(session, plan)
        plan.writes = [write for write in plan.writes if write not in kept]
        origin = origin_of(plan.bundle)
        for write in kept:
            catalogue.keep_deleted(
                session, write.entity, write.uuid, write.winner["version"], origin
            )

    return apply_plan(
        catalogue, update.plan, trust=True, progress=progress, cancel=cancel,
        before_writing=keep_deletions,
    )  # fmt: skip
