"""`ccn-desktop export FILE [--for OFFICE_UUID]`: write a signed bundle."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.i18n import _, number
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help=_("write a signed bundle of the catalogue (everything, or what one office lacks)"),
    )
    parser.add_argument(
        "file", metavar="FILE", help=_("the bundle to write, or a folder to write it in")
    )
    parser.add_argument(
        "--for",
        dest="for_office",
        metavar="OFFICE_UUID",
        help=_("only what this office lacks, judged by the last bundle that came from it"),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError
    from ccn_desktop.commands.locking import writing
    from ccn_desktop.commands.progress import Interrupted, TerminalProgress
    from ccn_desktop.exchange.errors import ExchangeCancelled
    from ccn_desktop.exchange.export import export_bundle
    from ccn_desktop.exchange.format import describe_counts

    # The exchange log is written: one writer at a time (an import may be running).
    with writing(
        paths.data_dir,
        waiting=_("another command is writing in this data folder; waiting…"),
        nothing_done=_("Nothing was exported."),
    ):
        try:
            catalogue = Catalogue.open(paths)
        except ReadOnlyFolderError:  # a locked stick: a bundle can still be made from it
            catalogue = Catalogue.open(paths, read_only=True)
        progress = TerminalProgress()  # a line on a terminal's stderr; Ctrl+C stops cleanly
        with progress.watching(), catalogue:
            try:
                result = export_bundle(
                    catalogue, args.file, for_office=args.for_office,
                    progress=progress, cancel=progress.cancel,
                )  # fmt: skip
            except ExchangeCancelled:
                raise Interrupted from None
    scope = (
        _("for {office} ({uuid})").format(office=result.for_office_name, uuid=result.for_office)
        if result.for_office
        else _("full")
    )
    counts = describe_counts(result.counts)
    print(
        _("wrote {path} ({size} bytes, {scope}), verified after writing").format(
            path=result.path, size=number(result.size), scope=scope
        )
    )
    print(f"  {counts}")
    return 0
