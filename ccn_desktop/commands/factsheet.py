"""`ccn-desktop factsheet`: city fact sheets into a PDF, on a machine with or without a display."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ccn_desktop.commands.base import CommandError
from ccn_desktop.i18n import LANGUAGES, _, current_language, ngettext, number, speaking
from ccn_desktop.paths import DataPaths


def _paper(value: str) -> str:
    from ccn_desktop.factsheet.paper import PaperError, known_paper

    try:
        return known_paper(value)
    except PaperError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "factsheet",
        help=_("print city fact sheets into a PDF (one city, a creative field, or all)"),
        description=_(
            "Print city fact sheets into one PDF. One city gives its sheet; several "
            "cities, --field or --all give a booklet with a cover page, each city on a new page."
        ),
    )
    parser.add_argument("cities", nargs="*", metavar="CITY_UUID", help=_("the cities to print"))
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--all", action="store_true", help=_("every city in the catalogue"))
    choice.add_argument(
        "--field", metavar=_("FIELD"), help=_('cities of one field ("Film", in English)')
    )
    parser.add_argument("--pdf", metavar=_("FILE"), required=True, help=_("the PDF file to write"))
    parser.add_argument(
        "--paper",
        type=_paper,
        metavar="A4|Letter",
        help=_(
            "paper size (default: from the locale — Letter in the US, Canada, Mexico…, else A4)"
        ),
    )
    parser.add_argument(
        "--language", dest="sheet_language", choices=sorted(LANGUAGES),
        help=_("the language of the sheets: en, fr or es (default: the program's)"),
    )  # fmt: skip
    parser.set_defaults(handler=run, factsheet_parser=parser)


_app: Any = None  # the QGuiApplication this command made, kept alive while it prints


def ensure_gui_application() -> Any:
    """A QGuiApplication for fonts and printing; offscreen when there is no display."""
    global _app
    on_x11_like = sys.platform not in ("win32", "darwin")
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if on_x11_like and no_display and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    _app = QGuiApplication([sys.argv[0] or "ccn-desktop"])
    return _app


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    chosen = sum((bool(args.cities), bool(args.all), args.field is not None))
    if chosen != 1:
        args.factsheet_parser.error(_("give one of: CITY_UUID..., --all, --field FIELD"))
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError
    from ccn_desktop.commands.progress import Interrupted, TerminalProgress
    from ccn_desktop.factsheet.content import (
        SheetSource,
        all_city_uuids,
        field_city_uuids,
        known_field,
    )
    from ccn_desktop.factsheet.printing import (
        Cancelled,
        booklet_parts,
        booklet_title,
        check_printable,
        check_target,
        city_parts,
        default_paper,
        parts_in,
        write_pdf,
    )
    from ccn_desktop.factsheet.sheet_data import FactSheetError

    ensure_gui_application()
    paper = args.paper or default_paper()
    language = args.sheet_language or current_language()
    try:
        target = check_target(args.pdf)
        try:
            catalogue = Catalogue.open(paths)
        except ReadOnlyFolderError:  # a locked stick: a sheet is only read from it
            catalogue = Catalogue.open(paths, read_only=True)
        with catalogue:
            source = SheetSource(catalogue)
            field = known_field(args.field) if args.field is not None else None
            if field is not None:
                uuids = field_city_uuids(catalogue, field)
                if not uuids:
                    raise FactSheetError(
                        _("The catalogue has no city of {field}; nothing to print.").format(
                            field=_(field)
                        )
                    )
            elif args.all:
                uuids = all_city_uuids(catalogue)
                if not uuids:
                    raise FactSheetError(_("The catalogue has no city; nothing to print."))
            else:
                uuids = list(dict.fromkeys(uuid.strip().lower() for uuid in args.cities))
            check_printable(source, uuids)
            if len(uuids) == 1 and field is None and not args.all:
                parts = parts_in(language, city_parts(source, uuids))
                total = 1
            else:
                with speaking(language):
                    title, subtitle = booklet_title(field), _("City fact sheets")
                parts = parts_in(language, booklet_parts(source, uuids, title, subtitle))
                total = len(uuids) + 1  # and the cover
            progress = TerminalProgress()  # sheets printed of all; Ctrl+C stops cleanly
            with progress.watching():
                pages = write_pdf(target, parts, paper, lambda done: progress.sheets(done, total))
    except FactSheetError as exc:
        raise CommandError(str(exc)) from None
    except Cancelled:
        raise Interrupted from None
    sheets = len(uuids)
    page_count = ngettext("{pages} page", "{pages} pages", pages).format(pages=number(pages))
    print(
        ngettext(
            "Wrote {n} fact sheet ({page_count}, {paper}) to {target}.",
            "Wrote {n} fact sheets ({page_count}, {paper}) to {target}.",
            sheets,
        ).format(n=number(sheets), page_count=page_count, paper=paper, target=target)
    )
    return 0
