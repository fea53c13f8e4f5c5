"""What each kind of record holds: the single description of fields.

Forms, validation, snapshots (history and bundles), the table columns and the
fact sheet all read these specs, so adding a field means adding it here, to the
ORM model and to a migration — nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Final, TypedDict

from ccn_desktop.catalogue.vocabulary import (
    CONFERENCE_FORMATS,
    CREATIVE_FIELDS,
    MEMBERSHIP_STATUSES,
    PROJECT_STATUSES,
    UNESCO_REGIONS,
)
from ccn_desktop.i18n import N_


class Kind(StrEnum):
    """How a field's value is stored, checked and edited."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # paragraphs
    INT = "int"
    YEAR = "year"
    FLOAT = "float"
    DATE = "date"  # ISO date string in snapshots
    CHOICE = "choice"  # one of `choices`
    COUNTRY = "country"  # ISO 3166-1 alpha-2
    CURRENCY = "currency"  # ISO 4217
    EMAIL = "email"
    URL = "url"
    PHONE = "phone"
    TEXT_LIST = "text_list"  # ordered list of lines
    DATE_LIST = "date_list"  # ordered list of ISO dates
    LINKS = "links"  # ordered list of UUIDs of records of `target`


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: Kind
    group: str
    required: bool = False
    choices: tuple[str, ...] = ()
    target: str = ""  # entity of LINKS fields
    max_length: int = 500
    minimum: float | None = None
    maximum: float | None = None
    default: str = ""  # what a new record starts with (a required choice's usual answer)
    # Whether the field's words go into the record's search text; None: by its kind
    # (SEARCHED_KINDS). A LINKS field contributes the titles of the records it names.
    search: bool | None = None

    @property
    def searched(self) -> bool:
        return self.kind in SEARCHED_KINDS if self.search is None else self.search

    @property
    def is_list(self) -> bool:
        return self.kind in (Kind.TEXT_LIST, Kind.DATE_LIST, Kind.LINKS)

    def empty(self) -> object:
        """The value of an unset field in a snapshot."""
        if self.is_list:
            return []
        if self.kind in (Kind.INT, Kind.YEAR, Kind.FLOAT, Kind.DATE):
            return None
        return ""

    def initial(self) -> object:
        """The value of this field in a new record: its default, else empty."""
        return self.default if self.default else self.empty()


# Kinds held as one text (a missing one is ""), and kinds held as one number.
TEXT_KINDS: Final = frozenset(
    {Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.URL, Kind.PHONE, Kind.COUNTRY, Kind.CURRENCY,
     Kind.CHOICE}
)  # fmt: skip
NUMBER_KINDS: Final = frozenset({Kind.INT, Kind.YEAR, Kind.FLOAT})

# Kinds whose values a person may type to find a record (web addresses, phone
# numbers, dates and amounts are left out: "2019" finds the year, not a date).
SEARCHED_KINDS: Final = frozenset(
    {Kind.TEXT, Kind.LONG_TEXT, Kind.CHOICE, Kind.EMAIL, Kind.TEXT_LIST, Kind.COUNTRY,
     Kind.YEAR, Kind.INT, Kind.LINKS}
)  # fmt: skip


@dataclass(frozen=True)
class LinkSpec:
    """Where a LINKS field is stored: an association table of (owner, target, position).

    The table's name is also the link's `type` in a bundle's `links` section.
    """

    field: str  # "host_city_uuids"
    target: str  # entity linked to: "city"
    table: str  # "conference_host"
    owner_column: str  # "conference_id"
    target_column: str  # "city_id"
    position_column: str = "position"


@dataclass(frozen=True)
class EntitySpec:
    name: str  # "city"
    plural: str  # "cities": the bundle's payload key and the CLI's word
    label: str
    label_plural: str
    title_field: str
    fields: tuple[FieldSpec, ...]
    # Columns of the entity's table: field names, or derived ones the queries compute
    # ("hosts" of a conference).
    table_columns: tuple[str, ...] = field(default=())
    # How LINKS fields are stored, one per LINKS field.
    links: tuple[LinkSpec, ...] = field(default=())
    # The title is `title_field`, followed by the titles of the records this link field
    # names ("2018 Kraków / Katowice") or, when it names none, by `title_fallback`.
    title_links: str = ""
    title_fallback: str = ""

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.name} has no field {name!r}")

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)

    def link(self, field_name: str) -> LinkSpec:
        for link in self.links:
            if link.field == field_name:
                return link
        raise KeyError(f"{self.name} has no link field {field_name!r}")

    @cached_property
    def stored_fields(self) -> tuple[FieldSpec, ...]:
        """Fields kept in the entity's own table (LINKS live in association tables)."""
        return tuple(spec for spec in self.fields if spec.kind != Kind.LINKS)

    def title(self, values: Mapping[str, Any], linked_titles: Sequence[str] = ()) -> str:
        """How a person names the record, from its values and (for `title_links`) the
        titles of the records it links to, in order."""
        title = values.get(self.title_field)
        head = "" if title is None else str(title)
        if not self.title_links:
            return head
        tail = list(linked_titles) or [str(values.get(self.title_fallback) or "")]
        return f"{head} {' / '.join(name for name in tail if name)}".strip()

    def groups(self) -> list[tuple[str, list[FieldSpec]]]:
        """Fields by form group, in reading order."""
        ordered: dict[str, list[FieldSpec]] = {}
        for spec in self.fields:
            ordered.setdefault(spec.group, []).append(spec)
        return list(ordered.items())


class _Limits(TypedDict, total=False):
    minimum: float
    maximum: float
    max_length: int


_YEARS: _Limits = {"minimum": 1900, "maximum": 2100}
_LONG: _Limits = {"max_length": 20_000}

CITY: Final = EntitySpec(
    name="city",
    plural="cities",
    label=N_("City"),
    label_plural=N_("Cities"),
    title_field="name",
    fields=(
        FieldSpec("name", N_("Name"), Kind.TEXT, N_("Identity"), required=True, max_length=200),
        FieldSpec("country_code", N_("Country"), Kind.COUNTRY, N_("Identity"), required=True),
        FieldSpec("country", N_("Country name"), Kind.TEXT, N_("Identity"), max_length=200),
        FieldSpec(
            "region", N_("UNESCO region"), Kind.CHOICE, N_("Identity"),
            choices=UNESCO_REGIONS,
        ),
        FieldSpec(
            "creative_field", N_("Creative field"), Kind.CHOICE, N_("Identity"),
            required=True, choices=tuple(CREATIVE_FIELDS),
        ),
        FieldSpec(
            "designation_year", N_("Designation year"), Kind.YEAR, N_("Identity"),
            required=True, minimum=2004, maximum=2100,
        ),
        FieldSpec(
            "membership_status", N_("Membership status"), Kind.CHOICE, N_("Identity"),
            required=True, choices=MEMBERSHIP_STATUSES, default="Active",
        ),
        FieldSpec("latitude", N_("Latitude"), Kind.FLOAT, N_("Identity"), minimum=-90, maximum=90),
        FieldSpec(
            "longitude", N_("Longitude"), Kind.FLOAT, N_("Identity"),
            minimum=-180, maximum=180,
        ),
        FieldSpec("website", N_("Website"), Kind.URL, N_("Identity")),
        FieldSpec(
            "focal_point_name", N_("Focal point"), Kind.TEXT, N_("Focal point"),
            max_length=200,
        ),
        FieldSpec("focal_point_role", N_("Role"), Kind.TEXT, N_("Focal point"), max_length=200),
        FieldSpec("focal_point_email", N_("E-mail"), Kind.EMAIL, N_("Focal point")),
        FieldSpec("focal_point_phone", N_("Phone"), Kind.PHONE, N_("Focal point"), max_length=50),
        FieldSpec("description", N_("Description"), Kind.LONG_TEXT, N_("Description"), **_LONG),
        FieldSpec(
            "objectives", N_("Objectives"), Kind.TEXT_LIST, N_("Description"),
            max_length=2_000,
        ),
        FieldSpec(
            "report_dates", N_("Monitoring reports submitted"),
            Kind.DATE_LIST, N_("Monitoring"),
        ),
        FieldSpec("notes", N_("Notes"), Kind.LONG_TEXT, N_("Notes"), **_LONG),
    ),
    table_columns=("name", "country", "creative_field", "designation_year", "region"),
)  # fmt: skip

CONFERENCE: Final = EntitySpec(
    name="conference",
    plural="conferences",
    label=N_("Conference"),
    label_plural=N_("Conferences"),
    title_field="year",
    fields=(
        FieldSpec("edition", N_("Edition"), Kind.INT, N_("Identity"), minimum=1, maximum=1000),
        FieldSpec("year", N_("Year"), Kind.YEAR, N_("Identity"), required=True, **_YEARS),
        FieldSpec("host_city_uuids", N_("Host cities"), Kind.LINKS, N_("Identity"), target="city"),
        FieldSpec("venue", N_("Venue / location"), Kind.TEXT, N_("Identity"), max_length=300),
        FieldSpec("country_code", N_("Country"), Kind.COUNTRY, N_("Identity")),
        FieldSpec("start_date", N_("Start date"), Kind.DATE, N_("Dates and format")),
        FieldSpec("end_date", N_("End date"), Kind.DATE, N_("Dates and format")),
        FieldSpec(
            "format", N_("Format"), Kind.CHOICE, N_("Dates and format"), choices=CONFERENCE_FORMATS
        ),
        FieldSpec("theme", N_("Theme"), Kind.TEXT, N_("Content"), max_length=500),
        FieldSpec(
            "objectives", N_("Objectives and outcomes"), Kind.LONG_TEXT, N_("Content"),
            **_LONG,
        ),
        FieldSpec("notes", N_("Notes"), Kind.LONG_TEXT, N_("Notes"), **_LONG),
    ),
    table_columns=("edition", "year", "hosts", "start_date", "format"),
    links=(LinkSpec("host_city_uuids", "city", "conference_host", "conference_id", "city_id"),),
    title_links="host_city_uuids",
    title_fallback="venue",
)  # fmt: skip

PROJECT: Final = EntitySpec(
    name="project",
    plural="projects",
    label=N_("Project"),
    label_plural=N_("Projects"),
    title_field="title",
    fields=(
        FieldSpec("title", N_("Title"), Kind.TEXT, N_("Identity"), required=True, max_length=500),
        FieldSpec("summary", N_("Summary"), Kind.LONG_TEXT, N_("Identity"), **_LONG),
        FieldSpec("status", N_("Status"), Kind.CHOICE, N_("Identity"), required=True,
                  choices=PROJECT_STATUSES, default="Planned"),
        FieldSpec("start_year", N_("Start year"), Kind.YEAR, N_("Identity"), **_YEARS),
        FieldSpec("end_year", N_("End year"), Kind.YEAR, N_("Identity"), **_YEARS),
        FieldSpec("lead_organisation", N_("Lead organisation"), Kind.TEXT, N_("People and money"),
                  max_length=300),
        FieldSpec("partners", N_("Implementing partners"), Kind.TEXT_LIST, N_("People and money")),
        FieldSpec("funders", N_("Funders and supporters"), Kind.TEXT_LIST, N_("People and money")),
        FieldSpec(
            "budget", N_("Budget"), Kind.FLOAT, N_("People and money"),
            minimum=0, maximum=1e12,
        ),
        FieldSpec("currency", N_("Currency"), Kind.CURRENCY, N_("People and money")),
        FieldSpec("city_uuids", N_("Participating cities"), Kind.LINKS, N_("Where"), target="city"),
        FieldSpec("localities", N_("Other localities"), Kind.TEXT_LIST, N_("Where")),
        FieldSpec("target_group", N_("Target group"), Kind.TEXT, N_("Who"), max_length=500),
        FieldSpec(
            "participants", N_("Participants"), Kind.INT, N_("Who"),
            minimum=0, maximum=10**9,
        ),
        FieldSpec("activities", N_("Activities"), Kind.TEXT_LIST, N_("Work"), max_length=2_000),
        FieldSpec("outputs", N_("Outputs"), Kind.LONG_TEXT, N_("Work"), **_LONG),
        FieldSpec("website", N_("Website"), Kind.URL, N_("Work")),
        FieldSpec("notes", N_("Notes"), Kind.LONG_TEXT, N_("Notes"), **_LONG),
    ),
    table_columns=("title", "status", "start_year", "end_year", "lead_organisation"),
    links=(LinkSpec("city_uuids", "city", "project_city", "project_id", "city_id"),),
)  # fmt: skip

ENTITIES: Final[dict[str, EntitySpec]] = {spec.name: spec for spec in (CITY, CONFERENCE, PROJECT)}

# Fields every record carries besides its own: identity, time, origin, version. They
# are in every snapshot (history, bundles, conflict sides) before the entity's fields.
META_FIELDS: Final = ("uuid", "created_at", "modified_at", "modified_by", "version", "deleted")
# Which write set each field, and a field's concurrent values (catalogue/field_merge.py):
# a column of every record table and a key of every record in a bundle of format 2.
FIELD_VERSIONS: Final = "field_versions"
# Columns every record's row has that are no field: its row id, whether it waits for a
# review, and its folded title (for duplicates and short searches). Derived, never sent.
ROW_COLUMNS: Final = ("id", "needs_review", "search_key")

# Links by bundle link type (the association table's name): (owner entity, LinkSpec).
LINKS: Final[dict[str, tuple[str, LinkSpec]]] = {
    link.table: (spec.name, link) for spec in ENTITIES.values() for link in spec.links
}
# The same, as a bundle's `links` section names them: link type -> (owner, owner field).
LINK_TYPES: Final[dict[str, tuple[str, str]]] = {
    link_type: (owner, link.field) for link_type, (owner, link) in LINKS.items()
}


def entity(name: str) -> EntitySpec:
    try:
        return ENTITIES[name]
    except KeyError:
        raise KeyError(f"unknown record type {name!r}") from None
