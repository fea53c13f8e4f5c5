"""Import, step two: write what the sheet plan says, in one transaction, after a backup.

Every record goes through the catalogue's own writer (`Catalogue.add` / `update`
within one `transaction()`), as a local edit of this office whose history says it
came from the spreadsheet; the exchange log names the file and the backup. If the
catalogue changed since the plan was made, the import is refused: the preview must
have shown exactly what is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.backups import make_backup
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import InvalidRecordError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import Office
from ccn_desktop.exchange.errors import ExchangeCancelled, ExchangeError
from ccn_desktop.exchange.likely_duplicates import LikelyDuplicate
from ccn_desktop.exchange.offices import add_log
from ccn_desktop.exchange.plan import state_of
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.rows import Cancel, Progress
from ccn_desktop.exchange.spreadsheet.errors import SpreadsheetError
from ccn_desktop.exchange.spreadsheet.plan import SheetPlan
from ccn_desktop.i18n import _

ORIGIN = "spreadsheet"  # the history's word for a change made by importing a sheet
SCOPE = "spreadsheet"  # the exchange log's
_SLICE = 200


@dataclass(frozen=True)
class SheetResult:
    file_name: str
    entity: str
    counts: dict[str, dict[ChangeKind, int]]
    backup_path: Path | None
    duplicates: list[LikelyDuplicate]
    nothing_new: bool = False

    def total(self, kind: ChangeKind) -> int:
        return self.counts[self.entity].get(kind, 0)


def apply_sheet_plan(
    catalogue: Catalogue,
    plan: SheetPlan,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SheetResult:
    """Write the plan; raises ExchangeCancelled, or SpreadsheetError when the catalogue
    changed since the plan was made. On any error nothing is changed."""
    if plan.nothing_to_do:
        return SheetResult(
            plan.file_name, plan.entity, plan.counts, None, plan.duplicates, nothing_new=True
        )
    if catalogue.read_only:
        raise ExchangeError(
            _(
                "This catalogue is open read-only (a locked stick?), so nothing can be imported "
                "into it; open it from a writable folder."
            )
        )
    with catalogue.session() as session:
        _check_state(session, plan)
    backup = make_backup(
        catalogue.paths.catalogue_file,
        catalogue.paths.backups_dir,
        f"before-spreadsheet-{plan.source_uuid[:8]}",
    )
    entity = plan.entity
    with catalogue.transaction() as session:
        office = session.scalars(select(Office)).one()
        _check_state(session, plan)
        label = _("Writing {records}").format(records=_(ENTITIES[entity].label_plural).lower())
        total = len(plan.writes)
        for index, write in enumerate(plan.writes):
            if index % _SLICE == 0:
                if cancel is not None and cancel():
                    raise ExchangeCancelled
                if progress is not None:
                    progress(label, index, total)
            try:
                catalogue.write_in(session, entity, write.uuid, write.values, new=write.new,
                                   origin=ORIGIN, source=plan.source_uuid)  # fmt: skip
            except InvalidRecordError as exc:  # the plan checked; only a race gets here
                raise SpreadsheetError(
                    _(
                        "{file}: {record} {uuid} cannot be written ({reason}); nothing was "
                        "imported."
                    ).format(file=plan.file_name, record=entity, uuid=write.uuid, reason=exc)
                ) from None
        if progress is not None:
            progress(label, total, total)
        add_log(
            session,
            direction="import",
            bundle_uuid=plan.source_uuid,
            office_uuid=office.uuid,
            office_name=office.name,
            file_name=str(plan.path),
            scope=SCOPE,
            counts={ENTITIES[entity].plural: total},
            backup_path=str(backup),
        )
        if cancel is not None and cancel():
            raise ExchangeCancelled
    return SheetResult(plan.file_name, entity, plan.counts, backup, plan.duplicates)


def _check_state(session: Session, plan: SheetPlan) -> None:
    """The preview showed what the sheet changed then; what it would change now may differ
    (an edit made since would be undone by the sheet's older cell)."""
    office = session.scalars(select(Office)).one()
    if state_of(office) != plan.state:
        raise SpreadsheetError(
            _(
                "The catalogue changed after {file} was compared with it; nothing was "
                "imported. Import the sheet again to see what it changes now."
            ).format(file=plan.file_name)
        )
