"""Import: each incoming version as it will be stored (the form's rules, links resolved).

Every version an import stores — and every other value of a field in conflict that it
carries — passes the same rules as a form (`catalogue.validation.clean`), and a link
must name a city in the bundle or in the catalogue. A version that carries field
versions may be a field-level merge made in another office, which a rule between
fields need not hold for: it is flagged for review rather than refused. The first
problem refuses the whole bundle.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ccn_desktop.catalogue import aliases as alias_rules
from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.verified import VerifiedBundle, Version
from ccn_desktop.i18n import _

META = ("uuid", "created_at", "modified_at", "modified_by", "version", "deleted")
LINK_FIELDS = {
    entity: [spec.name for spec in ENTITIES[entity].fields if spec.kind == Kind.LINKS]
    for entity in ENTITIES
}


def link_values(version: Version) -> Iterator[str]:
    """Every city UUID a version's link fields name, its fields' other values included."""
    names = LINK_FIELDS[version.entity]
    for field_name in names:
        yield from version.record[field_name]
    conflicts = (version.record.get("field_versions") or {}).get("conflicts", {})
    for field_name in names:
        for *_dot, value in conflicts.get(field_name, ()):
            yield from value


def resolved(entity: str, snapshot: dict[str, Any], city_map: Mapping[str, str]) -> dict[str, Any]:
    """A snapshot with its link values (shown and other) naming the cities kept."""
    result = dict(snapshot)
    encoded = dict(result.get("field_versions") or {})
    conflicts = dict(encoded.get("conflicts", {}))
    for field_name in LINK_FIELDS[entity]:
        result[field_name] = alias_rules.resolve_list(city_map, result[field_name])
        if field_name in conflicts:
            conflicts[field_name] = [
                [*dot, alias_rules.resolve_list(city_map, value)]
                for *dot, value in conflicts[field_name]
            ]
    if conflicts:
        result["field_versions"] = encoded | {"conflicts": conflicts}
    return result


def checked(
    version: Version,
    city_map: Mapping[str, str],
    known_cities: set[str],
    bundle: VerifiedBundle,
) -> dict[str, Any]:
    """The version as it will be stored: the form's rules applied, links resolved; the
    other values of its fields (`field_versions.conflicts`) too."""
    record = version.record
    spec = ENTITIES[version.entity]
    values = {name: record[name] for name in spec.field_names}
    # A version with field versions may be a field-level merge made elsewhere, which a rule
    # between fields need not hold for (it is flagged for review); a format 1 version is whole.
    merged_elsewhere = record.get("field_versions") is not None
    cleaned, problems = clean(version.entity, values, across=not merged_elsewhere)
    if problems:
        problem = problems[0]
        raise BundleError(
            _("The bundle is not valid at {path}.{field}: {message}.").format(
                path=version.path, field=problem.field, message=problem.message
            ),
            f"{version.path}.{problem.field}",
        )
    for field_name in LINK_FIELDS[version.entity]:
        _check_targets(version, field_name, cleaned[field_name], city_map, known_cities, bundle)
        cleaned[field_name] = alias_rules.resolve_list(city_map, cleaned[field_name])
    result = {name: record[name] for name in META} | cleaned
    encoded = record.get("field_versions")
    if encoded is not None:
        result["field_versions"] = _field_versions(
            version, encoded, cleaned, city_map, known_cities, bundle
        )
    return result


def _field_versions(
    version: Version,
    encoded: Mapping[str, Any],
    cleaned: dict[str, Any],
    city_map: Mapping[str, str],
    known_cities: set[str],
    bundle: VerifiedBundle,
) -> dict[str, Any]:
    """`field_versions` as stored: each other value of a field passes the form's rules
    in its record (so two offices' values of a field are each a value a form accepts)."""
    result = {key: value for key, value in encoded.items() if key != "conflicts"}
    conflicts: dict[str, list[list[Any]]] = {}
    for field_name, others in encoded.get("conflicts", {}).items():
        kept = []
        for index, (office, counter, at, value) in enumerate(others):
            where = f"{version.path}.field_versions.conflicts.{field_name}[{index}]"
            checked, problems = clean(version.entity, cleaned | {field_name: value}, across=False)
            problem = next((p for p in problems if p.field == field_name), None)
            if problem is not None:
                raise BundleError(
                    _("The bundle is not valid at {where}: {message}.").format(
                        where=where, message=problem.message
                    ),
                    where,
                )
            value = checked[field_name]
            if field_name in LINK_FIELDS[version.entity]:
                _check_targets(version, field_name, value, city_map, known_cities, bundle, where)
                value = alias_rules.resolve_list(city_map, value)
            kept.append([office, counter, at, value])
        conflicts[field_name] = kept
    if conflicts:
        result["conflicts"] = conflicts
    return result


def _check_targets(
    version: Version,
    field_name: str,
    targets: Sequence[str],
    city_map: Mapping[str, str],
    known_cities: set[str],
    bundle: VerifiedBundle,
    where: str | None = None,
) -> None:
    for target in targets:
        if city_map.get(target, target) not in known_cities and target not in known_cities:
            where = where or _link_place(bundle, version, field_name, target)
            raise BundleError(
                _(
                    "The bundle is not valid at {where}: city {target} is neither in the "
                    "bundle nor in this catalogue."
                ).format(where=where, target=target),
                where,
            )


def _link_place(bundle: VerifiedBundle, version: Version, field_name: str, target: str) -> str:
    if version.section == "conflicts":
        return f"{version.path}.{field_name}"
    for index, link in enumerate(bundle.payload["links"]):
        if link["from"] == version.record["uuid"] and link["to"] == target:
            return f"links[{index}].to"
    return f"{version.path}.{field_name}"  # pragma: no cover - every link has its entry
