"""`ccn-desktop info`: where the files are, which schema, which office, how many records."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.commands.base import labelled
from ccn_desktop.i18n import _, number
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "info", help=_("show paths, schema revision, office and record counts")
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
        notes = [_("portable")] * paths.portable + [_("read-only")] * catalogue.read_only
        lines = [
            (_("data folder"), str(paths.data_dir) + "".join(f"  ({note})" for note in notes)),
            (_("catalogue file"), str(paths.catalogue_file)),
            (_("backups"), str(paths.backups_dir)),
            (_("logs"), str(paths.log_dir)),
            (_("schema revision"), catalogue.schema_revision),
            (_("office"), f"{office.name} ({office.uuid})"),
            (_("key fingerprint"), office.fingerprint),
            (_("reference data"), _reference_text(catalogue)),
            (_("cities"), number(counts["city"])),
            (_("conferences"), number(counts["conference"])),
            (_("projects"), number(counts["project"])),
        ]
    width = max(len(labelled(label)) for label, _value in lines)
    for label, value in lines:
        print(f"{labelled(label):<{width}} {value}")
    return 0


def _reference_text(catalogue: Any) -> str:
    from ccn_desktop.catalogue.starter import REFERENCE_RELEASE
    from ccn_desktop.exchange.reference import catalogue_release

    held = catalogue_release(catalogue)
    text = _("release {held} (this program ships release {shipped})").format(
        held=held, shipped=REFERENCE_RELEASE
    )
    if 0 < held < REFERENCE_RELEASE:
        text = _("{release}; take it with update-reference").format(release=text)
    return text
