"""`ccn-desktop stats`: the network overview's figures as text, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from ccn_desktop.commands.network_args import add_filter_arguments, network_filter
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stats",
        help=_("members by field and region, growth, reports, conferences (text, CSV or JSON)"),
        description=_(
            "Print the figures of the network overview. CSV has one line per figure (table, row, "
            "column, value); JSON nests them by meaning."
        ),
    )
    parser.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help=_("how to print them (default: text)"),
    )
    add_filter_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError
    from ccn_desktop.catalogue.statistics_tables import all_tables, as_json, filter_text

    chosen = network_filter(args)
    try:
        catalogue = Catalogue.open(paths)
    except ReadOnlyFolderError:  # a locked stick: reading is all `stats` needs
        catalogue = Catalogue.open(paths, read_only=True)
    with catalogue:
        stats = catalogue.statistics(chosen)
    if args.format == "json":
        json.dump(as_json(stats), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    tables = all_tables(stats)
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("table", "row", "column", "value"))
        for table in tables:
            for row in table.rows:
                for column, value in zip(table.headers[1:], row[1:], strict=True):
                    writer.writerow((table.key, row[0], column, value))
        return 0
    print(filter_text(stats))
    for table in tables:
        print()
        print(table.title)
        print("-" * len(table.title))
        cells: list[tuple[str, ...]] = [
            tuple(shown(value) for value in table.headers),
            *((shown(row[0]), *(str(value) for value in row[1:])) for row in table.rows),
        ]
        widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]
        for row in cells:
            print(
                "  ".join(
                    value.ljust(width) if i == 0 or not value.isdigit() else value.rjust(width)
                    for i, (value, width) in enumerate(zip(row, widths, strict=True))
                ).rstrip()
            )
        if table.note:
            print(table.note)
    return 0


def shown(value: object) -> str:
    """A table's label as the user's language says it: the tables hold creative fields and
    regions under their stored English names (the window keys its colours on them)."""
    from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS, UNESCO_REGIONS

    text = str(value)
    return _(text) if text in CREATIVE_FIELDS or text in UNESCO_REGIONS else text
