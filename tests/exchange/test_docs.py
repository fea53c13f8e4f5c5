"""docs/bundle-format.md: its example is a valid bundle, and it names every field."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.exchange.format import FORMAT_VERSION, SECTIONS, Manifest
from ccn_desktop.exchange.verify import parse_bundle

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md"


def examples() -> list[str]:
    """The JSON blocks of the Example section: format 2, then format 1."""
    example = DOC.read_text(encoding="utf-8").split("## Example", 1)[1]
    return re.findall(r"```json\n(.*?)\n```", example, re.DOTALL)


def test_the_examples_are_valid_bundles_of_both_formats() -> None:
    blocks = examples()
    assert len(blocks) == 2
    for block, version in zip(blocks, (FORMAT_VERSION, 1), strict=True):
        bundle = parse_bundle(block.encode("utf-8"))
        assert bundle.manifest.format_version == version
        assert all(bundle.counts[section] for section in SECTIONS)


def test_the_format_2_example_checks_with_rfc8785_alone() -> None:
    """What another tool would do, with the RFC 8785 and Ed25519 libraries only."""
    document = json.loads(examples()[0])
    manifest = document["manifest"]
    payload_bytes = rfc8785.dumps(document["payload"])
    assert b'"budget":12000,' in payload_bytes  # as ECMAScript writes it, not 12000.0
    assert hashlib.sha256(payload_bytes).hexdigest() == manifest["payload_sha256"]
    signed = rfc8785.dumps({key: value for key, value in manifest.items() if key != "signature"})
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(manifest["office"]["public_key"]))
    key.verify(base64.b64decode(manifest["signature"]), signed)  # raises if it does not match


def test_every_field_and_command_is_described() -> None:
    text = DOC.read_text(encoding="utf-8")
    names = [*Manifest.model_fields, *SECTIONS, "public_key", "target_uuid", "position"]
    names += [field for spec in ENTITIES.values() for field in spec.field_names]
    missing = [name for name in names if f"`{name}`" not in text]
    assert missing == []
    for command in ("export FILE", "verify FILE", "import FILE"):
        assert command in text
