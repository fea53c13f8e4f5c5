"""`ccn-desktop info`: where the files are, which schema, which office, how many records."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "info", help="show paths, schema revision, office and record counts"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError

    try:
        catalogue = Catalogue.open(paths)
    except ReadOnlyFolderError:  # a locked stick: reading is all `info` needs
        catalogue = Catalogue.open(paths, read_only=True)
    with catalogue:
        counts = catalogue.counts()
        office = catalogue.office
        notes = ["portable"] * paths.portable + ["read-only"] * catalogue.read_only
        lines = [
            ("data folder", str(paths.data_dir) + "".join(f"  ({note})" for note in notes)),
            ("catalogue file", str(paths.catalogue_file)),
            ("backups", str(paths.backups_dir)),
            ("logs", str(paths.log_dir)),
            ("schema revision", catalogue.schema_revision),
            ("office", f"{office.name} ({office.uuid})"),
            ("key fingerprint", office.fingerprint),
            ("reference data", _reference_text(catalogue)),
            ("cities", str(counts["city"])),
            ("conferences", str(counts["conference"])),
            ("projects", str(counts["project"])),
        ]
    width = max(len(label) for label, _value in lines)
    for label, value in lines:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0


def _reference_text(catalogue: Any) -> str:
    from ccn_desktop.catalogue.starter import REFERENCE_RELEASE
    from ccn_desktop.exchange.reference import catalogue_release

    held = catalogue_release(catalogue)
    text = f"release {held} (this program ships release {REFERENCE_RELEASE})"
    if 0 < held < REFERENCE_RELEASE:
        text += "; take it with update-reference"
    return text
