"""`ccn-desktop update-reference [--dry-run]`: take the program's newer reference data."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "update-reference",
        help=_("take the network's reference data shipped with this program (new cities, "
               "locations, dates); local edits and deletions are kept"),
    )  # fmt: skip
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; write nothing")
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.exchange.reference import apply_update, plan_update

    with Catalogue.open(paths) as catalogue:
        update = plan_update(catalogue)
        print(update.summary())
        if update.nothing_new:
            return 0
        if args.dry_run:
            print(_("Dry run: nothing was changed."))
            return 0
        result = apply_update(catalogue, update)
    print(_("Reference data release {release} taken; backup made before: {backup}").format(
        release=update.release, backup=result.backup_path
    ))  # fmt: skip
    return 0
