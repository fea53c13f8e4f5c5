"""Fact sheets on paper and in PDF: QTextDocument lays the HTML out, QPrinter prints it.

QTextDocument paginates but draws no page footer, so each page's slice of the
document is painted here by hand and the footer ("Printed on DATE by OFFICE —
CITY — page x of y") is drawn under it. The document subclass loads nothing:
the sheet must never reach for a file or the network, whatever a record says.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from ccn_desktop.factsheet.content import (
    CitySheet,
    FactSheetError,
    SheetSource,
    field_title,
)
from ccn_desktop.factsheet.paper import DEFAULT_PAPER, known_paper, paper_for_territory
from ccn_desktop.factsheet.render import city_html, cover_html

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(18, 16, 18, 12)  # left, top, right, bottom (the footer sits above it)
FOOTER_POINTS = 7.5
FOOTER_GAP_POINTS = 8  # between the body and the footer's rule
BODY_POINTS = 10
FONT_FAMILIES = ["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Noto Sans"]


class Cancelled(Exception):
    """The user stopped a print run; whatever was being written has been removed."""


class SheetDocument(QTextDocument):
    """A QTextDocument that loads nothing: every resource request is refused and noted."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.refused: list[str] = []

    def loadResource(self, type: int, name: QUrl) -> Any:
        self.refused.append(name.toString())
        return None


@dataclass(frozen=True)
class Part:
    """One piece of a print run: a city's sheet, or the booklet's cover (no footer)."""

    html: str
    city: str | None
    printed_on: str
    office: str


def default_paper(locale: QLocale | None = None) -> str:
    """Letter in the US, Canada, Mexico and other Letter countries; A4 elsewhere."""
    territory = (locale or QLocale.system()).territory()
    return paper_for_territory(QLocale.territoryToCode(territory)) if territory else DEFAULT_PAPER


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZES[known_paper(paper)]),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def sheet_font() -> QFont:
    """A sans-serif every office has; fontconfig and Qt fall back per glyph (釜山)."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_POINTS)
    return font


def sheet_part(sheet: CitySheet) -> Part:
    return Part(city_html(sheet), sheet.name, sheet.printed_on, sheet.office)


def city_parts(source: SheetSource, uuids: Sequence[str]) -> Iterator[Part]:
    """The sheets of these cities, made one at a time as the printer asks for them."""
    for uuid in uuids:
        yield sheet_part(source.sheet(uuid))


def booklet_parts(
    source: SheetSource, uuids: Sequence[str], title: str, subtitle: str = ""
) -> Iterator[Part]:
    """A cover page, then each city's sheet starting on a page of its own."""
    cities = check_printable(source, uuids)
    cover = source.cover([city["creative_field"] for city in cities], title, subtitle)
    yield Part(cover_html(cover), None, cover.printed_on, cover.office)
    yield from city_parts(source, uuids)


def check_printable(source: SheetSource, uuids: Sequence[str]) -> list[dict[str, Any]]:
    """Refuse, before any file is touched, an empty choice, unknown or deleted cities."""
    if not uuids:
        raise FactSheetError("No city is chosen, so there is no fact sheet to print.")
    cities = source.catalogue.get_many("city", uuids)
    known = {city["uuid"]: city for city in cities}
    for uuid in uuids:
        if uuid not in known:
            raise FactSheetError(f"No city {uuid} in this catalogue.")
        if known[uuid]["deleted"]:
            name = known[uuid]["name"]
            raise FactSheetError(f"{name} ({uuid}) is deleted; restore it to print its fact sheet.")
    return [known[uuid] for uuid in uuids]


def booklet_title(creative_field: str | None) -> str:
    if creative_field:
        return field_title(creative_field).replace("City", "Cities")
    return "UNESCO Creative Cities Network"


# -- painting ------------------------------------------------------------------


def layout_document(html: str, printer: QPrinter, body: QSizeF) -> SheetDocument:
    """The HTML laid out for the printer's resolution, paginated to the body's size."""
    document = SheetDocument()
    document.documentLayout().setPaintDevice(printer)
    document.setDefaultFont(sheet_font())
    document.setDocumentMargin(0)
    document.setPageSize(body)
    document.setHtml(html)
    return document


def _points(printer: QPrinter, points: float) -> float:
    return points * printer.resolution() / 72.0


def _body_size(printer: QPrinter) -> QSizeF:
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    footer = _points(printer, FOOTER_GAP_POINTS + FOOTER_POINTS * 1.6)
    return QSizeF(page.width(), page.height() - footer)


def footer_text(part: Part, page: int, pages: int) -> tuple[str, str]:
    """The footer's two halves; the first is shortened if the office name is very long."""
    where = f"Printed on {part.printed_on} by {part.office} — {part.city}"
    return where, f" — page {page} of {pages}"


def _draw_footer(painter: QPainter, printer: QPrinter, part: Part, page: int, pages: int) -> None:
    body = _body_size(printer)
    font = sheet_font()
    font.setPointSizeF(FOOTER_POINTS)
    metrics = QFontMetricsF(font, printer)
    rule_y = body.height() + _points(printer, FOOTER_GAP_POINTS) * 0.6
    painter.save()
    painter.setPen(QPen(QColor("#777777"), _points(printer, 0.5)))
    painter.drawLine(0, round(rule_y), round(body.width()), round(rule_y))
    where, page_text = footer_text(part, page, pages)
    room = body.width() - metrics.horizontalAdvance(page_text)
    text = metrics.elidedText(where, Qt.TextElideMode.ElideMiddle, room) + page_text
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    painter.drawText(
        QRectF(0, rule_y + _points(printer, 2), body.width(), metrics.height() * 1.2),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
        text,
    )
    painter.restore()


def paint_document(
    painter: QPainter, printer: QPrinter, document: QTextDocument, part: Part, first: bool
) -> int:
    """Draw the document page by page, each page's slice clipped, with its footer."""
    body = _body_size(printer)
    pages = max(1, document.pageCount())
    layout = document.documentLayout()
    for page in range(pages):
        if not first or page:
            printer.newPage()
        top = page * body.height()
        painter.save()
        painter.setClipRect(QRectF(0, 0, body.width(), body.height()))
        painter.translate(0, -top)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, top, body.width(), body.height())
        layout.draw(painter, context)
        painter.restore()
        if part.city is not None:
            _draw_footer(painter, printer, part, page + 1, pages)
    return pages


def paint_parts(
    printer: QPrinter,
    parts: Iterable[Part],
    on_part: Callable[[int], bool] | None = None,
) -> int:
    """Print the parts one after the other on `printer`; returns the number of pages.

    `on_part(done)` is called after each part; returning False stops the run
    (Cancelled). The printer must already have its page layout and output set.
    """
    painter = QPainter()
    if not painter.begin(printer):
        target = printer.outputFileName() or printer.printerName() or "the printer"
        raise OSError(f"Cannot print to {target}.")
    pages = 0
    try:
        for done, part in enumerate(parts, start=1):
            document = layout_document(part.html, printer, _body_size(printer))
            pages += paint_document(painter, printer, document, part, first=pages == 0)
            if on_part is not None and not on_part(done):
                raise Cancelled("Printing was cancelled.")
    finally:
        if painter.isActive():
            painter.end()
    return pages


# -- PDF files -----------------------------------------------------------------


def pdf_printer(path: Path, paper: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(page_layout(paper))
    printer.setCreator("CCN Desktop")
    return printer


def check_target(path: Path) -> Path:
    """Say in one sentence why a PDF cannot go to `path`, before any work is done."""
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FactSheetError(f"Cannot write the PDF {path}: it is a folder.")
    if not folder.is_dir():
        raise FactSheetError(f"Cannot write the PDF {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FactSheetError(f"Cannot write the PDF {path}: the folder {folder} is not writable.")
    if path.exists() and not os.access(path, os.W_OK):
        raise FactSheetError(f"Cannot write the PDF {path}: the file is read-only.")
    return path.resolve()


def write_pdf(
    path: Path,
    parts: Iterable[Part],
    paper: str,
    on_part: Callable[[int], bool] | None = None,
) -> int:
    """Print the parts into a PDF at `path`, all or nothing; returns the page count.

    The PDF is written to a temporary file beside the target and renamed over it
    only when complete, so a failure or a Cancel leaves no partial file (and an
    older PDF of the same name intact).
    """
    path = check_target(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".pdf.part",
                                         dir=path.parent)  # fmt: skip
    os.close(handle)
    try:
        printer = pdf_printer(Path(temporary), paper)
        pages = paint_parts(printer, parts, on_part)
        if pages == 0:
            raise FactSheetError("No city is chosen, so there is no fact sheet to print.")
        with contextlib.suppress(OSError):
            os.chmod(temporary, 0o644)  # mkstemp made it private; a PDF is for sharing
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return pages
