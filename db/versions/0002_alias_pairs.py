"""Aliases become a set of (merged-away, target) pairs with a version; conflict versions
are identified by their version vector.

Revision ID: 0002_alias_pairs
Revises: 0001_initial
Create Date: 2026-11-23

Why: an alias must travel in "for office X" exports like any other change, so it
needs the counter of the merge that made it (a version vector). Two offices may
merge the same record into different targets; keeping every pair (rather than one
target per merged UUID) lets every office compute the same references whatever
order the merges arrive in. A conflict's other side is identified by its version
vector; two sides made by the same office at the same microsecond are still two
versions, so the unique constraint on (record, office, time) goes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_alias_pairs"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alias_new",
        sa.Column("alias_uuid", sa.String(length=36), nullable=False),
        sa.Column("target_uuid", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("office_uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("alias_uuid", "target_uuid", name=op.f("pk_alias")),
    )
    op.execute(
        "INSERT INTO alias_new (alias_uuid, target_uuid, entity, created_at, office_uuid, version) "
        "SELECT alias_uuid, target_uuid, entity, created_at, office_uuid, "
        "json_object(office_uuid, 1) FROM alias"
    )
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alias_target_uuid"))
    op.drop_table("alias")
    op.rename_table("alias_new", "alias")
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alias_target_uuid"), ["target_uuid"], unique=False)

    with op.batch_alter_table("conflict_version", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_conflict_version_record_uuid"), type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("conflict_version", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            op.f("uq_conflict_version_record_uuid"), ["record_uuid", "modified_by", "modified_at"]
        )
    op.create_table(
        "alias_old",
        sa.Column("alias_uuid", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("target_uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("office_uuid", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("alias_uuid", name=op.f("pk_alias")),
    )
    op.execute(
        "INSERT OR IGNORE INTO alias_old (alias_uuid, entity, target_uuid, created_at, "
        "office_uuid) SELECT alias_uuid, entity, target_uuid, created_at, office_uuid "
        "FROM alias ORDER BY created_at, office_uuid"
    )
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alias_target_uuid"))
    op.drop_table("alias")
    op.rename_table("alias_old", "alias")
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alias_target_uuid"), ["target_uuid"], unique=False)
