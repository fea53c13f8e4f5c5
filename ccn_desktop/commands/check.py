"""`ccn-desktop check`: the full integrity check of the catalogue file."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.commands.base import CommandError
from ccn_desktop.i18n import _, ngettext
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help=_("run SQLite's full integrity check and the foreign-key check")
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.backups import list_backups
    from ccn_desktop.catalogue.integrity import check_file, damaged_error

    path = paths.catalogue_file
    if not path.exists():
        raise CommandError(
            _("There is no catalogue in {data_dir} yet: nothing to check.").format(
                data_dir=paths.data_dir
            )
        )
    problems = check_file(path, full=True)
    if problems:
        raise damaged_error(paths, problems[0])
    print(_("The catalogue {path} passes the full integrity check.").format(path=path))
    backups = list_backups(paths.backups_dir)
    if backups:
        newest = backups[0]
        print(
            ngettext(
                "{count} backup in {folder}; the newest is {name} (made {when}).",
                "{count} backups in {folder}; the newest is {name} (made {when}).",
                len(backups),
            ).format(
                count=len(backups),
                folder=paths.backups_dir,
                name=newest.name,
                when=f"{newest.when.astimezone():%Y-%m-%d %H:%M}",
            )
        )
    else:
        print(_("No backups yet in {backups_dir}.").format(backups_dir=paths.backups_dir))
    return 0
