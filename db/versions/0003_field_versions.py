"""Records carry field versions; a conflict's other sides become field conflicts.

Revision ID: 0003_field_versions
Revises: 0002_alias_pairs
Create Date: 2026-12-05

Why: concurrent versions of a record now merge field by field
(catalogue/field_merge.py). Each record gets `field_versions`: which write set each
field, and the other values of a field changed concurrently. A version written before
this revision does not say which fields its writes changed, so it is treated as
having changed every field in its last write (the rule for bundle format 1): its
field versions are `{"base": [office, counter, time]}` of that write. A record that
had other sides (`conflict_version` rows) becomes their field-level merge: fields on
which the sides agree are no longer in conflict, the others keep every value. The
sides stay in history, as before.
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
    _merge_conflict_sides(op.get_bind())


def _merge_conflict_sides(connection: Any) -> None:
    """Each record with other sides becomes the field-level merge of its versions."""
    from ccn_desktop.catalogue import field_merge
    from ccn_desktop.catalogue.entities import ENTITIES, Kind
    from ccn_desktop.catalogue.folding import fold
    from ccn_desktop.catalogue.store import search_text_from, title_from

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
        shown = _snapshot(connection, entity, row, spec, Kind)
        states = [field_merge.legacy_state(entity, shown)]
        for side in others:
            complete = shown | {key: value for key, value in side.items() if key in shown}
            complete["deleted"] = bool(side.get("deleted", False))
            states.append(field_merge.legacy_state(entity, complete))
        merged = field_merge.join_all(states)
        values = merged.values()
        stored = [f.name for f in spec.fields if f.kind != Kind.LINKS]
        assignments = {name: _stored(values[name], spec.field(name).kind, Kind) for name in stored}
        hosts: list[str] = []
        if entity in LINKS:
            table, owner, field_name = LINKS[entity]
            connection.execute(sa.text(f"DELETE FROM {table} WHERE {owner} = :id"),
                               {"id": row["id"]})  # fmt: skip
            for position, city in enumerate(values[field_name]):
                found = connection.execute(
                    sa.text("SELECT id, name FROM city WHERE uuid = :uuid"), {"uuid": city}
                ).one_or_none()
                if found is not None:
                    connection.execute(
                        sa.text(f"INSERT INTO {table} ({owner}, city_id, position) "
                                "VALUES (:owner, :city, :position)"),
                        {"owner": row["id"], "city": found[0], "position": position},
                    )  # fmt: skip
                    hosts.append(found[1])
        assignments |= {
            "version": json.dumps(merged.context),
            "modified_at": merged.modified_at,
            "modified_by": merged.modified_by,
            "deleted": int(merged.deleted),
            "needs_review": int(merged.needs_review),
            "field_versions": json.dumps(field_merge.encode(merged)),
            "search_key": fold(title_from(entity, values, hosts))[:500],
        }
        sets = ", ".join(f"{name} = :{name}" for name in assignments)
        connection.execute(sa.text(f"UPDATE {entity} SET {sets} WHERE id = :id"),
                           assignments | {"id": row["id"]})  # fmt: skip
        connection.execute(sa.text(f"DELETE FROM {entity}_fts WHERE rowid = :id"),
                           {"id": row["id"]})  # fmt: skip
        connection.execute(
            sa.text(f"INSERT INTO {entity}_fts(rowid, body) VALUES (:id, :body)"),
            {"id": row["id"], "body": search_text_from(entity, values, hosts)},
        )
    connection.execute(sa.text("DELETE FROM conflict_version"))


def _snapshot(connection: Any, entity: str, row: Any, spec: Any, kind: Any) -> dict[str, Any]:
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


def _stored(value: Any, field_kind: Any, kind: Any) -> Any:
    return json.dumps(value) if field_kind in (kind.TEXT_LIST, kind.DATE_LIST) else value


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("field_versions")
