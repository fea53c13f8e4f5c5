"""The catalogue's records as a sheet compares them: one plain SELECT per table.

Export and import read every record of an entity; the ORM would cost more than the
spreadsheet library itself, so the rows are read with plain SQL (as the bundle
planner does) and shaped like snapshots: list fields as lists, dates as ISO text,
links as lists of city UUIDs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pydantic_core
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import LINK_TABLES, RECORD_MODELS
from ccn_desktop.i18n import _

_TEXT_KINDS = frozenset(
    {Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.URL, Kind.PHONE, Kind.COUNTRY, Kind.CURRENCY,
     Kind.CHOICE}
)  # fmt: skip


@dataclass
class Current:
    """One record as stored: its row id, whether it is deleted, and its field values."""

    row_id: int
    deleted: bool
    values: dict[str, Any]


def read_current(session: Session, entity: str) -> dict[str, Current]:
    """Every record of `entity` (deleted ones too), by UUID."""
    spec = ENTITIES[entity]
    stored = [field for field in spec.fields if field.kind != Kind.LINKS]
    table = RECORD_MODELS[entity].__table__.name
    names = ", ".join(field.name for field in stored)
    cursor = session.connection().connection.cursor()
    try:
        rows = cursor.execute(f"SELECT uuid, id, deleted, {names} FROM {table}").fetchall()
        links = _links(cursor, entity)
    finally:
        cursor.close()
    loads = pydantic_core.from_json  # far quicker than json.loads on many small texts
    shapers = []
    for index, field in enumerate(stored, start=3):
        if field.kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
            shapers.append((field.name, index, "list"))
        elif field.kind in _TEXT_KINDS:
            shapers.append((field.name, index, "text"))
        else:
            shapers.append((field.name, index, ""))
    link_fields = [field.name for field in spec.fields if field.kind == Kind.LINKS]
    result: dict[str, Current] = {}
    for row in rows:
        values: dict[str, Any] = {}
        for name, index, shape in shapers:
            value = row[index]
            if shape == "list":
                value = loads(value) if value and value != "[]" else []
            elif shape == "text" and value is None:
                value = ""
            values[name] = value
        row_id = row[1]
        for name in link_fields:
            values[name] = links[name].get(row_id, [])
        result[row[0]] = Current(row_id, bool(row[2]), values)
    return result


def _links(cursor: Any, entity: str) -> dict[str, dict[int, list[str]]]:
    found: dict[str, dict[int, list[str]]] = {}
    for (link_entity, field_name), (table, owner) in LINK_TABLES.items():
        if link_entity != entity:
            continue
        by_owner: dict[int, list[str]] = {}
        rows = cursor.execute(
            f"SELECT l.{owner}, c.uuid FROM {table.name} l JOIN city c ON c.id = l.city_id "
            f"ORDER BY l.{owner}, l.position"
        )
        for owner_id, city_uuid in rows:
            by_owner.setdefault(owner_id, []).append(city_uuid)
        found[field_name] = by_owner
    return found


@dataclass(frozen=True)
class CityRef:
    uuid: str
    name: str
    country_code: str
    creative_field: str


class CityBook:
    """Live cities by name: how a link is written in a cell, and read back from one.

    A name that one live city bears is written alone; otherwise with its country
    ("Valencia (ES)"), and with its field too if that is still not enough
    ("Valencia (ES, Design)").
    """

    def __init__(self, cities: Iterable[CityRef], all_uuids: Iterable[str] = ()) -> None:
        self.by_uuid: dict[str, CityRef] = {}
        self.all_uuids = set(all_uuids)  # deleted cities too: a link may still name one
        self._by_name: dict[str, list[CityRef]] = {}
        for city in cities:
            self.by_uuid[city.uuid] = city
            self._by_name.setdefault(fold(city.name), []).append(city)

    @classmethod
    def read(cls, session: Session) -> CityBook:
        cursor = session.connection().connection.cursor()
        try:
            rows = cursor.execute(
                "SELECT uuid, name, country_code, creative_field, deleted FROM city"
            ).fetchall()
        finally:
            cursor.close()
        live = (CityRef(*row[:4]) for row in rows if not row[4])
        return cls(live, (row[0] for row in rows))

    def written(self, uuid: str) -> str:
        city = self.by_uuid.get(uuid)
        if city is None:
            return uuid  # a deleted city still linked: its UUID reads back as itself
        namesakes = self._by_name[fold(city.name)]
        if len(namesakes) == 1:
            return city.name
        same_country = [other for other in namesakes if other.country_code == city.country_code]
        if len(same_country) == 1:
            return f"{city.name} ({city.country_code})"
        return f"{city.name} ({city.country_code}, {city.creative_field})"

    def resolve(self, text: str) -> str:
        """The UUID of the city a cell names; raises LookupError with a sentence fragment."""
        name, country, field = _split_name(text)
        if text in self.all_uuids:
            return text  # a UUID written back as it was exported
        found = self._by_name.get(fold(name), [])
        if country:
            found = [city for city in found if city.country_code == country.upper()]
        if field:
            found = [city for city in found if fold(city.creative_field) == fold(field)]
        if not found:
            raise LookupError(_("no city '{name}' in this catalogue").format(name=text))
        if len(found) > 1:
            options = "; ".join(
                f"{city.name} ({city.country_code}, {city.creative_field})" for city in found[:4]
            )
            raise LookupError(
                _("'{name}' names {count} cities: write one of {options}").format(
                    name=text, count=len(found), options=options
                )
            )
        return found[0].uuid

    def names(self, uuids: Sequence[str]) -> list[str]:
        return [self.by_uuid[uuid].name for uuid in uuids if uuid in self.by_uuid]


def _split_name(text: str) -> tuple[str, str, str]:
    """'Valencia (ES, Design)' -> ('Valencia', 'ES', 'Design')."""
    text = text.strip()
    if text.endswith(")") and " (" in text:
        name, _sep, inside = text[:-1].rpartition(" (")
        parts = [part.strip() for part in inside.split(",")]
        if parts and len(parts[0]) == 2 and parts[0].isalpha() and len(parts) <= 2:
            return name.strip(), parts[0], parts[1] if len(parts) == 2 else ""
    return text, "", ""
