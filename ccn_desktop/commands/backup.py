"""`ccn-desktop backup`: back the catalogue up now (or `--list` the backups)."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.commands.base import CommandError
from ccn_desktop.i18n import _, decimal, ngettext, number, pgettext
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "backup",
        help=_("back the catalogue up now (SQLite's online backup; safe while the window is open)"),
    )
    parser.add_argument(
        "--list", action="store_true", help=_("list the backups, newest first, instead")
    )
    parser.set_defaults(handler=run)


def human_size(size: int) -> str:
    if size < 1000:
        return ngettext("{size} byte", "{size} bytes", size).format(size=number(size))
    if size < 1_000_000:
        return _("{size} KB").format(size=decimal(size / 1000, 1))
    return _("{size} MB").format(size=decimal(size / 1_000_000, 1))


def trigger_word(trigger: str) -> str:
    """What made a backup, in a word or two of the user's language (its file name keeps
    the English identifier)."""
    words = {
        "daily": pgettext("backup", "daily"),
        "manual": pgettext("backup", "manual"),
        "before-restore": pgettext("backup", "before a restore"),
        "before-import": pgettext("backup", "before an import"),
        "before-upgrade": pgettext("backup", "before an upgrade"),
    }
    for key, word in words.items():
        if trigger == key or trigger.startswith(key + "-"):
            return word
    return trigger


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.backups import MANUAL, list_backups, take_backup
    from ccn_desktop.catalogue.integrity import ensure_healthy

    if args.list:
        found = list_backups(paths.backups_dir)
        if not found:
            print(_("No backups in {backups_dir}.").format(backups_dir=paths.backups_dir))
        for backup in found:
            when = f"{backup.when.astimezone():%Y-%m-%d %H:%M:%S}"
            size = human_size(backup.size)
            print(f"{backup.name}  {when}  {size:>9}  {trigger_word(backup.trigger)}")
        return 0
    from ccn_desktop.commands.locking import writing

    with writing(
        paths.data_dir,
        waiting=_("another command is writing in this data folder; waiting…"),
        nothing_done=_("No backup was made."),
    ):
        if not ensure_healthy(paths):  # a damaged file is refused, naming the good backup
            raise CommandError(
                _("There is no catalogue in {data_dir} yet: nothing to back up.").format(
                    data_dir=paths.data_dir
                )
            )
        backup = take_backup(paths, MANUAL)
    print(
        _("Backed up to {path} ({value}).").format(path=backup.path, value=human_size(backup.size))
    )
    return 0
