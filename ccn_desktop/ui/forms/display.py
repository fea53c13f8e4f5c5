"""Field values as a person reads them (history, comparisons): one function, every kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from ccn_desktop.catalogue.country_names import local_country_name, shown_country
from ccn_desktop.catalogue.entities import EntitySpec, FieldSpec, Kind
from ccn_desktop.ui.forms.editors import format_decimal


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


def _bullets(items: Iterable[str]) -> str:
    """One entry a line, each marked, so that wrapped entries stay apart."""
    return "\n".join(f"• {item}" for item in items)


def display_value(
    spec: FieldSpec, value: Any, city_label: Callable[[str], str] | None = None
) -> str:
    """`value` of field `spec` as text: lists one marked entry a line, choices translated,
    countries named, linked cities by label (via `city_label`)."""
    if value is None or value == "" or value == []:
        return ""
    kind = spec.kind
    if kind == Kind.LINKS:
        return _bullets(city_label(item) if city_label else str(item) for item in value)
    if kind in (Kind.TEXT_LIST, Kind.DATE_LIST):
        return _bullets(str(item) for item in value)
    if kind == Kind.CHOICE:
        return _tr(str(value))
    if kind == Kind.COUNTRY:
        name = local_country_name(str(value))
        return f"{name} ({value})" if name else str(value)
    if kind == Kind.FLOAT and isinstance(value, int | float) and not isinstance(value, bool):
        return format_decimal(value)
    return str(value)


def city_labeller(
    catalogue: Any, entity: EntitySpec, snapshots: list[Mapping[str, Any]]
) -> Callable[[str], str]:
    """A label function for every city the snapshots link to, fetched in one query."""
    uuids: list[str] = []
    for snapshot in snapshots:
        for spec in entity.fields:
            if spec.kind == Kind.LINKS:
                uuids.extend(snapshot.get(spec.name) or [])
    names = {
        snap["uuid"]: "{name} ({country})".format(
            name=snap["name"],
            country=shown_country(snap.get("country") or "") or snap.get("country_code", ""),
        )
        for snap in catalogue.get_many("city", list(dict.fromkeys(uuids)))
    }
    return lambda uuid: names.get(uuid, uuid)
