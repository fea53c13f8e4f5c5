"""Read a bundle file and check everything that can be checked without a catalogue.

Order of the checks: size (before reading), UTF-8, JSON (with a nesting limit
enforced by the parser itself, so no recursion error can escape), format name and
version, manifest shape, signature, checksum, payload shape, then the bundle's
own consistency (counts, duplicate UUIDs, links, aliases, version vectors,
dates). The first failure becomes one `BundleError` sentence naming the place
(`cities[12].designation_year`). Nothing here writes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pydantic_core
from pydantic import ValidationError

from ccn_desktop.catalogue.canonical import CanonicalFormError, canonical_bytes, sha256_of
from ccn_desktop.catalogue.entities import ENTITIES, LINK_TYPES
from ccn_desktop.catalogue.identity import fingerprint
from ccn_desktop.catalogue.starter import REFERENCE_RELEASE, STARTER_OFFICE_UUID
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.file_checks import path_text, read_bundle_bytes, refuse_repeated_keys
from ccn_desktop.exchange.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_BUNDLE_BYTES,
    PATTERN_WORDS,
    READABLE_VERSIONS,
    RECORD_SECTIONS,
    SECTIONS,
    Manifest,
    payload_adapter,
)
from ccn_desktop.exchange.signing import signature_matches
from ccn_desktop.i18n import _, ngettext

_BOM = b"\xef\xbb\xbf"
EARLIEST = "2000-01-01T00:00:00.000000+00:00"
CLOCK_TOLERANCE = dt.timedelta(days=1)
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
            fields = _LINK_FIELDS.get(entity, ())
            for index, record in enumerate(self.payload[section]):
                for link_type, field_name in fields:
                    record[field_name] = links.get((link_type, record["uuid"]), [])
                yield Version(entity, section, index, record)
        for index, record in enumerate(self.payload["tombstones"]):
            for link_type, field_name in _LINK_FIELDS.get(record["entity"], ()):
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


_LINK_FIELDS: dict[str, list[tuple[str, str]]] = {}
for _type, (_entity, _field) in LINK_TYPES.items():
    _LINK_FIELDS.setdefault(_entity, []).append((_type, _field))


# -- reading -------------------------------------------------------------------------


def read_bundle(path: Path | str, *, allow_starter: bool = False) -> VerifiedBundle:
    """Read and check the bundle at `path`; raises BundleError with one sentence."""
    path = Path(path)
    data = read_bundle_bytes(path)
    with collector_paused():
        bundle = parse_bundle(data, allow_starter=allow_starter)
    bundle.path = path
    return bundle


_PEEK_BYTES = 1024 * 1024  # a manifest of 10,000 offices' knowledge is about 600 KB


def read_manifest(path: Path | str, *, whole: bool = False) -> Manifest:
    """The manifest of the bundle at `path`, its format, shape and signature checked, read
    from the head of the file when it is laid out as export writes it (else the whole
    bundle is read and checked). For sorting many bundles quickly (a sync folder).

    The payload is NOT checked (`read_bundle` does that before anything is imported),
    unless `whole`: then its checksum is compared with the bytes as written, without
    parsing them — whether a file is still whole and unaltered."""
    path = Path(path)
    try:
        if not path.is_file():
            return read_bundle(path).manifest  # says what it is instead
        with path.open("rb") as handle:
            data = handle.read(MAX_BUNDLE_BYTES + 1 if whole else _PEEK_BYTES)
    except OSError:
        return read_bundle(path).manifest
    data = data[len(_BOM) :] if data.startswith(_BOM) else data
    end = data.find(_SEPARATOR, len(_HEAD)) if data.startswith(_HEAD) else -1
    if end >= 0:
        raw_bytes = data[len(_HEAD) : end]
        try:
            raw = pydantic_core.from_json(raw_bytes, allow_inf_nan=False)
            version = raw.get("format_version") if isinstance(raw, dict) else None
            if type(version) is int and canonical_bytes(raw, version) == raw_bytes:
                _check_format(raw)
                manifest = _check_manifest(raw)
                _check_signature(manifest, raw, allow_starter=False)
                if not whole or _payload_as_signed(data, end, manifest):
                    return manifest
        except (ValueError, BundleError):
            pass
    return read_bundle(path).manifest


def _payload_as_signed(data: bytes, end: int, manifest: Manifest) -> bool:
    tail = len(data)
    while tail and data[tail - 1] in b"\r\n":
        tail -= 1
    if data[tail - 1 : tail] != b"}":
        return False
    payload = data[end + len(_SEPARATOR) : tail - 1]
    return hashlib.sha256(payload).hexdigest() == manifest.payload_sha256


def parse_bundle(data: bytes, *, allow_starter: bool = False) -> VerifiedBundle:
    """Check a bundle given as bytes (see the module docstring for the order)."""
    size = len(data)
    data = _text(data)
    bundle = _parse_as_written(data, allow_starter=allow_starter)
    if bundle is None:
        bundle = _parse_any_layout(data, allow_starter=allow_starter)
    bundle.size = size
    _check_consistency(bundle)
    return bundle


def _text(data: bytes) -> bytes:
    """The bytes without a byte-order mark (UTF-8 is checked by the parser, see
    `_utf8_problem`)."""
    if not data or data.isspace():
        raise BundleError(_("The file is empty; it is not a bundle."))
    return data[len(_BOM) :] if data.startswith(_BOM) else data


def _utf8_problem(data: bytes) -> str:
    """The message for bytes that are not UTF-8, or "" — asked only once parsing failed,
    so a good bundle is not decoded twice."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _(
            "The file is not UTF-8 text (invalid byte at position {start}); it is not a bundle."
        ).format(start=exc.start)
    return ""


_HEAD = b'{"manifest":'
_SEPARATOR = b',"payload":'


def _parse_as_written(data: bytes, *, allow_starter: bool) -> VerifiedBundle | None:
    """The quick way through a file laid out as this program writes it; None otherwise.

    Export writes `{"manifest":M,"payload":P}` with M and P canonical. Then the
    checksum can be taken over P's bytes as they are (a quote inside a string is
    escaped, so the first `,"payload":` ends the manifest), and P parsed and checked
    in one pass, instead of parsing everything, writing P out again to hash it, and
    checking the parsed values. If the bytes do not match the signed checksum the
    file takes the general way, which says what is wrong.
    """
    end = data.find(_SEPARATOR, len(_HEAD)) if data.startswith(_HEAD) else -1
    tail = len(data)
    while tail and data[tail - 1] in b"\r\n":
        tail -= 1
    if end < 0 or data[tail - 1 : tail] != b"}":
        return None
    manifest_bytes = data[len(_HEAD) : end]
    try:
        manifest_raw = pydantic_core.from_json(manifest_bytes, allow_inf_nan=False)
        version = manifest_raw.get("format_version") if isinstance(manifest_raw, dict) else None
        if version not in READABLE_VERSIONS or type(version) is not int:
            return None
        if canonical_bytes(manifest_raw, version) != manifest_bytes:
            return None  # (a repeated key is never canonical)
    except ValueError:
        return None
    _check_format(manifest_raw)
    manifest = _check_manifest(manifest_raw)
    _check_signature(manifest, manifest_raw, allow_starter=allow_starter)
    payload_bytes = data[end + len(_SEPARATOR) : tail - 1]
    if hashlib.sha256(payload_bytes).hexdigest() != manifest.payload_sha256:
        return None
    refuse_repeated_keys(payload_bytes, "payload")
    try:
        payload = payload_adapter().validate_json(payload_bytes)
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "json_invalid" and _utf8_problem(payload_bytes):
            raise BundleError(_utf8_problem(data)) from None
        raise _schema_error(exc, "payload") from None
    return VerifiedBundle(manifest=manifest, payload=payload, size=len(data))


def _parse_any_layout(data: bytes, *, allow_starter: bool) -> VerifiedBundle:
    """Any JSON layout (pretty-printed, keys in another order): parse, then re-derive the
    canonical payload to check its checksum."""
    document = _parse_json(data)
    refuse_repeated_keys(data, "")
    manifest_raw, payload_raw = _split(document)
    manifest = _check_manifest(manifest_raw)
    _check_signature(manifest, manifest_raw, allow_starter=allow_starter)
    try:
        checksum = sha256_of(payload_raw, manifest.format_version)
    except CanonicalFormError:
        checksum = ""  # a number or text no canonical form holds: it was not what was signed
    if checksum != manifest.payload_sha256:
        raise BundleError(
            _(
                "The bundle's content does not match its checksum: the file was damaged or "
                "altered after it was made."
            )
        )
    payload = _validated_payload(payload_raw)
    del payload_raw, document
    return VerifiedBundle(manifest=manifest, payload=payload, size=len(data))


def _parse_json(data: bytes) -> Any:
    try:
        return pydantic_core.from_json(data, allow_inf_nan=False, cache_strings="keys")
    except ValueError as exc:
        raise BundleError(_utf8_problem(data) or _json_problem(str(exc))) from None


def _json_problem(detail: str) -> str:
    if "recursion limit" in detail:
        return _("The file is not a bundle: its JSON is nested too deeply.")
    if "EOF while parsing" in detail:
        return _(
            "The bundle is incomplete: the file ends in the middle of its content (was it copied "
            "completely?)."
        )
    where = detail.rsplit(" at line ", 1)
    if len(where) == 2:
        return _("The file is not a bundle: it is not valid JSON (line {line}).").format(
            line=where[1]
        )
    return _("The file is not a bundle: it is not valid JSON.")


def _split(document: Any) -> tuple[dict[str, Any], Any]:
    if not isinstance(document, dict) or not isinstance(document.get("manifest"), dict):
        raise BundleError(_("The file is JSON but not a bundle (it has no manifest)."))
    manifest = document["manifest"]
    _check_format(manifest)
    extra = sorted(set(document) - {"manifest", "payload"})
    if extra:
        raise BundleError(
            _("The bundle has an unknown part {value!r}.").format(value=extra[0][:40]),
            extra[0][:40],
        )
    if "payload" not in document:
        raise BundleError(_("The bundle has no payload."), "payload")
    return manifest, document["payload"]


def _check_format(manifest: dict[str, Any]) -> None:
    if manifest.get("format") != FORMAT_NAME:
        found = str(manifest.get("format"))[:40]
        raise BundleError(
            _(
                "The file is not a CCN bundle (its format is {found!r}, not {FORMAT_NAME!r})."
            ).format(found=found, FORMAT_NAME=FORMAT_NAME)
        )
    version = manifest.get("format_version")
    if type(version) is not int:
        raise BundleError(_("The bundle's manifest.format_version is not a whole number."))
    if version > FORMAT_VERSION:
        raise BundleError(
            _(
                "The bundle was made by a newer version of CCN Desktop (format version {version};"
                " this program reads format versions up to {FORMAT_VERSION}): update CCN Desktop "
                "to import it."
            ).format(version=version, FORMAT_VERSION=FORMAT_VERSION)
        )
    if version not in READABLE_VERSIONS:
        raise BundleError(
            _("The bundle has an unknown format version {version}.").format(version=version)
        )


def _check_manifest(raw: dict[str, Any]) -> Manifest:
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise _schema_error(exc, "manifest") from None


def _check_signature(manifest: Manifest, raw: dict[str, Any], *, allow_starter: bool) -> None:
    if manifest.scope == "starter":
        if not allow_starter:
            raise BundleError(
                _(
                    "This is the starter catalogue shipped with the program, not a bundle from an"
                    " office; it cannot be imported."
                )
            )
        if manifest.signature or manifest.office.public_key:
            raise BundleError(_("The starter catalogue must not carry a key or a signature."))
        return
    if manifest.office.uuid == STARTER_OFFICE_UUID:
        raise BundleError(
            _(
                "The bundle claims to come from the network's reference data, which only comes "
                "installed with the program; it is refused."
            ),
            "manifest.office.uuid",
        )
    release = manifest.knowledge.get(STARTER_OFFICE_UUID, 0)
    if release > REFERENCE_RELEASE:
        raise BundleError(
            _(
                "The bundle carries release {release} of the network's reference data, newer than"
                " this program's release {REFERENCE_RELEASE}: update CCN Desktop to import it."
            ).format(release=release, REFERENCE_RELEASE=REFERENCE_RELEASE),
            "manifest.knowledge",
        )
    if not manifest.signature or not manifest.office.public_key:
        raise BundleError(_("The bundle is not signed, so its origin cannot be checked."))
    if not signature_matches(raw, manifest.office.public_key, manifest.signature):
        raise BundleError(
            _(
                "The bundle's signature does not match its content: it was altered after it was "
                "signed, or it is forged."
            )
        )
    if (manifest.scope == "for-office") != (manifest.for_office is not None):
        raise BundleError(
            _(
                "The bundle's manifest.for_office must name the office exactly when its scope is "
                "for-office."
            ),
            "manifest.for_office",
        )


def _validated_payload(raw: Any) -> dict[str, list[dict[str, Any]]]:
    try:
        return payload_adapter().validate_python(raw)  # type: ignore[no-any-return]
    except ValidationError as exc:
        raise _schema_error(exc, "payload") from None


def _schema_error(exc: ValidationError, root: str) -> BundleError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    if first["type"] == "json_invalid":
        return BundleError(_json_problem(str(first.get("ctx", {}).get("error", ""))))
    location = list(first["loc"])
    # A tagged union puts the tag in the location (tombstones[3].city.name): drop it.
    if len(location) >= 3 and isinstance(location[1], int) and location[2] in ENTITIES:
        del location[2]
    where = path_text(tuple(location))
    if root == "manifest":
        where = f"manifest.{where}" if where else "manifest"
    elif not where:
        where = root
    kind = first["type"]
    if kind == "extra_forbidden" and root == "payload" and len(location) == 1:
        problem = _("unknown record type {value!r}").format(value=str(location[0])[:40])
    elif kind == "union_tag_invalid":
        tag = str(first.get("ctx", {}).get("tag", ""))[:40]
        problem = _("unknown record type {tag!r}").format(tag=tag)
        where = f"{where}.entity"
    elif kind == "extra_forbidden":
        problem = _("is not a field of this format")
    elif kind == "missing":
        problem = _("is missing")
    elif kind == "string_pattern_mismatch":
        pattern = str(first.get("ctx", {}).get("pattern", ""))
        problem = PATTERN_WORDS.get(pattern, "is not written as the format requires")
    else:
        message = first["msg"]
        problem = message[0].lower() + message[1:]
    more = len(errors) - 1
    also = (
        ngettext(" (and {n} more problem)", " (and {n} more problems)", more).format(n=more)
        if more
        else ""
    )
    return BundleError(
        _("The bundle is not valid at {where}: {problem}{also}.").format(
            where=where, problem=problem, also=also
        ),
        where,
    )


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


# -- consistency ---------------------------------------------------------------------


def _problem(path: str, message: str) -> BundleError:
    return BundleError(
        _("The bundle is not valid at {path}: {message}.").format(path=path, message=message), path
    )


def _check_consistency(bundle: VerifiedBundle) -> None:
    manifest, payload = bundle.manifest, bundle.payload
    for name in SECTIONS:
        stated = manifest.counts.get(name)
        if stated is not None and stated != len(payload[name]):
            raise _problem(
                f"manifest.counts.{name}",
                _("says {stated} but the bundle holds {count}").format(
                    stated=stated, count=len(payload[name])
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
        for _type, field_name in _LINK_FIELDS.get(record["entity"], []):
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
