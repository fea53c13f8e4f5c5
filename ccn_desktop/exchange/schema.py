"""Write the bundle's JSON Schema, generated from the pydantic types in `format.py`.

    python -m ccn_desktop.exchange.schema [resources/bundle.schema.json]

A test fails when the shipped file and the types differ; run this to bring the
file up to date after changing the format (or a field in `catalogue/entities.py`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ccn_desktop.exchange.format import bundle_json_schema

SCHEMA_FILE = "bundle.schema.json"


def schema_text() -> str:
    return json.dumps(bundle_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = (
        Path(args[0]) if args else Path(__file__).resolve().parents[2] / "resources" / SCHEMA_FILE
    )
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
