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

    with Catalogue.open(paths) as catalogue:
        counts = catalogue.counts()
        office = catalogue.office
        lines = [
            ("data folder", str(paths.data_dir) + ("  (portable)" if paths.portable else "")),
            ("catalogue file", str(paths.catalogue_file)),
            ("backups", str(paths.backups_dir)),
            ("logs", str(paths.log_dir)),
            ("schema revision", catalogue.schema_revision),
            ("office", f"{office.name} ({office.uuid})"),
            ("key fingerprint", office.fingerprint),
            ("cities", str(counts["city"])),
            ("conferences", str(counts["conference"])),
            ("projects", str(counts["project"])),
        ]
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0
