"""Records carry field versions; a conflict's other sides become field conflicts.

Revision ID: 0003_field_versions
Revises: 0002_alias_pairs
Create Date: 2026-12-05

Why: concurrent versions of a record now merge field by field
(catalogue/field_merge.py). Each record gets `field_versions`: which write set each
field, and the other values of a field changed concurrently. A version written before
this revision does not say which fields its writes changed. This catalogue's history
does: each field is given the version in which this office first saw its current
value (the starter's version for a field nobody changed, this office's edit for the
field it edited). That is never earlier than the write that really set it — so an edit
is never taken as seen by a version that had not seen it — and mostly exact, so an
office that edited a city's description takes the next reference release's
coordinates without a review. Without history, a version is treated as having changed
every field in its last write (the rule for bundle format 1). A record that had other
sides (`conflict_version` rows) becomes their field-level merge: fields on which the
sides agree are no longer in conflict, the others keep every value. The sides stay in
history, as before.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_field_versions"
down_revision = "0002_alias_pairs"
branch_labels = None
depends_on = None

TABLES = ("city", "conference", "project")
LINKS = {"conference": ("conference_host", "conference_id", "host_city_uuids"),
         "project": ("project_city", "project_id", "city_uuids")}  # fmt: skip


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("field_versions", sa.JSON(), nullable=False, server_default="{}")
            )
        counter = "json_extract(version, '$.\"' || modified_by || '\"')"
        dot = f"json_array(modified_by, {counter}, modified_at)"
        op.execute(
            f"UPDATE {table} SET field_versions = CASE WHEN deleted THEN "
            f"json_object('base', {dot}, 'deleted', "
            f"json_array(json_array(modified_by, {counter}, modified_at, json(version)))) "
            f"ELSE json_object('base', {dot}) END"
        )
    connection = op.get_bind()
    _dots_from_history(connection)
    _merge_conflict_sides(connection)


def dated(entity: str, version: dict[str, Any], history: list[dict[str, Any]]) -> dict[str, Any]:
    """`field_versions` of a version from before this revision: for each field, the
    version in which the value first appeared among this office's history versions that
    `version` includes (in the order they came); the version's own write when the
    history does not show the value."""
    from ccn_desktop.catalogue import field_merge
    from ccn_desktop.catalogue.entities import ENTITIES

    vector = version["version"]
    own = (version["modified_by"], vector.get(version["modified_by"], 0), version["modified_at"])
    names = ENTITIES[entity].field_names
    dots: dict[str, Any] = dict.fromkeys(names, own)
    values: dict[str, Any] = {}
    for snapshot in history:
        seen = snapshot.get("version", {})
        if not all(vector.get(office, 0) >= counter for office, counter in seen.items()):
            continue  # a version this one does not include
        by = snapshot.get("modified_by", "")
        dot = (by, seen.get(by, 0), snapshot.get("modified_at", ""))
        for name in names:
            if name not in values or snapshot.get(name) != values[name]:
                values[name], dots[name] = snapshot.get(name), dot
    for name in names:
        if values.get(name, object()) != version.get(name):
            dots[name] = own  # a value the history does not show (a link moved by a merge)
    state = field_merge.RecordState(
        entity=entity, uuid=version["uuid"], created_at="", modified_at=version["modified_at"],
        modified_by=version["modified_by"], context=dict(vector),
        fields={name: ((dots[name], None),) for name in names},
        register=((own, dict(vector)),) if version["deleted"] else (),
    )  # fmt: skip
    return field_merge.encode(state)


def _histories(connection: Any, entity: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    query = sa.text("SELECT record_uuid, snapshot FROM history WHERE entity = :e ORDER BY id")
    for uuid, snapshot in connection.execute(query, {"e": entity}):
        found.setdefault(uuid, []).append(json.loads(snapshot))
    return found


def _dots_from_history(connection: Any) -> None:
    """Every record's field versions, dated from this office's history (`dated`)."""
    from ccn_desktop.catalogue.entities import ENTITIES

    for entity in TABLES:
        spec = ENTITIES[entity]
        history = _histories(connection, entity)
        rows = connection.execute(sa.text(f"SELECT * FROM {entity}")).mappings().all()
        updates = []
        for row in rows:
            version = _snapshot(connection, entity, row, spec)
            encoded = dated(entity, version, history.get(row["uuid"], []))
            updates.append({"id": row["id"], "field_versions": json.dumps(encoded)})
        if updates:
            connection.execute(
                sa.text(f"UPDATE {entity} SET field_versions = :field_versions WHERE id = :id"),
                updates,
            )


def _merge_conflict_sides(connection: Any) -> None:
    """Each record with other sides becomes the field-level merge of its versions."""
    from sqlalchemy.orm import Session

    from ccn_desktop.catalogue import field_merge, writer
    from ccn_desktop.catalogue.entities import ENTITIES

    session = Session(bind=connection)
    sides: dict[tuple[str, str], list[dict[str, Any]]] = {}
    query = sa.text(
        "SELECT entity, record_uuid, version, modified_at, modified_by, snapshot "
        "FROM conflict_version ORDER BY id"
    )
    for entity, uuid, version, modified_at, modified_by, snapshot in connection.execute(query):
        side = json.loads(snapshot) | {
            "version": json.loads(version),
            "modified_at": modified_at,
            "modified_by": modified_by,
        }
        sides.setdefault((entity, uuid), []).append(side)  # fmt: skip
    for (entity, uuid), others in sides.items():
        spec = ENTITIES[entity]
        row = (
            connection.execute(
                sa.text(f"SELECT * FROM {entity} WHERE uuid = :uuid"), {"uuid": uuid}
            )
            .mappings()
            .one_or_none()
        )
        if row is None:
            continue
        shown = _snapshot(connection, entity, row, spec)
        history = [
            json.loads(snapshot)
            for (snapshot,) in connection.execute(
                sa.text("SELECT snapshot FROM history WHERE entity = :e AND record_uuid = :u "
                        "ORDER BY id"), {"e": entity, "u": uuid})
        ]  # fmt: skip
        shown["field_versions"] = dated(entity, shown, history)
        states = [field_merge.state_of(entity, shown)]
        for side in others:
            complete = shown | {key: value for key, value in side.items() if key in shown}
            complete["deleted"] = bool(side.get("deleted", False))
            complete["field_versions"] = dated(entity, complete, history)
            states.append(field_merge.state_of(entity, complete))
        merged = field_merge.join_all(states)
        # Stored by the one writer (row, links, search text), as an import would.
        write = writer.RecordWrite(
            uuid, row["id"], field_merge.snapshot_of(merged), needs_review=merged.needs_review
        )
        writer.write_records(session, entity, [write], links_resolved=True)
    connection.execute(sa.text("DELETE FROM conflict_version"))


def _snapshot(connection: Any, entity: str, row: Any, spec: Any) -> dict[str, Any]:
    from ccn_desktop.catalogue.entities import Kind as kind

    snapshot: dict[str, Any] = {
        "uuid": row["uuid"],
        "created_at": row["created_at"],
        "modified_at": row["modified_at"],
        "modified_by": row["modified_by"],
        "version": json.loads(row["version"]),
        "deleted": bool(row["deleted"]),
    }
    for field in spec.fields:
        if field.kind == kind.LINKS:
            table, owner, _ = LINKS[entity]
            snapshot[field.name] = list(connection.execute(
                sa.text(f"SELECT city.uuid FROM {table} JOIN city ON city.id = {table}.city_id "
                        f"WHERE {owner} = :id ORDER BY position"), {"id": row["id"]}
            ).scalars())  # fmt: skip
        elif field.kind in (kind.TEXT_LIST, kind.DATE_LIST):
            snapshot[field.name] = json.loads(row[field.name] or "[]")
        else:
            snapshot[field.name] = row[field.name]
    return snapshot


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("field_versions")
