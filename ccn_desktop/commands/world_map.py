"""`ccn-desktop map`: the world map of the member cities into a PDF (or PNG, SVG)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ccn_desktop.commands.base import CommandError
from ccn_desktop.commands.network_args import add_filter_arguments, network_filter
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "map",
        help=_("the world map of the member cities into a PDF"),
        description=_(
            "Draw the member cities on a world map (Natural Earth outlines, Equal Earth "
            "projection), one dot per city in its field's colour, and write it to a PDF. A file "
            "ending in .png or .svg is written in that format instead."
        ),
    )
    parser.add_argument("--pdf", metavar="FILE", required=True, help=_("the file to write"))
    add_filter_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError
    from ccn_desktop.commands.factsheet import ensure_gui_application
    from ccn_desktop.i18n import _, ngettext

    chosen = network_filter(args)
    target = Path(args.pdf)
    ensure_gui_application()
    from ccn_desktop.drawing.export import ExportError
    from ccn_desktop.drawing.network_pages import map_drawing

    try:
        catalogue = Catalogue.open(paths)
    except ReadOnlyFolderError:
        catalogue = Catalogue.open(paths, read_only=True)
    with catalogue:
        locations = catalogue.locations(chosen)
        stats = catalogue.statistics(chosen)
    drawing = map_drawing(locations, stats)
    try:
        written = drawing.save(target)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    placed = len(locations)
    message = ngettext(
        "Wrote a map of {n} city to {path}.", "Wrote a map of {n} cities to {path}.", placed
    ).format(n=placed, path=written)
    print(message)
    if locations.missing:
        names = [name for _uuid, name in locations.missing]
        shown = ", ".join(names[:10]) + (", …" if len(names) > 10 else "")
        print(
            _("{count} without a location (listed on the map): {names}.").format(
                count=len(names), names=shown
            )
        )
    return 0
