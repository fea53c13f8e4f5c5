"""Read a bundle file and check everything that can be checked without a catalogue.

Order of the checks: size (before reading), UTF-8, JSON (with a nesting limit
enforced by the parser itself, so no recursion error can escape), format name and
version, manifest shape, signature, checksum, payload shape, then the bundle's
own consistency (counts, duplicate UUIDs, links, aliases, version vectors,
dates). The first failure becomes one `BundleError` sentence naming the place
(`cities[12].designation_year`). Nothing here writes anything.

This module reads and parses; what it checks along the way lives beside it: the
file itself (file_checks.py), the manifest's claims and signature
(manifest_checks.py), the wording of parse errors (parse_errors.py) and the
bundle's consistency (consistency.py). The result is a `VerifiedBundle`
(verified.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pydantic_core
from pydantic import ValidationError

from ccn_desktop.catalogue.canonical import CanonicalFormError, canonical_bytes, sha256_of
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.consistency import check_consistency
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.file_checks import read_bundle_bytes, refuse_repeated_keys
from ccn_desktop.exchange.format import (
    MAX_BUNDLE_BYTES,
    READABLE_VERSIONS,
    Manifest,
    payload_adapter,
)
from ccn_desktop.exchange.manifest_checks import check_format, check_manifest, check_signature
from ccn_desktop.exchange.parse_errors import json_problem, schema_error, utf8_problem
from ccn_desktop.exchange.verified import VerifiedBundle
from ccn_desktop.i18n import _

_BOM = b"\xef\xbb\xbf"


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
                check_format(raw)
                manifest = check_manifest(raw)
                check_signature(manifest, raw, allow_starter=False)
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
    check_consistency(bundle)
    return bundle


def _text(data: bytes) -> bytes:
    """The bytes without a byte-order mark (UTF-8 is checked by the parser, see
    `utf8_problem`)."""
    if not data or data.isspace():
        raise BundleError(_("The file is empty; it is not a bundle."))
    return data[len(_BOM) :] if data.startswith(_BOM) else data


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
    check_format(manifest_raw)
    manifest = check_manifest(manifest_raw)
    check_signature(manifest, manifest_raw, allow_starter=allow_starter)
    payload_bytes = data[end + len(_SEPARATOR) : tail - 1]
    if hashlib.sha256(payload_bytes).hexdigest() != manifest.payload_sha256:
        return None
    refuse_repeated_keys(payload_bytes, "payload")
    try:
        payload = payload_adapter().validate_json(payload_bytes)
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "json_invalid" and utf8_problem(payload_bytes):
            raise BundleError(utf8_problem(data)) from None
        raise schema_error(exc, "payload") from None
    return VerifiedBundle(manifest=manifest, payload=payload, size=len(data))


def _parse_any_layout(data: bytes, *, allow_starter: bool) -> VerifiedBundle:
    """Any JSON layout (pretty-printed, keys in another order): parse, then re-derive the
    canonical payload to check its checksum."""
    document = _parse_json(data)
    refuse_repeated_keys(data, "")
    manifest_raw, payload_raw = _split(document)
    manifest = check_manifest(manifest_raw)
    check_signature(manifest, manifest_raw, allow_starter=allow_starter)
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
        raise BundleError(utf8_problem(data) or json_problem(str(exc))) from None


def _split(document: Any) -> tuple[dict[str, Any], Any]:
    if not isinstance(document, dict) or not isinstance(document.get("manifest"), dict):
        raise BundleError(_("The file is JSON but not a bundle (it has no manifest)."))
    manifest = document["manifest"]
    check_format(manifest)
    extra = sorted(set(document) - {"manifest", "payload"})
    if extra:
        raise BundleError(
            _("The bundle has an unknown part {value!r}.").format(value=extra[0][:40]),
            extra[0][:40],
        )
    if "payload" not in document:
        raise BundleError(_("The bundle has no payload."), "payload")
    return manifest, document["payload"]


def _validated_payload(raw: Any) -> dict[str, list[dict[str, Any]]]:
    try:
        return payload_adapter().validate_python(raw)  # type: ignore[no-any-return]
    except ValidationError as exc:
        raise schema_error(exc, "payload") from None
