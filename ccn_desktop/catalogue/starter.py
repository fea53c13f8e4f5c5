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

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.canonical import sha256_of
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.models import RECORD_MODELS, Office
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.resources import resource_path

STARTER_FILE = "starter.ccnbundle.json"
STARTER_NAMESPACE = uuid_module.uuid5(uuid_module.NAMESPACE_DNS, "starter.ccn-desktop.unesco.org")
STARTER_OFFICE_UUID = str(uuid_module.uuid5(STARTER_NAMESPACE, "office"))
# The release of the network's reference data this program ships: the starter office's
# counter. Records unchanged since an earlier release keep that release's counter, so an
# office holding them sees nothing new; changed and new records carry this one.
REFERENCE_RELEASE = 2
STARTER_VERSION = {STARTER_OFFICE_UUID: REFERENCE_RELEASE}

# Links travel beside the records in a bundle: (link type, owner entity, owner field).
LINK_TYPES: dict[str, tuple[str, str]] = {
    "conference_host": ("conference", "host_city_uuids"),
    "project_city": ("project", "city_uuids"),
}


class StarterError(RuntimeError):
    """The shipped starter catalogue is damaged (the installation is)."""


def starter_uuid(natural_key: str) -> str:
    return str(uuid_module.uuid5(STARTER_NAMESPACE, natural_key))


def read_starter() -> dict[str, Any]:
    path = resource_path(STARTER_FILE)
    bundle = json.loads(path.read_text(encoding="utf-8"))
    version = bundle["manifest"].get("format_version", 1)
    if bundle["manifest"]["payload_sha256"] != sha256_of(bundle["payload"], version):
        raise StarterError(
            f"The starter catalogue {path} is damaged (checksum mismatch); reinstall CCN Desktop."
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
    records = attach_links(bundle["payload"])
    for entity in ("city", "conference", "project"):  # cities first: the others link to them
        model = RECORD_MODELS[entity]
        for record_snapshot in records[entity]:
            values = {name: record_snapshot.get(name) for name in ENTITIES[entity].field_names}
            cleaned, problems = clean(entity, values)
            if problems:
                raise StarterError(
                    f"The starter catalogue is damaged: {record_snapshot['uuid']} {problems[0]}."
                )
            record = model(
                uuid=record_snapshot["uuid"],
                created_at=_parse(record_snapshot["created_at"]),
                modified_at=_parse(record_snapshot["modified_at"]),
                modified_by=record_snapshot["modified_by"],
                version=dict(record_snapshot["version"]),
                deleted=False,
                needs_review=False,
                search_key="",
            )
            session.add(record)
            store.write_fields(session, entity, record, cleaned)
            store.add_history(
                session, entity, store.snapshot(session, entity, record),
                action="insert", origin="starter", office_uuid=record_snapshot["modified_by"],
                bundle_uuid=bundle["manifest"]["bundle_uuid"],
            )  # fmt: skip
    office.knowledge = {**office.knowledge, **bundle["manifest"]["knowledge"]}


def _parse(text: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime.fromisoformat(text)
