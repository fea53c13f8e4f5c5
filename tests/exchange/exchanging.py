"""Sending bundles between test offices exactly as the command line does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.apply import ImportResult, apply_plan
from ccn_desktop.exchange.export import export_bundle
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.verify import read_bundle


def export(source: Catalogue, folder: Path, *, for_office: str | None = None) -> Path:
    return export_bundle(source, folder, for_office=for_office).path


def import_file(target: Catalogue, path: Path, *, trust: bool = True) -> ImportResult:
    return apply_plan(target, make_plan(target, read_bundle(path)), trust=trust)


def send(
    source: Catalogue, target: Catalogue, folder: Path, *, incremental: bool = False
) -> ImportResult:
    """Export from `source` (for `target` when asked and possible) and import into `target`."""
    for_office = target.office.uuid if incremental and knows(source, target) else None
    return import_file(target, export(source, folder, for_office=for_office))


def knows(source: Catalogue, other: Catalogue) -> bool:
    from ccn_desktop.exchange.offices import known_offices

    return any(office.uuid == other.office.uuid for office in known_offices(source))


def state(catalogue: Catalogue) -> dict[str, Any]:
    """Everything that must be equal in converged offices: records with their vectors,
    the other sides of conflicts, review flags, links and aliases (not history or logs)."""
    from sqlalchemy import select

    from ccn_desktop.catalogue.models import RECORD_MODELS, Alias

    result: dict[str, Any] = {}
    with catalogue.session() as session:
        for entity, model in RECORD_MODELS.items():
            uuids = list(session.scalars(select(model.uuid).order_by(model.uuid)))
            records = {}
            for snapshot in catalogue.get_many(entity, uuids):
                uuid = snapshot["uuid"]
                sides = catalogue.conflict_versions(entity, uuid)
                review = session.scalar(select(model.needs_review).where(model.uuid == uuid))
                records[uuid] = {
                    "shown": snapshot,
                    "sides": sorted(sides, key=lambda side: sorted(side["version"].items())),
                    "needs_review": review,
                }
            result[entity] = records
        result["aliases"] = sorted(
            (row.alias_uuid, row.target_uuid, row.entity, row.office_uuid, row.version)
            for row in session.scalars(select(Alias))
        )
    return result
