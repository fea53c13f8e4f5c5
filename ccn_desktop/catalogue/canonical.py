"""Canonical JSON: one byte sequence per value, so checksums and signatures agree everywhere.

Bundle format 1 signs what CPython's `json.dumps` writes (sorted keys, no spaces), which
ties the format to one language's float formatting. From format 2 the canonical form is
RFC 8785, the JSON Canonicalization Scheme, which any language can reproduce. Both stay:
a format-1 bundle is checked the way it was made.
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
            return rfc8785.dumps(value)
        except rfc8785.CanonicalizationError as exc:
            raise CanonicalFormError(str(exc)) from None
    try:
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        ).encode("utf-8")
    except (UnicodeEncodeError, ValueError) as exc:
        raise CanonicalFormError(str(exc)) from None


def sha256_of(value: Any, format_version: int = 1) -> str:
    return hashlib.sha256(canonical_bytes(value, format_version)).hexdigest()
