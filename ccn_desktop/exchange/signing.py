"""Ed25519 signatures over the canonical manifest.

The manifest holds the payload's SHA-256, so signing the manifest (without its
`signature` field) signs the whole bundle: a changed record changes the checksum,
a changed checksum breaks the signature. The canonical form is the one of the manifest's
own `format_version` (RFC 8785 from format 2), which the signature covers too, so a
bundle cannot be passed off as another format.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ccn_desktop.catalogue.canonical import canonical_bytes


def signed_bytes(manifest: Mapping[str, Any]) -> bytes:
    """What the signature covers: the canonical manifest without `signature`."""
    version = manifest.get("format_version")
    return canonical_bytes(
        {key: value for key, value in manifest.items() if key != "signature"},
        version if type(version) is int else 1,
    )


def sign(manifest: Mapping[str, Any], key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.sign(signed_bytes(manifest))).decode("ascii")


def signature_matches(manifest: Mapping[str, Any], public_key_b64: str, signature_b64: str) -> bool:
    try:
        public_key = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(public_key_b64, validate=True)
        )
        signature = base64.b64decode(signature_b64, validate=True)
        public_key.verify(signature, signed_bytes(manifest))
    except (InvalidSignature, ValueError, binascii.Error):  # CanonicalFormError is a ValueError
        return False
    return True
