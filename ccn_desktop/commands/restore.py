"""`ccn-desktop restore FILE`: put a backup in place of the catalogue.

No question is asked (scripts and CI have no terminal): the current catalogue is
backed up first ("before-restore"), or kept aside if it is damaged, so a restore
can itself be undone by restoring that backup.
"""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.commands.base import CommandError
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "restore",
        help=_("replace the catalogue with a backup (the current file is backed up first)"),
    )
    parser.add_argument(
        "file", metavar="FILE", help=_("a backup file, or the name of one in the backups folder")
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.backups import find_backup
    from ccn_desktop.catalogue.restore import restore_backup
    from ccn_desktop.commands.locking import writing

    source = find_backup(paths.backups_dir, args.file)
    if source is None:
        raise CommandError(
            _(
                "No backup {file}: give a file, or a name listed by `ccn-desktop backup --list`."
            ).format(file=args.file)
        )
    with writing(
        paths.data_dir,
        waiting=_("another command is writing in this data folder; waiting…"),
        nothing_done=_("Nothing was restored."),
    ):
        result = restore_backup(paths, source)
    print(
        _("Restored the catalogue from {restored_from}.").format(restored_from=result.restored_from)
    )
    if result.safety_backup is not None:
        print(
            _("The catalogue it replaced was backed up as {safety_backup}.").format(
                safety_backup=result.safety_backup
            )
        )
    if result.kept_aside is not None:
        print(
            _("The damaged catalogue was kept as {kept_aside}.").format(
                kept_aside=result.kept_aside
            )
        )
    return 0
