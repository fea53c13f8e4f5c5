"""How the exchange dialogs write values, times, sizes and counts for people.

Every view of a record's versions (the import preview, conflict review, merging)
shows field values through `value_text`, so the same value reads the same
everywhere: lists one item a line, linked cities by name, nothing as a dash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from ccn_desktop import i18n
from ccn_desktop.catalogue.entities import ENTITIES, FieldSpec, Kind
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.i18n import ngettext

EMPTY = "—"
SHORT_TEXT = 300  # characters shown in a table cell; the tooltip has the rest
DELETED_FIELD = "deleted"  # the pseudo-field "kept or deleted" of a version

# Counts of the bundle's payload sections (the engine's own words, made compact).
_SECTION_COUNTS: dict[str, Callable[[int], str]] = {
    "cities": lambda n: ngettext("{n} city", "{n} cities", n),
    "conferences": lambda n: ngettext("{n} conference", "{n} conferences", n),
    "projects": lambda n: ngettext("{n} project", "{n} projects", n),
    "tombstones": lambda n: ngettext("{n} deletion", "{n} deletions", n),
    "conflicts": lambda n: ngettext(
        "{n} other side of a conflict", "{n} other sides of conflicts", n
    ),
    "links": lambda n: ngettext("{n} link", "{n} links", n),
    "aliases": lambda n: ngettext("{n} merge", "{n} merges", n),
}
_RECORD_SECTIONS = ("cities", "conferences", "projects", "tombstones", "conflicts", "aliases")

CityNames = Callable[[Sequence[str]], Mapping[str, str]]


def tr(text: str) -> str:
    return QCoreApplication.translate("Exchange", text)


def ntr(singular: str, plural: str, count: int) -> str:
    """The form for `count` by the language's plural rule, `{count}` filled in."""
    return ngettext(singular, plural, count).format(count=i18n.number(count))


def value_text(spec: FieldSpec | None, value: Any, city_names: CityNames | None = None) -> str:
    """The whole value as text (lists one item a line); `spec` None means the deleted flag."""
    if spec is None:
        return tr("Deleted") if value else tr("Kept")
    if value is None or value == "" or value == []:
        return EMPTY
    if spec.kind == Kind.LINKS:
        names = city_names(list(value)) if city_names is not None else {}
        return "\n".join(names.get(uuid) or uuid for uuid in value)
    if spec.is_list:
        return "\n".join(str(item) for item in value)
    if spec.kind == Kind.FLOAT and isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)


def short(text: str, limit: int = SHORT_TEXT) -> str:
    """A cell's text: at most `limit` characters, and at most eight lines."""
    lines = text.split("\n")
    if len(lines) > 8:
        text = "\n".join([*lines[:8], "…"])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_spec(entity: str, name: str) -> FieldSpec | None:
    return None if name == DELETED_FIELD else ENTITIES[entity].field(name)


def field_label(entity: str, name: str) -> str:
    spec = field_spec(entity, name)
    return tr("Kept or deleted") if spec is None else tr(spec.label)


def when_text(iso: str | None) -> str:
    """A stored UTC time in the computer's time zone: `2026-11-23 10:30`."""
    if not iso:
        return EMPTY
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size)


def counts_text(counts: Mapping[str, int]) -> str:
    """'406 cities, 16 conferences, 2 deletions' — the sections that hold something."""
    parts = []
    for name in _RECORD_SECTIONS:
        number = counts.get(name, 0)
        if number:
            parts.append(_SECTION_COUNTS[name](number).format(n=i18n.number(number)))
    return ", ".join(parts) or tr("nothing")


def entity_label(entity: str, number: int = 1) -> str:
    spec = ENTITIES[entity]
    return tr(spec.label if number == 1 else spec.label_plural)


class CityNameBook:
    """Names of cities for link fields: those a bundle carries, then the catalogue's."""

    def __init__(self, catalogue: Catalogue, known: Mapping[str, str] | None = None) -> None:
        self._catalogue = catalogue
        self._names: dict[str, str] = dict(known or {})

    def add(self, snapshots: Iterable[Mapping[str, Any]]) -> None:
        for snapshot in snapshots:
            if snapshot.get("name"):
                self._names.setdefault(str(snapshot["uuid"]), str(snapshot["name"]))

    def __call__(self, uuids: Sequence[str]) -> dict[str, str]:
        missing = [uuid for uuid in uuids if uuid not in self._names]
        if missing:
            for snapshot in self._catalogue.get_many("city", missing):
                self._names[snapshot["uuid"]] = snapshot["name"]
        return {uuid: self._names[uuid] for uuid in uuids if uuid in self._names}


def office_namer(catalogue: Catalogue) -> Callable[[str], str]:
    """Office UUID -> how to name it: this office, a known office, or the UUID's start."""
    from ccn_desktop.exchange.offices import known_offices

    names = {office.uuid: office.name for office in known_offices(catalogue)}
    own = catalogue.office

    def name(uuid: str) -> str:
        if uuid == own.uuid:
            return tr("{name} (this office)").format(name=own.name)
        return names.get(uuid) or tr("office {uuid}").format(uuid=uuid[:8])

    return name
