"""`ccn-desktop sync FOLDER [--dry-run] [--trust]`: exchange with every office in one step.

Exit status 1 when anything was skipped (a damaged or foreign file, a signer not
trusted yet) or no bundle could be left (a full or locked stick), after everything
good was done.
"""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync",
        help=_(
            "exchange with every office through a stick or shared folder (imports what came for "
            "this office, leaves a bundle for each office)"
        ),
    )
    parser.add_argument(
        "folder",
        metavar="FOLDER",
        help=_("the stick or shared folder (bundles go in its ccn-exchange)"),
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=_("show what would come in and be left; write nothing"),
    )
    parser.add_argument(
        "--trust",
        action="store_true",
        help=_(
            "trust the offices that signed the bundles (after comparing their key fingerprints)"
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from contextlib import nullcontext

    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.commands.locking import writing
    from ccn_desktop.exchange.sync import sync_folder
    from ccn_desktop.i18n import _

    # One writer at a time in a data folder; a dry run writes nothing and takes no lock.
    lock = nullcontext() if args.dry_run else writing(
        paths.data_dir,
        waiting=_("another command is writing in this data folder; waiting…"),
        nothing_done=_("Nothing was exchanged."),
    )  # fmt: skip
    with lock, Catalogue.open(paths) as catalogue:
        report = sync_folder(catalogue, args.folder, trust=args.trust, dry_run=args.dry_run)
    for line in report_lines(report):
        print(line)
    return 0 if report.complete else 1


def report_lines(report: Any) -> list[str]:
    """The summary, per office, then what was skipped."""
    from ccn_desktop.exchange.sync import held_text
    from ccn_desktop.i18n import _

    lines = [_("Sync with {folder}").format(folder=report.folder)]
    for office in report.per_office():
        lines.append(office.name)
        for arrival in office.arrivals:
            lines.append("  " + arrival_text(arrival, dry_run=report.dry_run))
        for item in office.left:
            text = _("left {name} ({counts})") if item.written else _(
                "nothing new for it: {name} is still the one to take")  # fmt: skip
            lines.append("  " + text.format(name=item.path.name, counts=held_text(item.counts)))
    for departure in report.would_write:
        lines.append(_("would leave a bundle for {name} ({counts})").format(
            name=departure.receiver_name, counts=held_text(departure.counts)))  # fmt: skip
    if report.write_problem:
        lines.append(report.write_problem)
    if report.skipped:
        lines.append(_("Skipped:"))
        lines.extend(
            "  " + _("{label}: {value}").format(label=item.path.name, value=item.reason)
            for item in report.skipped
        )
    if report.dry_run:
        lines.append(_("Dry run: nothing was imported or written."))
    elif not report.changed_catalogue and not any(item.written for item in report.left):
        lines.append(_("Nothing new: nothing was changed, here or in the folder."))
    return lines


def arrival_text(arrival: Any, *, dry_run: bool) -> str:
    from ccn_desktop.commands.import_bundle import counts_text
    from ccn_desktop.i18n import _

    name = arrival.path.name
    if arrival.nothing_new:
        return _("{name}: nothing new").format(name=name)
    text = _("would bring {changes} ({name})") if dry_run else _("came in: {changes} ({name})")
    return text.format(changes=counts_text(arrival.counts), name=name)
