"""A bundle's own consistency, and the form's rules over every version in it.

Once a bundle parses and its signature holds, what it says must still hang together
before anything is compared with a catalogue: the manifest's counts match, dates are
real and not in the future, each version vector names the office that wrote it and
stays within the manifest's knowledge (field versions too), a UUID appears once,
another side of a conflict differs from the rest, aliases and links name records
the bundle holds (or, for a for-office bundle, noted as outside references).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ccn_desktop.catalogue.entities import ENTITIES, LINK_TYPES
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.format import SECTIONS
from ccn_desktop.exchange.verified import LINK_FIELDS_OF, VerifiedBundle, Version
from ccn_desktop.i18n import _, number

EARLIEST = "2000-01-01T00:00:00.000000+00:00"
CLOCK_TOLERANCE = dt.timedelta(days=1)


def check_record_rules(bundle: VerifiedBundle) -> None:
    """Apply the form's rules (`catalogue.validation.clean`) to every version in the bundle.

    An import applies them to the versions it stores; `verify` applies them to all, so
    that a bundle checked on any machine will not be refused for a value later.
    """
    for version in bundle.versions():
        values = {name: version.record[name] for name in ENTITIES[version.entity].field_names}
        _cleaned, problems = clean(version.entity, values)
        if problems:
            where = f"{version.path}.{problems[0].field}"
            raise BundleError(
                _("The bundle is not valid at {where}: {message}.").format(
                    where=where, message=problems[0].message
                ),
                where,
            )


def _problem(path: str, message: str) -> BundleError:
    return BundleError(
        _("The bundle is not valid at {path}: {message}.").format(path=path, message=message), path
    )


def check_consistency(bundle: VerifiedBundle) -> None:
    """Everything the bundle says hangs together (see the module docstring); the first
    problem raises BundleError naming its place."""
    manifest, payload = bundle.manifest, bundle.payload
    for name in SECTIONS:
        stated = manifest.counts.get(name)
        if stated is not None and stated != len(payload[name]):
            raise _problem(
                f"manifest.counts.{name}",
                _("says {stated} but the bundle holds {count}").format(
                    stated=number(stated), count=number(len(payload[name]))
                ),
            )
    now = dt.datetime.now(dt.UTC)
    latest = (now + CLOCK_TOLERANCE).isoformat(timespec="microseconds")
    _check_time("manifest.created_at", manifest.created_at, latest)
    knowledge = manifest.knowledge
    # Paths are only written out for a message: this loop runs once per record.
    current: dict[str, dict[str, Version]] = {name: {} for name in ENTITIES}
    everything: dict[str, set[str]] = {name: set() for name in ENTITIES}
    sides: dict[tuple[str, str], list[Version]] = {}
    for version in bundle.versions():
        record = version.record
        for name in ("created_at", "modified_at"):
            problem = _time_problem(record[name], latest)
            if problem:
                raise _problem(f"{version.path}.{name}", problem)
        vector = record["version"]
        if record["modified_by"] not in vector:
            raise _problem(
                f"{version.path}.version", _("does not include the office that made this version")
            )
        problem = _knowledge_problem(vector, knowledge)
        if problem:
            raise _problem(f"{version.path}.version", problem)
        encoded = record.get("field_versions")
        if encoded is not None:
            _check_field_versions(version.path, encoded, vector, latest)
        uuid = record["uuid"]
        if version.section != "conflicts":
            other = current[version.entity].get(uuid)
            if other is not None:
                raise _problem(
                    f"{version.path}.uuid",
                    _("{uuid} appears twice in this bundle ({path})").format(
                        uuid=uuid, path=other.path
                    ),
                )
            current[version.entity][uuid] = version
        else:  # another side must differ from the version shown and from the other sides
            same = [current[version.entity].get(uuid), *sides.get((version.entity, uuid), [])]
            first = next((v for v in same if v is not None and v.record["version"] == vector), None)
            if first is not None:
                raise _problem(
                    version.path,
                    _("the same version of {uuid} appears twice ({path})").format(
                        uuid=uuid, path=first.path
                    ),
                )
            sides.setdefault((version.entity, uuid), []).append(version)
        everything[version.entity].add(uuid)
    _check_aliases(bundle, everything, latest)
    _check_links(bundle, current, everything)


def _check_field_versions(
    path: str, encoded: dict[str, Any], vector: dict[str, int], latest: str
) -> None:
    """Every write named in `field_versions` is one the version has seen, at a real time,
    and a field is named by one write only (catalogue/field_merge.py)."""
    where = f"{path}.field_versions"
    dots: list[tuple[str, Any]] = []
    if "base" in encoded:
        dots.append((f"{where}.base", encoded["base"]))
    named: set[str] = set()
    for index, (*dot, names) in enumerate(encoded.get("changes", ())):
        dots.append((f"{where}.changes[{index}]", dot))
        twice = named.intersection(names) or (len(set(names)) < len(names) and names)
        if twice:
            raise _problem(f"{where}.changes[{index}]", "names a field twice")
        named.update(names)
    for name, others in encoded.get("conflicts", {}).items():
        for index, (*dot, _value) in enumerate(others):
            if dot[0] is not None:
                dots.append((f"{where}.conflicts.{name}[{index}]", dot))
    for index, (*dot, context) in enumerate(encoded.get("deleted", ())):
        dots.append((f"{where}.deleted[{index}]", dot))
        if context is not None and not all(
            vector.get(office, 0) >= counter for office, counter in context.items()
        ):
            raise _problem(f"{where}.deleted[{index}]", "names a version this one has not seen")
    for place, (office, counter, at) in dots:
        if vector.get(office, 0) < counter:
            raise _problem(place, "names a write the record's version vector does not include")
        problem = _time_problem(at, latest) if at else ""
        if problem:
            raise _problem(place, problem)


def _time_problem(value: str, latest: str) -> str:
    if value > latest:
        return _("{value} is in the future; the clock of the office that made it is wrong").format(
            value=value[:10]
        )
    if value < EARLIEST:
        return _("{value} is before 2000; the date is wrong").format(value=value[:10])
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return _("{value} is not a real date and time").format(value=value)
    return ""


def _knowledge_problem(vector: dict[str, int], knowledge: dict[str, int]) -> str:
    for office, counter in vector.items():
        if counter > knowledge.get(office, 0):
            return _(
                "counter {counter} of office {office} is beyond the manifest's knowledge"
            ).format(counter=counter, office=office)
    return ""


def _check_time(path: str, value: str, latest: str) -> None:
    problem = _time_problem(value, latest)
    if problem:
        raise _problem(path, problem)


def _check_known(path: str, vector: dict[str, int], knowledge: dict[str, int]) -> None:
    problem = _knowledge_problem(vector, knowledge)
    if problem:
        raise _problem(path, problem)


def _check_aliases(bundle: VerifiedBundle, everything: dict[str, set[str]], latest: str) -> None:
    complete = bundle.manifest.scope != "for-office"
    seen: dict[tuple[str, str], str] = {}
    for index, alias in enumerate(bundle.payload["aliases"]):
        path = f"aliases[{index}]"
        _check_time(f"{path}.created_at", alias["created_at"], latest)
        _check_known(f"{path}.version", alias["version"], bundle.manifest.knowledge)
        if alias["office_uuid"] not in alias["version"]:
            raise _problem(f"{path}.version", _("does not include the office that made the merge"))
        pair = (alias["alias_uuid"], alias["target_uuid"])
        if pair[0] == pair[1]:
            raise _problem(f"{path}.target_uuid", _("a record cannot be merged into itself"))
        if pair in seen:
            raise _problem(
                path, _("the same merge appears twice ({value})").format(value=seen[pair])
            )
        seen[pair] = path
        if complete and pair[1] not in everything[alias["entity"]]:
            raise _problem(
                f"{path}.target_uuid",
                _("no {entity} {value} in this bundle").format(
                    entity=alias["entity"], value=pair[1]
                ),
            )


def _check_links(
    bundle: VerifiedBundle,
    current: dict[str, dict[str, Version]],
    everything: dict[str, set[str]],
) -> None:
    complete = bundle.manifest.scope != "for-office"
    cities = everything["city"] | {
        alias["alias_uuid"] for alias in bundle.payload["aliases"] if alias["entity"] == "city"
    }
    seen_targets: dict[tuple[str, str, str], int] = {}
    seen_positions: dict[tuple[str, str, int], int] = {}
    for index, link in enumerate(bundle.payload["links"]):
        path = f"links[{index}]"
        owner_entity, _field = LINK_TYPES[link["type"]]
        if link["from"] not in current[owner_entity]:
            raise _problem(
                f"{path}.from",
                _("no {owner_entity} {from_} in this bundle").format(
                    owner_entity=owner_entity, from_=link["from"]
                ),
            )
        target_key = (link["type"], link["from"], link["to"])
        if target_key in seen_targets:
            raise _problem(
                path,
                _("the same link appears twice (links[{value}])").format(
                    value=seen_targets[target_key]
                ),
            )
        seen_targets[target_key] = index
        position_key = (link["type"], link["from"], link["position"])
        if position_key in seen_positions:
            first = seen_positions[position_key]
            raise _problem(
                f"{path}.position",
                _("position {position} is used twice (links[{first}])").format(
                    position=link["position"], first=first
                ),
            )
        seen_positions[position_key] = index
        _check_target(bundle, f"{path}.to", link["to"], cities, complete)
    for index, record in enumerate(bundle.payload["conflicts"]):
        for _type, field_name in LINK_FIELDS_OF.get(record["entity"], []):
            for position, target in enumerate(record[field_name]):
                where = f"conflicts[{index}].{field_name}[{position}]"
                _check_target(bundle, where, target, cities, complete)


def _check_target(
    bundle: VerifiedBundle, path: str, target: str, cities: set[str], complete: bool
) -> None:
    if target in cities:
        return
    if complete:
        raise _problem(path, _("no city {target} in this bundle").format(target=target))
    bundle.outside_references.setdefault(target, path)
