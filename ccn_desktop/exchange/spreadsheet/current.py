"""The catalogue's records as a sheet compares them: one plain SELECT per table.

Export and import read every record of an entity; the ORM would cost more than the
spreadsheet library itself, so the rows are read with plain SQL (as the bundle
planner does) and shaped like snapshots: list fields as lists, dates as ISO text,
links as lists of city UUIDs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pydantic_core
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.duplicates import duplicate_key
from ccn_desktop.catalogue.entities import ENTITIES, TEXT_KINDS, Kind
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import LINK_TABLES, RECORD_MODELS
from ccn_desktop.catalogue.peek import order_by
from ccn_desktop.i18n import _


@dataclass
class Current:
    """One record as stored: its row id, whether it is deleted, and its field values."""

    row_id: int
    deleted: bool
    values: dict[str, Any]


_KEY_FIELDS = {"city": ("name", "country_code", "creative_field"), "conference": ("year",),
               "project": ("title",)}  # fmt: skip


class Table:
    """Every record of an entity (deleted ones too), held column by column.

    Comparing a sheet of 100,000 rows with the catalogue goes column by column
    (`column`); one record is looked at as a `Current` (`get`, `[uuid]`).
    """

    def __init__(
        self, uuids: Sequence[str], row_ids: Sequence[int], deleted: list[bool],
        columns: dict[str, Sequence[Any]],
    ) -> None:  # fmt: skip
        self.uuids = uuids
        self.row_ids = row_ids
        self.deleted = deleted
        self.columns = columns

    @functools.cached_property
    def position(self) -> dict[str, int]:
        """Each UUID's place (not needed to export a whole table)."""
        return dict(zip(self.uuids, range(len(self.uuids)), strict=True))

    def __len__(self) -> int:
        return len(self.uuids)

    def __contains__(self, uuid: object) -> bool:
        return uuid in self.position

    def get(self, uuid: str) -> Current | None:
        index = self.position.get(uuid)
        if index is None:
            return None
        values = {name: column[index] for name, column in self.columns.items()}
        return Current(self.row_ids[index], self.deleted[index], values)

    def __getitem__(self, uuid: str) -> Current:
        found = self.get(uuid)
        if found is None:
            raise KeyError(uuid)
        return found

    def column(self, name: str, positions: Sequence[int]) -> list[Any]:
        """The stored values of field `name` at `positions`."""
        return list(map(self.columns[name].__getitem__, positions))

    def live_keys(self, entity: str) -> dict[tuple[Any, ...], list[str]]:
        """Duplicate keys (catalogue/duplicates.py) of the records not deleted."""
        names = _KEY_FIELDS[entity]
        keys: dict[tuple[Any, ...], list[str]] = {}
        columns = [self.columns[name] for name in names]
        for index, uuid in enumerate(self.uuids):
            if self.deleted[index]:
                continue
            key = duplicate_key(entity, {n: c[index] for n, c in zip(names, columns, strict=True)})
            if key is not None:
                keys.setdefault(key, []).append(uuid)
        return keys


def read_current(session: Session, entity: str, *, live_in_order: bool = False) -> Table:
    """Every record of `entity` (deleted ones too); or, `live_in_order`, the live records in
    the window's order (an export of the whole table).

    A text column holds "" for a missing text (COALESCE in the SELECT), never None.
    """
    spec = ENTITIES[entity]
    stored = [field for field in spec.fields if field.kind != Kind.LINKS]
    table = RECORD_MODELS[entity].__tablename__
    names = ", ".join(
        f"COALESCE({field.name}, '')" if field.kind in TEXT_KINDS else field.name
        for field in stored
    )
    query = f"SELECT uuid, id, deleted, {names} FROM {table}"
    if live_in_order:
        # "+deleted": not by the index of `deleted`, so that SQLite walks the index of
        # the order (when it has one) instead of sorting every row in a temporary tree.
        query += f" WHERE +deleted = 0 ORDER BY {order_by(entity, _columns(entity))}"
    cursor = session.connection().connection.cursor()
    try:
        rows = cursor.execute(query).fetchall()
        links = _links(cursor, entity)
    finally:
        cursor.close()
    by_column: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * (3 + len(stored))
    columns: dict[str, Sequence[Any]] = {}
    for field, values in zip(stored, by_column[3:], strict=True):
        if field.kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
            columns[field.name] = json_lists(values)
        else:
            columns[field.name] = values
    row_ids = by_column[1]
    for field in spec.fields:
        if field.kind == Kind.LINKS:
            found = links[field.name]
            columns[field.name] = [found.get(row_id, []) for row_id in row_ids]
    return Table(by_column[0], row_ids, list(map(bool, by_column[2])), columns)


def json_lists(texts: Sequence[str | None]) -> list[list[Any]]:
    """The stored JSON lists of a column, read as one JSON array (a single call instead
    of one per record); one by one if that array is not exactly one list per text."""
    loads = pydantic_core.from_json  # far quicker than json.loads on many small texts
    try:
        whole = loads("[" + ",".join([text or "[]" for text in texts]) + "]")
    except ValueError:
        whole = None
    if (
        isinstance(whole, list)
        and len(whole) == len(texts)
        and all(map(list.__instancecheck__, whole))
    ):
        return whole
    return [loads(text) if text else [] for text in texts]


def _columns(entity: str) -> set[str]:
    return {column.name for column in RECORD_MODELS[entity].__table__.columns}


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
