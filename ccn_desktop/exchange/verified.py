"""A bundle once checked: its manifest, its payload, and each record version in it.

Parsing (verify.py) makes one, the consistency checks (consistency.py) and the import
plan read it; kept apart so that what a checked bundle *is* does not live inside the
code that checks it. Every version gets its link fields filled in from the bundle's
`links`, so that every version has every field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ccn_desktop.catalogue.entities import ENTITIES, LINK_TYPES
from ccn_desktop.catalogue.identity import fingerprint
from ccn_desktop.exchange.format import RECORD_SECTIONS, SECTIONS, Manifest

_ENTITY_OF_SECTION = {spec.plural: spec.name for spec in ENTITIES.values()}


class Version(NamedTuple):
    """One record version in a bundle, and where it sits (for messages)."""

    entity: str
    section: str  # cities / tombstones / conflicts …
    index: int  # type: ignore[assignment]  # a field named like tuple.index, read by name
    record: dict[str, Any]  # link fields filled in for every version

    @property
    def path(self) -> str:
        return f"{self.section}[{self.index}]"


@dataclass
class VerifiedBundle:
    """A bundle whose format, checksum, signature and consistency have been checked."""

    manifest: Manifest
    payload: dict[str, list[dict[str, Any]]]
    size: int
    path: Path | None = None
    # Link targets (city UUIDs) not in the bundle: a for-office bundle expects the
    # receiving catalogue to have them; the plan checks.
    outside_references: dict[str, str] = field(default_factory=dict)  # uuid -> where
    _versions: list[Version] | None = field(default=None, repr=False)

    @property
    def office_uuid(self) -> str:
        return self.manifest.office.uuid

    @property
    def office_name(self) -> str:
        return self.manifest.office.name

    @property
    def public_key(self) -> str:
        return self.manifest.office.public_key

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key) if self.public_key else ""

    @property
    def bundle_uuid(self) -> str:
        return self.manifest.bundle_uuid

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(self.payload[name]) for name in SECTIONS}

    def versions(self) -> list[Version]:
        """Every record version: current ones (live and deleted), then conflicts' other sides.

        Each record gets its link fields (from `links`) in place, so that every version
        has every field; tombstones and other sides keep their `entity` key.
        """
        if self._versions is None:
            self._versions = list(self._each_version())
        return self._versions

    def _each_version(self) -> Iterator[Version]:
        links = _links_by_owner(self.payload["links"])
        for section in RECORD_SECTIONS:
            entity = _ENTITY_OF_SECTION[section]
            fields = LINK_FIELDS_OF.get(entity, ())
            for index, record in enumerate(self.payload[section]):
                for link_type, field_name in fields:
                    record[field_name] = links.get((link_type, record["uuid"]), [])
                yield Version(entity, section, index, record)
        for index, record in enumerate(self.payload["tombstones"]):
            for link_type, field_name in LINK_FIELDS_OF.get(record["entity"], ()):
                record[field_name] = links.get((link_type, record["uuid"]), [])
            yield Version(record["entity"], "tombstones", index, record)
        for index, record in enumerate(self.payload["conflicts"]):
            yield Version(record["entity"], "conflicts", index, record)


def _links_by_owner(links: list[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """{(link type, owner UUID): [city UUID, …] in position order}."""
    ordered: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for link in links:
        ordered.setdefault((link["type"], link["from"]), []).append((link["position"], link["to"]))
    return {key: [to for _, to in sorted(items)] for key, items in ordered.items()}


# {entity: [(link type, field name), …]}: the link fields each kind of record has.
LINK_FIELDS_OF: dict[str, list[tuple[str, str]]] = {}
for _type, (_entity, _field) in LINK_TYPES.items():
    LINK_FIELDS_OF.setdefault(_entity, []).append((_type, _field))
