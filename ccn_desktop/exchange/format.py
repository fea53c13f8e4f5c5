"""The bundle format, version 2, as pydantic v2 types: the one description of a bundle.

A bundle is `{"manifest": Manifest, "payload": Payload}`. Record shapes are built
from the entity specs (`catalogue/entities.py`), so a field added there appears
here, in the shipped JSON Schema (`resources/bundle.schema.json`) and in the docs'
example with no second list to keep in step.

Records are TypedDicts rather than BaseModels: validating 100,000 of them then
yields plain dicts, which the importer needs anyway, at a fraction of the cost.
The checks here are structural (types, lengths, closed lists, identifiers,
timestamps); the rules a form applies (ISO codes, year order, e-mail shapes) run
afterwards through `catalogue.validation.clean`, so a bundle and a form obey the
same rules.

Format 2 signs the RFC 8785 canonical form (see `catalogue/canonical.py`) and adds
`field_versions` to every record version (which write set each field:
catalogue/field_merge.py, docs/bundle-format.md); format 1 versions lack it and are
merged as having changed every field in their last write. One set of types reads both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal, NotRequired, TypeAlias

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, TypeAdapter
from typing_extensions import TypedDict

from ccn_desktop.catalogue.canonical import MAX_SAFE_INTEGER
from ccn_desktop.catalogue.entities import (
    ENTITIES,
    LINK_TYPES,
    META_FIELDS,
    NUMBER_KINDS,
    EntitySpec,
    FieldSpec,
    Kind,
)
from ccn_desktop.i18n import ngettext, number

FORMAT_NAME = "ccn-bundle"
FORMAT_VERSION = 2
# Every format version this program can read (it keeps reading every one it ever wrote).
READABLE_VERSIONS = (1, 2)
FILE_SUFFIX = ".ccnbundle.json"

# 100,000 records take about 100 MB; a file four times that is not a catalogue.
MAX_BUNDLE_BYTES = 400 * 1024 * 1024
MAX_LIST_ITEMS = 1000  # as catalogue.validation: entries of a list field
MAX_OFFICES = 10_000  # entries of a version vector or a knowledge vector
MAX_COUNTER = MAX_SAFE_INTEGER  # every JSON reader holds it exactly (RFC 8785 needs it)
MAX_LINK_POSITION = 10_000

SCOPES = ("full", "for-office", "starter")

RECORD_SECTIONS = tuple(spec.plural for spec in ENTITIES.values())  # cities, conferences, ...
SECTIONS = (*RECORD_SECTIONS, "tombstones", "conflicts", "links", "aliases")

_SECTION_WORDS: dict[str, Callable[[int], str]] = {
    "cities": lambda n: ngettext("{n} city", "{n} cities", n),
    "conferences": lambda n: ngettext("{n} conference", "{n} conferences", n),
    "projects": lambda n: ngettext("{n} project", "{n} projects", n),
    "tombstones": lambda n: ngettext("{n} deleted record", "{n} deleted records", n),
    "conflicts": lambda n: ngettext(
        "{n} other side of a conflict", "{n} other sides of conflicts", n
    ),
    "links": lambda n: ngettext("{n} link", "{n} links", n),
    "aliases": lambda n: ngettext("{n} merged record", "{n} merged records", n),
}


def describe_counts(counts: dict[str, int], *, skip_zero: bool = False) -> str:
    """'406 cities, 16 conferences, 1 project, …' for people (`skip_zero`: only what is there)."""
    parts = []
    for name in SECTIONS:
        count = counts.get(name, 0)
        if skip_zero and not count:
            continue
        parts.append(_SECTION_WORDS[name](count).format(n=number(count)))
    return ", ".join(parts)


_STRICT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# What a value that misses a pattern should have looked like, for messages.
PATTERN_WORDS = {
    UUID_PATTERN: "is not a UUID in lower case (like 1b4e28ba-2fa1-4d2e-883f-0016d3cca427)",
    TIMESTAMP_PATTERN: "is not a UTC time written like 2025-12-12T09:30:00.000000+00:00",
    DATE_PATTERN: "is not a date written YYYY-MM-DD",
    r"^[A-Z]{2}$": "is not a two-letter country code in capitals",
    r"^([A-Z]{2})?$": "is not a two-letter country code in capitals",
    r"^([A-Z]{3})?$": "is not a three-letter currency code in capitals",
    r"^[0-9a-f]{64}$": "is not a SHA-256 in lower-case hexadecimal",
    r"^([A-Za-z0-9+/]{43}=)?$": "is not an Ed25519 public key in base64",
    r"^([A-Za-z0-9+/]{86}==)?$": "is not an Ed25519 signature in base64",
}

Uuid: TypeAlias = Annotated[
    str,
    Field(
        pattern=UUID_PATTERN,
        description="A UUID in its canonical lower-case form.",
    ),
]
Timestamp: TypeAlias = Annotated[
    str,
    Field(
        pattern=TIMESTAMP_PATTERN,
        description="A UTC time, ISO 8601 with microseconds: 2025-12-12T09:30:00.000000+00:00.",
    ),
]
IsoDate: TypeAlias = Annotated[str, Field(pattern=DATE_PATTERN, description="A date, YYYY-MM-DD.")]
Counter: TypeAlias = Annotated[int, Field(ge=1, le=MAX_COUNTER)]
VersionVector: TypeAlias = Annotated[
    dict[Uuid, Counter],
    Field(
        min_length=1,
        max_length=MAX_OFFICES,
        description="Version vector: the highest counter of each office's edits this "
        "version includes.",
    ),
]
Knowledge: TypeAlias = Annotated[
    dict[Uuid, Annotated[int, Field(ge=0, le=MAX_COUNTER)]],
    Field(
        max_length=MAX_OFFICES,
        description="The highest counter the exporting office has seen from each office.",
    ),
]
EntityName: TypeAlias = Literal["city", "conference", "project"]


def _field_type(spec: FieldSpec) -> Any:
    """The JSON type of one field of the entity specs, with its limits."""
    optional = not spec.required
    if spec.kind in NUMBER_KINDS:
        scalar = int if spec.kind != Kind.FLOAT else float
        limits = {
            key: value
            for key, value in (("ge", spec.minimum), ("le", spec.maximum))
            if value is not None
        }
        annotated = Annotated[scalar, Field(**limits)]  # type: ignore[valid-type]
        return annotated | None if optional else annotated
    if spec.kind == Kind.DATE:
        return IsoDate | None
    if spec.kind == Kind.TEXT_LIST:
        item = Annotated[str, Field(max_length=spec.max_length)]
        return Annotated[list[item], Field(max_length=MAX_LIST_ITEMS)]
    if spec.kind == Kind.DATE_LIST:
        return Annotated[list[IsoDate], Field(max_length=MAX_LIST_ITEMS)]
    if spec.kind == Kind.LINKS:
        return Annotated[list[Uuid], Field(max_length=MAX_LIST_ITEMS)]
    if spec.kind == Kind.CHOICE:
        return Literal[(*spec.choices, *(("",) if optional else ()))]
    if spec.kind == Kind.COUNTRY:
        return Annotated[str, Field(pattern=r"^[A-Z]{2}$" if spec.required else r"^([A-Z]{2})?$")]
    if spec.kind == Kind.CURRENCY:
        return Annotated[str, Field(pattern=r"^([A-Z]{3})?$")]
    return Annotated[str, Field(min_length=1 if spec.required else 0, max_length=spec.max_length)]


def _meta_fields(deleted: Any) -> dict[str, Any]:
    """The JSON types of entities.META_FIELDS, in their order."""
    types = {
        "uuid": Uuid,
        "created_at": Timestamp,
        "modified_at": Timestamp,
        "modified_by": Annotated[Uuid, Field(description="The office that made this version.")],
        "version": VersionVector,
        "deleted": deleted,
    }
    return {name: types[name] for name in META_FIELDS}


def _typed_dict(name: str, fields: dict[str, Any], doc: str, *, total: bool = True) -> Any:
    typed = TypedDict(name, fields, total=total)  # type: ignore[misc]  # built from the entity specs
    typed.__doc__ = doc
    typed.__pydantic_config__ = _STRICT  # type: ignore[attr-defined]
    return typed


def _array(*items: Any) -> Any:
    """A fixed-length JSON array: checked as a tuple whose items stay strict, read from
    a list too, and handed on as a list (as JSON reads it everywhere else)."""
    return Annotated[tuple[items], Strict(False), AfterValidator(list)]  # type: ignore[valid-type]


_Dot: Any = Annotated[
    _array(Uuid, Counter, Timestamp),
    Field(description="A write: [office UUID, that office's counter, UTC time]."),
]


def _field_versions_type(spec: EntitySpec) -> Any:
    """`field_versions` of a record of `spec` (catalogue/field_merge.py encodes it)."""
    name = spec.label.replace(" ", "")
    field_name: Any = Literal.__getitem__(spec.field_names)  # built from the entity specs
    side_counter = Annotated[int, Field(ge=0, le=MAX_COUNTER)]
    others = {
        field.name: Annotated[
            list[_array(Uuid | None, side_counter, str, _field_type(field))],  # type: ignore[misc]
            Field(min_length=1, max_length=MAX_OFFICES),
        ]
        for field in spec.fields
    }
    conflicts = _typed_dict(
        f"{name}FieldConflicts", others,
        "Per field in conflict: the other concurrent values, [office, counter, time, value].",
        total=False,
    )  # fmt: skip
    change = _array(Uuid, Counter, Timestamp, list[field_name])
    register = _array(Uuid, Counter, Timestamp, VersionVector | None)
    return _typed_dict(
        f"{name}FieldVersions",
        {
            "base": _Dot,
            "changes": Annotated[list[change], Field(max_length=len(spec.fields))],  # type: ignore[valid-type]
            "conflicts": conflicts,
            "deleted": Annotated[list[register], Field(min_length=1, max_length=MAX_OFFICES)],  # type: ignore[valid-type]
        },
        "Which write set each field: `base` for every field not named in `changes` "
        "(absent: the record's creation); the other values of fields changed concurrently; "
        "the writes to the deletion register (a deletion with its version vector, or a "
        "restore with null). Absent in format 1.",
        total=False,
    )


def _record_type(spec: EntitySpec, variant: str) -> Any:
    """A record of `spec` as a bundle section holds it.

    variant "record": a current, live version, its links in the `links` section;
    "tombstone": a current version that is a deletion, tagged with its entity;
    "conflict": another side of a conflict, links inline, tagged with its entity.
    """
    name = spec.label.replace(" ", "")
    fields: dict[str, Any] = {}
    if variant != "record":
        fields["entity"] = Literal[spec.name]
    deleted = {"record": Literal[False], "tombstone": Literal[True], "conflict": bool}[variant]
    fields.update(_meta_fields(deleted))
    for field in spec.fields:
        if field.kind == Kind.LINKS and variant != "conflict":
            continue  # travels in the payload's `links`
        fields[field.name] = _field_type(field)
    fields["field_versions"] = NotRequired[_field_versions_type(spec)]
    docs = {
        "record": f"A {spec.label.lower()} (current version, not deleted).",
        "tombstone": f"A deleted {spec.label.lower()}: its last values, kept so that an old "
        "bundle cannot bring it back.",
        "conflict": f"Another side of a conflict on a {spec.label.lower()}: a version "
        "concurrent with the current one, links inline.",
    }
    suffix = {"record": "", "tombstone": "Tombstone", "conflict": "Conflict"}[variant]
    return _typed_dict(f"{name}{suffix}", fields, docs[variant])


def _tagged_union(variant: str) -> Any:
    members = tuple(_record_type(spec, variant) for spec in ENTITIES.values())
    return Annotated[members[0] | members[1] | members[2], Field(discriminator="entity")]


Link = _typed_dict(
    "Link",
    {
        "type": Literal[tuple(LINK_TYPES)],
        "from": Annotated[Uuid, Field(description="The conference or project.")],
        "to": Annotated[Uuid, Field(description="The city.")],
        "position": Annotated[int, Field(ge=0, le=MAX_LINK_POSITION)],
    },
    "A link from a record in the bundle to a city: conference_host (conference → host city) "
    "or project_city (project → participating city); `position` orders them.",
)

AliasItem = _typed_dict(
    "Alias",
    {
        "entity": EntityName,
        "alias_uuid": Annotated[Uuid, Field(description="The UUID merged away.")],
        "target_uuid": Annotated[Uuid, Field(description="The record it was merged into.")],
        "office_uuid": Annotated[Uuid, Field(description="The office that merged them.")],
        "created_at": Timestamp,
        "version": VersionVector,
    },
    "Two records found to be one: references to alias_uuid now mean target_uuid.",
)

_payload_fields: dict[str, Any] = {
    spec.plural: list[_record_type(spec, "record")]  # type: ignore[misc]
    for spec in ENTITIES.values()
}
_payload_fields.update(
    {
        "tombstones": list[_tagged_union("tombstone")],  # type: ignore[misc]
        "conflicts": list[_tagged_union("conflict")],  # type: ignore[misc]
        "links": list[Link],  # type: ignore[valid-type]
        "aliases": list[AliasItem],  # type: ignore[valid-type]
    }
)
Payload = _typed_dict(
    "Payload", _payload_fields, "What the bundle carries: versions of records, links, aliases."
)


class OfficeRef(BaseModel):
    """The office that made and signed the bundle."""

    model_config = _STRICT

    uuid: Uuid
    name: Annotated[str, Field(min_length=1, max_length=200)]
    public_key: Annotated[
        str,
        Field(
            pattern=r"^([A-Za-z0-9+/]{43}=)?$",
            description="Raw Ed25519 public key, base64; empty only in the shipped starter.",
        ),
    ]


class Manifest(BaseModel):
    """Who made the bundle, when, what it holds, and the proof that it is intact."""

    model_config = _STRICT

    format: Literal["ccn-bundle"]
    format_version: Annotated[int, Field(ge=1, le=max(READABLE_VERSIONS))]
    bundle_uuid: Uuid
    app_version: Annotated[str, Field(min_length=1, max_length=40)]
    office: OfficeRef
    created_at: Timestamp
    scope: Literal["full", "for-office", "starter"]
    for_office: Annotated[
        Uuid | None, Field(description="With scope for-office: the office it was made for.")
    ] = None
    knowledge: Knowledge
    counts: dict[Literal[SECTIONS], Annotated[int, Field(ge=0, le=MAX_COUNTER)]]  # type: ignore[valid-type]
    payload_sha256: Annotated[
        str,
        Field(
            pattern=r"^[0-9a-f]{64}$",
            description="SHA-256 of the payload in the same canonical form as the signature.",
        ),
    ]
    signature: Annotated[
        str,
        Field(
            pattern=r"^([A-Za-z0-9+/]{86}==)?$",
            description="Ed25519 signature, base64, of the canonical manifest without this "
            "field (RFC 8785 from format version 2; sorted keys without spaces, as Python's "
            "json.dumps writes them, in format version 1); empty only in the shipped starter.",
        ),
    ]


class Bundle(BaseModel):
    """A whole bundle file."""

    model_config = _STRICT

    manifest: Manifest
    payload: Payload  # type: ignore[valid-type]


@cache
def payload_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(Payload)


def bundle_json_schema() -> dict[str, Any]:
    """The JSON Schema shipped as `resources/bundle.schema.json`."""
    schema = Bundle.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ccn-desktop.unesco.org/schema/ccn-bundle-{FORMAT_VERSION}.json",
        "title": f"CCN Desktop bundle, format version {FORMAT_VERSION}",
        **{key: value for key, value in schema.items() if key != "title"},
    }
