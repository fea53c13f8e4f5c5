"""One drawing to PNG, SVG, PDF or a printer, written whole or not at all.

A drawing is `paint(painter, rect, vector)`: `vector` is true on PDF, SVG and
printers, where dots must be true circles rather than stamped images.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSize
from PySide6.QtGui import QImage, QImageWriter, QPageLayout, QPageSize, QPainter, QPdfWriter

from ccn_desktop.i18n import _
from ccn_desktop.safe_files import replacing, writable_target

Paint = Callable[[QPainter, QRectF, bool], None]
FORMATS = ("png", "svg", "pdf")
PNG_SIZE = QSize(2400, 1500)
SVG_SIZE = QSize(1200, 750)


class ExportError(OSError):
    """The file cannot be written (safe_files.writable_target says why, or an unknown format)."""


def format_of(path: Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ExportError(
            _("Cannot save {path}: give it one of the endings .png, .svg or .pdf.").format(
                path=path
            )
        )
    return suffix


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """`write` the file to a temporary path beside `path`, which replaces `path` only once
    it is whole and synced (safe_files.py); on a failure the old file stays as it was."""
    path = writable_target(path, ExportError)
    with replacing(path) as temporary:  # Qt creates it with the usual permissions
        write(temporary)
    return path


def _png(target: Path, paint: Paint, size: QSize) -> None:
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    try:
        paint(painter, QRectF(0, 0, size.width(), size.height()), False)
    finally:
        painter.end()
    if not QImageWriter(str(target), QByteArray(b"PNG")).write(image):
        raise ExportError(_("Cannot write {path}.").format(path=target))


def _svg(target: Path, paint: Paint, size: QSize, title: str) -> None:
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(target))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("CCN Desktop")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(_("Cannot write {path}.").format(path=target))
    try:
        paint(painter, QRectF(0, 0, size.width(), size.height()), True)
    finally:
        painter.end()


def pdf_writer(target: Path, title: str, *, landscape: bool) -> QPdfWriter:
    writer = QPdfWriter(str(target))
    writer.setCreator("CCN Desktop")
    writer.setTitle(title)
    writer.setResolution(300)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def _pdf(target: Path, pages: list[Paint], title: str, landscape: bool) -> None:
    writer = pdf_writer(target, title, landscape=landscape)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(_("Cannot write {path}.").format(path=target))
    try:
        rect = QRectF(painter.viewport())
        for number, paint in enumerate(pages):
            if number:
                writer.newPage()
            paint(painter, rect, True)
    finally:
        painter.end()


def save(
    path: Path,
    paint: Paint,
    title: str,
    *,
    size: QSize | None = None,
    landscape: bool = True,
    more_pages: list[Paint] | None = None,
    kind: str | None = None,
) -> Path:
    """Write the drawing to `path` in the format its ending names (.png, .svg, .pdf).

    `more_pages` are further PDF pages (a PNG or SVG holds the first page only).
    """
    kind = kind or format_of(path)
    if kind == "png":
        return _atomic(path, lambda target: _png(target, paint, size or PNG_SIZE))
    if kind == "svg":
        return _atomic(path, lambda target: _svg(target, paint, size or SVG_SIZE, title))
    return _atomic(
        path, lambda target: _pdf(target, [paint, *(more_pages or [])], title, landscape)
    )
