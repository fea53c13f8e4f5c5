"""Canonical JSON: one byte sequence per value, so checksums and signatures agree everywhere.

Bundle format 1 signs what CPython's `json.dumps` writes (sorted keys, no spaces), which
ties the format to one language's float formatting. From format 2 the canonical form is
RFC 8785, the JSON Canonicalization Scheme, which any language can reproduce. Both stay:
a format-1 bundle is checked the way it was made.

The `rfc8785` package writes RFC 8785 exactly, in pure Python, about five times slower
than `json.dumps`. The two write the same bytes for every value except numbers (RFC
8785 writes 12000.0 as `12000`, switches to exponents elsewhere, and refuses integers
beyond 2^53) and keys outside ASCII (sorted by UTF-16 units rather than code points).
So a value is looked over first: whole floats below 2^53 become the integers they are,
and if every other number and key is one both write alike, `json.dumps` writes it;
otherwise `rfc8785` does. A test compares the two on random values.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import rfc8785

# The first bundle format whose canonical form is RFC 8785.
JCS_FROM_VERSION = 2
# The largest integer RFC 8785 (and every JSON reader that holds numbers as doubles) keeps exactly.
MAX_SAFE_INTEGER = 2**53 - 1


class CanonicalFormError(ValueError):
    """The value has no canonical form (a number beyond 2^53, text that is not Unicode)."""


def canonical_bytes(value: Any, format_version: int = 1) -> bytes:
    """The canonical bytes of `value` in the given bundle format (RFC 8785 from format 2)."""
    if format_version >= JCS_FROM_VERSION:
        try:
            return _python_json(_as_json_writes_it(value))
        except _Different:
            pass
        try:
            return rfc8785.dumps(value)
        except rfc8785.CanonicalizationError as exc:
            raise CanonicalFormError(str(exc)) from None
    return _python_json(value)


def _python_json(value: Any) -> bytes:
    try:
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        ).encode("utf-8")
    except (UnicodeEncodeError, ValueError) as exc:
        raise CanonicalFormError(str(exc)) from None


class _Different(Exception):
    """`json.dumps` would not write this value as RFC 8785 does."""


# Floats both write alike: not whole, and written without an exponent by both.
_SMALLEST_PLAIN, _LARGEST_PLAIN = 1e-4, 1e16


def _as_json_writes_it(value: Any) -> Any:
    """`value` with whole floats below 2^53 as integers (a new container only where one
    changed); raises _Different for a number or key the two forms write differently."""
    kind = type(value)
    if kind is dict:
        changed: dict[str, Any] | None = None
        for key, item in value.items():
            if type(key) is not str or not key.isascii():
                raise _Different
            item_kind = type(item)
            if item_kind is str or item is None or item_kind is bool:
                continue
            new = _as_json_writes_it(item)
            if new is not item:
                if changed is None:
                    changed = dict(value)
                changed[key] = new
        return value if changed is None else changed
    if kind is list or kind is tuple:
        items = [item if type(item) is str else _as_json_writes_it(item) for item in value]
        return (
            value
            if kind is list and all(a is b for a, b in zip(items, value, strict=True))
            else items
        )
    if kind is str or value is None or kind is bool:
        return value
    if kind is int:
        if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            return value
        raise _Different
    if kind is float:
        if value.is_integer():  # json.dumps writes "12000.0": as an integer, if exact
            if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
                return int(value)
        elif _SMALLEST_PLAIN <= abs(value) < _LARGEST_PLAIN:
            return value
    raise _Different


def sha256_of(value: Any, format_version: int = 1) -> str:
    return hashlib.sha256(canonical_bytes(value, format_version)).hexdigest()
