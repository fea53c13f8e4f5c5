"""Drawings saved as PNG, SVG and PDF: whole files or none, one sentence when it cannot be."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ccn_desktop.drawing import export


def square(painter: QPainter, rect: QRectF, vector: bool) -> None:
    painter.fillRect(rect, QColor("#ffffff"))
    painter.fillRect(rect.adjusted(10, 10, -10, -10), QColor("#009E73"))
    painter.drawText(rect, "Film")


@pytest.mark.parametrize("ending", ["png", "svg", "pdf"])
def test_each_format_is_written(qapp: object, tmp_path: Path, ending: str) -> None:
    written = export.save(tmp_path / f"drawing.{ending}", square, "A square")
    head = written.read_bytes()[:8]
    assert {"png": head.startswith(b"\x89PNG"), "svg": b"<?xml" in head or b"<svg" in head,
            "pdf": head.startswith(b"%PDF-")}[ending]  # fmt: skip
    assert [path.name for path in tmp_path.iterdir()] == [f"drawing.{ending}"]


def test_png_holds_the_drawing(qapp: object, tmp_path: Path) -> None:
    path = export.save(tmp_path / "x.png", square, "A square")
    image = QImage(str(path))
    assert image.pixelColor(image.width() // 2, image.height() // 2) == QColor("#009E73")


@pytest.mark.parametrize(
    ("name", "message"),
    [("drawing.gif", "give it one of the endings .png, .svg or .pdf"),
     ("missing/drawing.png", "does not exist")],
)  # fmt: skip
def test_refusals_are_one_sentence(qapp: object, tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(export.ExportError, match=message):
        export.save(tmp_path / name, square, "A square")
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_a_failure_leaves_no_partial_file_and_keeps_the_old_one(
    qapp: object, tmp_path: Path
) -> None:
    target = tmp_path / "drawing.pdf"
    target.write_bytes(b"old")

    def broken(painter: QPainter, rect: QRectF, vector: bool) -> None:
        raise RuntimeError("disk went away")

    with pytest.raises(RuntimeError):
        export.save(target, broken, "Broken")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["drawing.pdf"]
