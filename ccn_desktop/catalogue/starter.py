"""The starter catalogue every new installation opens with.

It is an ordinary bundle (`resources/starter.ccnbundle.json`, scope "starter")
whose records have UUID5 identities and one shared starting version, so two
offices that start from it hold the *same* records rather than look-alike copies.
It is shipped inside the program and checked by its payload checksum; it has no
signature because no office made it.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from typing import Any

from sqlalchemy.orm import Session

from ccn_desktop.catalogue import field_merge, store, writer
from ccn_desktop.catalogue.canonical import sha256_of
from ccn_desktop.catalogue.entities import ENTITIES, LINK_TYPES, META_FIELDS
from ccn_desktop.catalogue.models import Office
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.i18n import _
from ccn_desktop.resources import resource_path

STARTER_FILE = "starter.ccnbundle.json"
STARTER_NAMESPACE = uuid_module.uuid5(uuid_module.NAMESPACE_DNS, "starter.ccn-desktop.unesco.org")
STARTER_OFFICE_UUID = str(uuid_module.uuid5(STARTER_NAMESPACE, "office"))
# The release of the network's reference data this program ships: the starter office's
# counter. Records unchanged since an earlier release keep that release's counter, so an
# office holding them sees nothing new; changed and new records carry this one.
REFERENCE_RELEASE = 2
STARTER_VERSION = {STARTER_OFFICE_UUID: REFERENCE_RELEASE}


class StarterError(RuntimeError):
    """The shipped starter catalogue is damaged (the installation is)."""


def starter_uuid(natural_key: str) -> str:
    return str(uuid_module.uuid5(STARTER_NAMESPACE, natural_key))


def read_starter() -> dict[str, Any]:
    path = resource_path(STARTER_FILE)
    bundle: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    version = bundle["manifest"].get("format_version", 1)
    if bundle["manifest"]["payload_sha256"] != sha256_of(bundle["payload"], version):
        raise StarterError(
            _(
                "The starter catalogue {path} is damaged (checksum mismatch); reinstall CCN "
                "Desktop."
            ).format(path=path)
        )
    return bundle


def attach_links(payload: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Records per entity with their link fields filled from the payload's `links`."""
    records = {
        name: [dict(record) for record in payload.get(ENTITIES[name].plural, [])]
        for name in ENTITIES
    }
    by_uuid = {(name, record["uuid"]): record for name in records for record in records[name]}
    for name in records:
        for spec in ENTITIES[name].fields:
            if spec.target:
                for record in records[name]:
                    record[spec.name] = []
    for link in sorted(payload.get("links", []), key=lambda item: item["position"]):
        entity, field_name = LINK_TYPES[link["type"]]
        by_uuid[(entity, link["from"])][field_name].append(link["to"])
    return records


def load_starter(session: Session, office: Office) -> None:
    """Fill a new, empty catalogue from the starter bundle (inside the caller's transaction)."""
    bundle = read_starter()
    now = store.iso(store.utc_now())  # history says when this office took the starter
    records = attach_links(bundle["payload"])
    for entity in ENTITIES:  # cities first: the others link to them
        writes = []
        for record_snapshot in records[entity]:
            values = {name: record_snapshot.get(name) for name in ENTITIES[entity].field_names}
            cleaned, problems = clean(entity, values)
            if problems:
                raise StarterError(
                    _("The starter catalogue is damaged: {uuid} {value}.").format(
                        uuid=record_snapshot["uuid"], value=problems[0]
                    )
                )
            snapshot = {name: record_snapshot[name] for name in META_FIELDS} | cleaned
            snapshot["deleted"] = False
            # As an import of the same record would store them, so that offices agree.
            snapshot["field_versions"] = field_merge.encode(
                field_merge.state_of(entity, record_snapshot)
            )
            history = writer.HistoryItem(
                snapshot, "insert", "starter", bundle["manifest"]["bundle_uuid"], at=now
            )
            writes.append(writer.RecordWrite(snapshot["uuid"], None, snapshot, history=[history]))
        writer.write_records(session, entity, writes, links_resolved=True)
    office.knowledge = {**office.knowledge, **bundle["manifest"]["knowledge"]}
