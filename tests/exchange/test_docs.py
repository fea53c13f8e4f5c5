"""docs/bundle-format.md: its example is a valid bundle, and it names every field."""

from __future__ import annotations

import re
from pathlib import Path

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.exchange.format import SECTIONS, Manifest
from ccn_desktop.exchange.verify import parse_bundle

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md"


def test_the_example_is_a_valid_bundle() -> None:
    text = DOC.read_text(encoding="utf-8")
    example = text.split("## Example", 1)[1]
    block = re.search(r"```json\n(.*?)\n```", example, re.DOTALL)
    assert block is not None
    bundle = parse_bundle(block.group(1).encode("utf-8"))
    assert all(bundle.counts[section] for section in SECTIONS)


def test_every_field_and_command_is_described() -> None:
    text = DOC.read_text(encoding="utf-8")
    names = [*Manifest.model_fields, *SECTIONS, "public_key", "target_uuid", "position"]
    names += [field for spec in ENTITIES.values() for field in spec.field_names]
    missing = [name for name in names if f"`{name}`" not in text]
    assert missing == []
    for command in ("export FILE", "verify FILE", "import FILE"):
        assert command in text
