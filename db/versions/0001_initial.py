"""Initial schema: records, links, history, offices, aliases, conflicts, exchange log, FTS5.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-23

Timestamps are UTC ISO-8601 text (the models' UTCDateTime). The FTS5 tables use
the trigram tokenizer so that any substring of three or more characters of the
folded text is found through the index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

FTS_TABLES = ("city_fts", "conference_fts", "project_fts")

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alias",
        sa.Column("alias_uuid", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("target_uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("office_uuid", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("alias_uuid", name=op.f("pk_alias")),
    )
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alias_target_uuid"), ["target_uuid"], unique=False)

    op.create_table(
        "city",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("country", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=60), nullable=False),
        sa.Column("creative_field", sa.String(length=40), nullable=False),
        sa.Column("designation_year", sa.Integer(), nullable=True),
        sa.Column("membership_status", sa.String(length=40), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("focal_point_name", sa.String(length=200), nullable=False),
        sa.Column("focal_point_role", sa.String(length=200), nullable=False),
        sa.Column("focal_point_email", sa.String(length=500), nullable=False),
        sa.Column("focal_point_phone", sa.String(length=50), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("objectives", sa.JSON(), nullable=False),
        sa.Column("report_dates", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("modified_at", sa.String(length=32), nullable=False),
        sa.Column("modified_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("search_key", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_city")),
        sa.UniqueConstraint("uuid", name=op.f("uq_city_uuid")),
    )
    with op.batch_alter_table("city", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_city_country_code"), ["country_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_city_creative_field"), ["creative_field"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_city_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_city_designation_year"), ["designation_year"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_city_search_key"), ["search_key"], unique=False)

    op.create_table(
        "conference",
        sa.Column("edition", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("theme", sa.String(length=500), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("modified_at", sa.String(length=32), nullable=False),
        sa.Column("modified_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("search_key", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference")),
        sa.UniqueConstraint("uuid", name=op.f("uq_conference_uuid")),
    )
    with op.batch_alter_table("conference", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conference_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_conference_search_key"), ["search_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_conference_year"), ["year"], unique=False)

    op.create_table(
        "conflict_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.Column("modified_at", sa.String(length=32), nullable=False),
        sa.Column("modified_by", sa.String(length=36), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict_version")),
        sa.UniqueConstraint(
            "record_uuid",
            "modified_by",
            "modified_at",
            name=op.f("uq_conflict_version_record_uuid"),
        ),
    )
    with op.batch_alter_table("conflict_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conflict_version_record_uuid"), ["record_uuid"], unique=False
        )

    op.create_table(
        "exchange_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("bundle_uuid", sa.String(length=36), nullable=False),
        sa.Column("office_uuid", sa.String(length=36), nullable=False),
        sa.Column("office_name", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=1000), nullable=False),
        sa.Column("scope", sa.String(length=60), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("backup_path", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_log")),
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("bundle_uuid", sa.String(length=36), nullable=True),
        sa.Column("office_uuid", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
    )
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.create_index("ix_history_record", ["record_uuid", "id"], unique=False)

    op.create_table(
        "known_office",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("first_seen", sa.String(length=32), nullable=False),
        sa.Column("last_bundle_at", sa.String(length=32), nullable=True),
        sa.Column("knowledge", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_known_office")),
    )
    op.create_table(
        "office",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("knowledge", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_office")),
    )
    op.create_table(
        "project",
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("lead_organisation", sa.String(length=300), nullable=False),
        sa.Column("partners", sa.JSON(), nullable=False),
        sa.Column("funders", sa.JSON(), nullable=False),
        sa.Column("budget", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("localities", sa.JSON(), nullable=False),
        sa.Column("target_group", sa.String(length=500), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("outputs", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("modified_at", sa.String(length=32), nullable=False),
        sa.Column("modified_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("search_key", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("uuid", name=op.f("uq_project_uuid")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_search_key"), ["search_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_start_year"), ["start_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_status"), ["status"], unique=False)

    op.create_table(
        "conference_host",
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"],
            ["city.id"],
            name=op.f("fk_conference_host_city_id_city"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conference.id"],
            name=op.f("fk_conference_host_conference_id_conference"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conference_id", "city_id", name=op.f("pk_conference_host")),
    )
    with op.batch_alter_table("conference_host", schema=None) as batch_op:
        batch_op.create_index("ix_conference_host_city_id", ["city_id"], unique=False)

    op.create_table(
        "project_city",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["city_id"], ["city.id"], name=op.f("fk_project_city_city_id_city"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_city_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "city_id", name=op.f("pk_project_city")),
    )
    with op.batch_alter_table("project_city", schema=None) as batch_op:
        batch_op.create_index("ix_project_city_city_id", ["city_id"], unique=False)
    for table in FTS_TABLES:
        op.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(body, tokenize='trigram')")


def downgrade() -> None:
    for table in FTS_TABLES:
        op.execute(f"DROP TABLE {table}")
    with op.batch_alter_table("project_city", schema=None) as batch_op:
        batch_op.drop_index("ix_project_city_city_id")

    op.drop_table("project_city")
    with op.batch_alter_table("conference_host", schema=None) as batch_op:
        batch_op.drop_index("ix_conference_host_city_id")

    op.drop_table("conference_host")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_status"))
        batch_op.drop_index(batch_op.f("ix_project_start_year"))
        batch_op.drop_index(batch_op.f("ix_project_search_key"))
        batch_op.drop_index(batch_op.f("ix_project_deleted"))

    op.drop_table("project")
    op.drop_table("office")
    op.drop_table("known_office")
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.drop_index("ix_history_record")

    op.drop_table("history")
    op.drop_table("exchange_log")
    with op.batch_alter_table("conflict_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_version_record_uuid"))

    op.drop_table("conflict_version")
    with op.batch_alter_table("conference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conference_year"))
        batch_op.drop_index(batch_op.f("ix_conference_search_key"))
        batch_op.drop_index(batch_op.f("ix_conference_deleted"))

    op.drop_table("conference")
    with op.batch_alter_table("city", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_city_search_key"))
        batch_op.drop_index(batch_op.f("ix_city_designation_year"))
        batch_op.drop_index(batch_op.f("ix_city_deleted"))
        batch_op.drop_index(batch_op.f("ix_city_creative_field"))
        batch_op.drop_index(batch_op.f("ix_city_country_code"))

    op.drop_table("city")
    with op.batch_alter_table("alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alias_target_uuid"))

    op.drop_table("alias")
