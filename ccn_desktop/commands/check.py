"""`ccn-desktop check`: the full integrity check of the catalogue file."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.commands.base import CommandError
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help="run SQLite's full integrity check and the foreign-key check"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.backups import list_backups
    from ccn_desktop.catalogue.integrity import check_file, damaged_error

    path = paths.catalogue_file
    if not path.exists():
        raise CommandError(f"There is no catalogue in {paths.data_dir} yet: nothing to check.")
    problems = check_file(path, full=True)
    if problems:
        raise damaged_error(paths, problems[0])
    print(f"The catalogue {path} passes the full integrity check.")
    backups = list_backups(paths.backups_dir)
    if backups:
        newest = backups[0]
        print(
            f"{len(backups)} backup{'s' if len(backups) > 1 else ''} in {paths.backups_dir}; "
            f"the newest is {newest.name} "
            f"(made {newest.when.astimezone():%Y-%m-%d %H:%M})."
        )
    else:
        print(f"No backups yet in {paths.backups_dir}.")
    return 0
