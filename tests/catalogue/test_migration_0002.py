"""0002_alias_pairs: aliases become versioned pairs; conflict sides are kept (at 0003, as
field conflicts)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import Alias
from ccn_desktop.paths import DataPaths

FIXTURE = Path(__file__).parent.parent / "fixtures" / "catalogues" / "0001_initial.sqlite3"
OFFICE = "0b9a3c1e-5f0e-4d55-9a0b-1c2d3e4f5a6b"


def test_aliases_and_conflict_sides_survive_the_upgrade(tmp_path: Path) -> None:
    paths = DataPaths.in_folder(tmp_path / "data")
    paths.ensure()
    shutil.copy(FIXTURE, paths.catalogue_file)
    connection = sqlite3.connect(paths.catalogue_file)
    merged, target = connection.execute("SELECT uuid FROM city ORDER BY id LIMIT 2").fetchall()
    connection.execute(
        "INSERT INTO alias VALUES (?, 'city', ?, '2026-01-01T00:00:00.000000+00:00', ?)",
        (merged[0], target[0], OFFICE),
    )
    snapshot = {"uuid": target[0], "notes": "other side", "deleted": False}
    connection.execute(
        "INSERT INTO conflict_version (entity, record_uuid, version, modified_at, "
        "modified_by, snapshot) VALUES ('city', ?, ?, ?, ?, ?)",
        (target[0], json.dumps({OFFICE: 1}), "2026-01-01T00:00:00.000000+00:00", OFFICE,
         json.dumps(snapshot)),
    )  # fmt: skip
    connection.commit()
    connection.close()
    with Catalogue.open(paths) as catalogue, catalogue.session() as session:
        (alias,) = session.query(Alias).all()
        assert (alias.alias_uuid, alias.target_uuid, alias.version) == (
            merged[0], target[0], {OFFICE: 1},
        )  # fmt: skip
    with Catalogue.open(paths) as catalogue:
        # At 0003 the other side becomes a field conflict: the fields it differs in.
        assert catalogue.conflicting_fields("city", target[0]) == ["notes"]
        sides = catalogue.conflict_versions("city", target[0])
        shown = catalogue.get("city", target[0])["notes"]
        assert {shown, *(side["notes"] for side in sides)} == {"", "other side"}
