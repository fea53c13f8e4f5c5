"""Fact sheets on paper and in PDF: QTextDocument lays the HTML out, a paged device draws it.

Paper goes to a `QPrinter`; a PDF is written by a `QPdfWriter`, which never asks the
print system anything (a PDF `QPrinter` asks CUPS for its default printer, over a
socket to port 631 or to `CUPS_SERVER`): making a PDF opens no socket at all.

QTextDocument paginates but draws no page footer, so each page's slice of the
document is painted here by hand and the footer ("Printed on DATE by OFFICE —
CITY — page x of y") is drawn under it. The document subclass loads nothing:
the sheet must never reach for a file or the network, whatever a record says.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTransform,
)

from ccn_desktop.factsheet.content import SheetSource
from ccn_desktop.factsheet.paper import DEFAULT_PAPER, known_paper, paper_for_territory
from ccn_desktop.factsheet.render import city_html, cover_html
from ccn_desktop.factsheet.sheet_data import CitySheet, FactSheetError
from ccn_desktop.i18n import SOURCE_LANGUAGE, _, current_language, speaking
from ccn_desktop.safe_files import replacing, writable_target

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

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        self.refused.append(name.toString() if isinstance(name, QUrl) else name)
        return None


@dataclass(frozen=True)
class Part:
    """One piece of a print run: a city's sheet, or the booklet's cover (no footer)."""

    html: str
    city: str | None
    printed_on: str
    office: str
    images: tuple[tuple[str, QImage], ...] = ()  # in-memory resources the HTML names
    title: str = ""  # the PDF's Title when this part comes first
    language: str = SOURCE_LANGUAGE  # of the footer too


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
    # No "fi"/"ffi" ligatures: text copied or searched in the PDF stays plain letters.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def sheet_part(sheet: CitySheet) -> Part:
    """The sheet's HTML and its locator map, drawn here (the sheet loads nothing)."""
    images: tuple[tuple[str, QImage], ...] = ()
    if sheet.latitude is not None and sheet.longitude is not None:
        from ccn_desktop.drawing.locator import locator_image

        image = locator_image(sheet.latitude, sheet.longitude, sheet.country_code)
        images = ((sheet.locator_url, image),)
    title = _("{city} — fact sheet").format(city=sheet.name)
    return Part(
        city_html(sheet), sheet.name, sheet.printed_on, sheet.office, images, title,
        current_language(),
    )  # fmt: skip


def parts_in(language: str, parts: Iterable[Part]) -> Iterator[Part]:
    """The parts made in `language` (a sheet's language is chosen apart from the program's),
    still one at a time as the printer asks for them."""
    made = iter(parts)
    while True:
        with speaking(language):
            part = next(made, None)
        if part is None:
            return
        yield part


def city_parts(source: SheetSource, uuids: Sequence[str]) -> Iterator[Part]:
    """The sheets of these cities, made one at a time as the printer asks for them."""
    for uuid in uuids:
        yield sheet_part(source.sheet(uuid))


def booklet_parts(
    source: SheetSource, uuids: Sequence[str], title: str, subtitle: str = ""
) -> Iterator[Part]:
    """A cover page, then each city's sheet starting on a page of its own."""
    cities = check_printable(source, uuids)
    cover = source.cover(cities, title, subtitle)
    images: tuple[tuple[str, QImage], ...] = ()
    if cover.map_url:
        from ccn_desktop.catalogue.locations import CityLocations
        from ccn_desktop.drawing.locator import world_image

        uuids, names, fields, years, latitudes, longitudes = [
            list(column) for column in zip(*cover.located, strict=True)
        ]
        located = CityLocations(uuids, names, fields, years, latitudes, longitudes, [])
        images = ((cover.map_url, world_image(located)),)
    yield Part(
        cover_html(cover), None, cover.printed_on, cover.office, images, cover.title,
        current_language(),
    )  # fmt: skip
    yield from city_parts(source, uuids)


def check_printable(source: SheetSource, uuids: Sequence[str]) -> list[dict[str, Any]]:
    """Refuse, before any file is touched, an empty choice, unknown or deleted cities."""
    if not uuids:
        raise FactSheetError(_("No city is chosen, so there is no fact sheet to print."))
    cities = source.catalogue.get_many("city", uuids)
    known = {city["uuid"]: city for city in cities}
    for uuid in uuids:
        if uuid not in known:
            raise FactSheetError(_("No city {uuid} in this catalogue.").format(uuid=uuid))
        if known[uuid]["deleted"]:
            name = known[uuid]["name"]
            raise FactSheetError(
                _("{city} ({uuid}) is deleted; restore it to print its fact sheet.").format(
                    city=name, uuid=uuid
                )
            )
    return [known[uuid] for uuid in uuids]


def booklet_title(creative_field: str | None) -> str:
    if creative_field:
        return _("UNESCO Creative Cities of {field}").format(field=_(creative_field))
    return _("UNESCO Creative Cities Network")


# -- painting ------------------------------------------------------------------


def footer_text(part: Part, page: int, pages: int) -> tuple[str, str]:
    """The footer's two halves; the first is shortened if the office name is very long."""
    with speaking(part.language):
        where = _("Printed on {date} by {office} — {city}").format(
            date=part.printed_on, office=part.office, city=part.city
        )
        return where, _(" — page {page} of {pages}").format(page=page, pages=pages)


class SheetPainter:
    """Paints parts onto an active paged device (a printer or a PDF writer): one document
    and one set of fonts for the run.

    The document is laid out for the device's resolution (`setPaintDevice`) and
    paginated to the body (the page inside the margins, less the footer).
    """

    def __init__(self, printer: QPagedPaintDevice, painter: QPainter) -> None:
        self.printer = printer
        self.painter = painter
        self.pages = 0
        page = printer.pageLayout().paintRectPixels(_resolution(printer))
        footer_height = self._points(FOOTER_GAP_POINTS + FOOTER_POINTS * 1.6)
        self.body = QSizeF(page.width(), page.height() - footer_height)
        self.document = SheetDocument()
        self.document.documentLayout().setPaintDevice(printer)
        self.document.setDefaultFont(sheet_font())
        self.document.setDocumentMargin(0)
        self.document.setPageSize(self.body)
        self.footer_font = sheet_font()
        self.footer_font.setPointSizeF(FOOTER_POINTS)
        self.footer_metrics = QFontMetricsF(self.footer_font, printer)
        self.rule_y = self.body.height() + self._points(FOOTER_GAP_POINTS) * 0.6
        self.rule_pen = QPen(QColor("#777777"), self._points(0.5))
        self.text_pen = QPen(QColor("#333333"))
        self.footer_rect = QRectF(
            0, self.rule_y + self._points(2), self.body.width(), self.footer_metrics.height() * 1.2
        )

    def _points(self, points: float) -> float:
        return points * _resolution(self.printer) / 72.0

    def paint(self, part: Part) -> int:
        """Draw the part page by page, each page's slice clipped, with its footer."""
        self.document.clear()  # and the previous part's images with it
        for name, image in part.images:
            self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self.document.setHtml(part.html)
        pages = max(1, self.document.pageCount())
        layout = self.document.documentLayout()
        width, height = self.body.width(), self.body.height()
        for page in range(pages):
            if self.pages:
                self.printer.newPage()
            self.pages += 1
            top = page * height
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, top, width, height)
            self.painter.setClipRect(QRectF(0, 0, width, height))
            self.painter.setTransform(QTransform.fromTranslate(0, -top))
            layout.draw(self.painter, context)
            self.painter.setTransform(QTransform())
            self.painter.setClipping(False)
            if part.city is not None:
                self._footer(part, page + 1, pages)
        return pages

    def _footer(self, part: Part, page: int, pages: int) -> None:
        where, page_text = footer_text(part, page, pages)
        metrics = self.footer_metrics
        room = self.body.width() - metrics.horizontalAdvance(page_text)
        text = metrics.elidedText(where, Qt.TextElideMode.ElideMiddle, room) + page_text
        self.painter.setPen(self.rule_pen)
        self.painter.drawLine(QPointF(0, self.rule_y), QPointF(self.body.width(), self.rule_y))
        self.painter.setFont(self.footer_font)
        self.painter.setPen(self.text_pen)
        self.painter.drawText(self.footer_rect, FOOTER_FLAGS, text)


FOOTER_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def _resolution(device: QPagedPaintDevice) -> int:
    """Dots per inch of a printer or a PDF writer (both say it, under one name)."""
    return int(device.resolution())  # type: ignore[attr-defined]


def paint_parts(
    printer: QPagedPaintDevice,
    parts: Iterable[Part],
    on_part: Callable[[int], bool] | None = None,
) -> int:
    """Print the parts one after the other on `printer`; returns the number of pages.

    `on_part(done)` is called after each part; returning False stops the run
    (Cancelled). The printer must already have its page layout and output set.
    """
    painter = QPainter()
    if not painter.begin(printer):
        if isinstance(printer, QPdfWriter):  # it cannot say its file: the caller names it
            target = _("the PDF file")
        else:  # a QPrinter, on paper
            named = printer.outputFileName() or printer.printerName()  # type: ignore[attr-defined]
            target = named or _("the printer")
        raise OSError(_("Cannot print to {target}.").format(target=target))
    try:
        sheets = SheetPainter(printer, painter)
        for done, part in enumerate(parts, start=1):
            sheets.paint(part)
            if on_part is not None and not on_part(done):
                raise Cancelled(_("Printing was cancelled."))
    finally:
        painter.end()
    return sheets.pages


# -- PDF files -----------------------------------------------------------------


PDF_RESOLUTION = 1200  # dots per inch, as a high-resolution QPrinter lays PDFs out


def pdf_printer(path: Path, paper: str) -> QPdfWriter:
    """A PDF writer for `path`: it asks no print system (and so opens no socket)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(paper))
    writer.setCreator("CCN Desktop")
    return writer


def check_target(path: Path) -> Path:
    """Say in one sentence why a PDF cannot go to `path`, before any work is done."""
    return writable_target(path, FactSheetError)


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
    with replacing(path, mode=0o644) as temporary:  # synced, renamed, folder synced
        printer = pdf_printer(temporary, paper)
        first = next(iter(parts := iter(parts)), None)
        if first is not None:
            printer.setTitle(first.title)  # the PDF's Title, shown by viewers
            parts = itertools.chain([first], parts)
        pages = paint_parts(printer, parts, on_part)
        if pages == 0:
            raise FactSheetError(_("No city is chosen, so there is no fact sheet to print."))
    return pages
