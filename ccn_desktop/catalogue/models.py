"""SQLAlchemy 2 models of the catalogue file.

Integer primary keys keep joins and the FTS5 rowids small; the UUID is a record's
identity across offices. Lists are JSON columns; links between records are
association tables with a position, so their order survives a round trip.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from ccn_desktop.catalogue.entities import LINKS, LinkSpec

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes stored as ISO-8601 text, so they sort and read as stored."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; the catalogue stores UTC only")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        dt.datetime: UTCDateTime(),
        dt.date: Date(),
        dict[str, int]: JSON(),
        list[str]: JSON(),
    }


class RecordMixin:
    """What every exchanged record carries (DESIGN.md, Data)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[dt.datetime]
    modified_at: Mapped[dt.datetime]
    modified_by: Mapped[str] = mapped_column(String(36))  # office UUID
    version: Mapped[dict[str, int]]  # version vector {office_uuid: counter}
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    # Folded title, for duplicate detection and short-query search.
    search_key: Mapped[str] = mapped_column(String(500), index=True)


def _link_table(owner: str, link: LinkSpec) -> Table:
    """The association table of a LINKS field, as entities.py describes it."""
    return Table(
        link.table,
        Base.metadata,
        Column(link.owner_column, ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column(
            link.target_column, ForeignKey(f"{link.target}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(link.position_column, Integer, nullable=False),
        Index(f"ix_{link.table}_{link.target_column}", link.target_column),
    )  # fmt: skip


LINK_TABLE_OBJECTS: dict[str, Table] = {
    table_name: _link_table(owner, link) for table_name, (owner, link) in LINKS.items()
}
conference_host = LINK_TABLE_OBJECTS["conference_host"]
project_city = LINK_TABLE_OBJECTS["project_city"]


class City(RecordMixin, Base):
    __tablename__ = "city"

    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(String(2), index=True)
    country: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(60), default="")
    creative_field: Mapped[str] = mapped_column(String(40), index=True)
    designation_year: Mapped[int | None] = mapped_column(Integer, index=True)
    membership_status: Mapped[str] = mapped_column(String(40), default="Active")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    website: Mapped[str] = mapped_column(String(500), default="")
    focal_point_name: Mapped[str] = mapped_column(String(200), default="")
    focal_point_role: Mapped[str] = mapped_column(String(200), default="")
    focal_point_email: Mapped[str] = mapped_column(String(500), default="")
    focal_point_phone: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[list[str]] = mapped_column(default=list)
    report_dates: Mapped[list[str]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class Conference(RecordMixin, Base):
    __tablename__ = "conference"

    edition: Mapped[int | None] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer, index=True)
    venue: Mapped[str] = mapped_column(String(300), default="")
    country_code: Mapped[str] = mapped_column(String(2), default="")
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    format: Mapped[str] = mapped_column(String(20), default="")
    theme: Mapped[str] = mapped_column(String(500), default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    hosts: Mapped[list[City]] = relationship(
        secondary=conference_host, order_by=conference_host.c.position, viewonly=True
    )


class Project(RecordMixin, Base):
    __tablename__ = "project"

    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    start_year: Mapped[int | None] = mapped_column(Integer, index=True)
    end_year: Mapped[int | None] = mapped_column(Integer)
    lead_organisation: Mapped[str] = mapped_column(String(300), default="")
    partners: Mapped[list[str]] = mapped_column(default=list)
    funders: Mapped[list[str]] = mapped_column(default=list)
    budget: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="")
    localities: Mapped[list[str]] = mapped_column(default=list)
    target_group: Mapped[str] = mapped_column(String(500), default="")
    participants: Mapped[int | None] = mapped_column(Integer)
    activities: Mapped[list[str]] = mapped_column(default=list)
    outputs: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    cities: Mapped[list[City]] = relationship(
        secondary=project_city, order_by=project_city.c.position, viewonly=True
    )


RECORD_MODELS: dict[str, type[City] | type[Conference] | type[Project]] = {
    "city": City,
    "conference": Conference,
    "project": Project,
}

# Link fields of the entity specs, and the association tables that store them.
LINK_TABLES: dict[tuple[str, str], tuple[Table, str]] = {
    (owner, link.field): (LINK_TABLE_OBJECTS[link.table], link.owner_column)
    for owner, link in LINKS.values()
}


class History(Base):
    """Every version a record has had: local edits, imports, conflicts' other sides."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    record_uuid: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(20))  # insert, update, delete, restore, ...
    origin: Mapped[str] = mapped_column(String(20))  # local, bundle, starter, conflict
    bundle_uuid: Mapped[str | None] = mapped_column(String(36))
    office_uuid: Mapped[str] = mapped_column(String(36))
    at: Mapped[dt.datetime]
    version: Mapped[dict[str, int]]
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_history_record", "record_uuid", "id"),)


class Office(Base):
    """This installation's identity; exactly one row."""

    __tablename__ = "office"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(100))  # raw Ed25519, base64
    created_at: Mapped[dt.datetime]
    # Highest counter this office has used; every local write takes the next one.
    counter: Mapped[int] = mapped_column(Integer, default=0)
    # Highest counter seen from each office (its own included): DESIGN.md Exchange, rule 7.
    knowledge: Mapped[dict[str, int]] = mapped_column(default=dict)


class KnownOffice(Base):
    """Another office whose bundles came here: its key, whether it is trusted, what it knows."""

    __tablename__ = "known_office"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(100))
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[dt.datetime]
    last_bundle_at: Mapped[dt.datetime | None]
    # That office's knowledge as stated in the last bundle that came from it.
    knowledge: Mapped[dict[str, int]] = mapped_column(default=dict)


class Alias(Base):
    """A record merged into another: references to `alias_uuid` mean `target_uuid`.

    A grow-only set of pairs that travels in bundles with the version of the merge
    that made it, so that every office resolves references the same way
    (catalogue/aliases.py).
    """

    __tablename__ = "alias"

    alias_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    target_uuid: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    entity: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime]
    office_uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[dict[str, int]]


class ConflictVersion(Base):
    """A concurrent version that lost the deterministic choice; kept until reviewed.

    A record's versions form a set of mutually concurrent versions (catalogue/versions.py):
    the one shown is the record's row, the others are here, identified by their vector.
    """

    __tablename__ = "conflict_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[dict[str, int]]
    modified_at: Mapped[dt.datetime]
    modified_by: Mapped[str] = mapped_column(String(36))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)


class ExchangeLog(Base):
    """One row per bundle written or read."""

    __tablename__ = "exchange_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime]
    direction: Mapped[str] = mapped_column(String(10))  # export, import
    bundle_uuid: Mapped[str] = mapped_column(String(36))
    office_uuid: Mapped[str] = mapped_column(String(36))  # the other office (or this one)
    office_name: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(1000))
    scope: Mapped[str] = mapped_column(String(60))
    counts: Mapped[dict[str, int]] = mapped_column(default=dict)
    backup_path: Mapped[str] = mapped_column(String(1000), default="")
