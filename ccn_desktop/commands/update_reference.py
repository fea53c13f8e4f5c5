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
    from contextlib import nullcontext

    from ccn_desktop.commands.locking import writing
    from ccn_desktop.exchange.reference import apply_update, plan_update

    # Planned once the lock is held, on what another writer may just have written.
    lock = nullcontext() if args.dry_run else writing(
        paths.data_dir,
        waiting=_("another command is writing in this data folder; waiting…"),
        nothing_done=_("Nothing was changed."),
    )  # fmt: skip
    with lock, _open(paths, read_only_allowed=args.dry_run) as catalogue:
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


def _open(paths: DataPaths, *, read_only_allowed: bool) -> Any:
    """The catalogue; a dry run, which writes nothing, also works on a locked stick."""
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError

    try:
        return Catalogue.open(paths)
    except ReadOnlyFolderError:
        if not read_only_allowed:
            raise
        return Catalogue.open(paths, read_only=True)
