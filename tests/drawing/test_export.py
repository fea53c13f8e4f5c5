"""Drawings saved as PNG, SVG and PDF: whole files or none, one sentence when it cannot be."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ccn_desktop.drawing import export
from tests.unwritable import UNWRITABLE, tree, unwritable


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


def test_an_unknown_ending_is_one_sentence(qapp: object, tmp_path: Path) -> None:
    target = tmp_path / "drawing.gif"
    with pytest.raises(export.ExportError) as refused:
        export.save(target, square, "A square")
    assert str(refused.value) == (
        f"Cannot save {target}: give it one of the endings .png, .svg or .pdf."
    )
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


@pytest.mark.parametrize("kind", UNWRITABLE)
@pytest.mark.parametrize("ending", ["png", "svg", "pdf"])
def test_an_unwritable_target_is_one_sentence_and_nothing_is_written(
    qapp: object, tmp_path: Path, kind: str, ending: str
) -> None:
    with unwritable(kind, tmp_path, f"drawing.{ending}") as (target, sentence):
        before = tree(tmp_path)
        with pytest.raises(export.ExportError) as refused:
            export.save(target, square, "A square")
        assert str(refused.value) == sentence
        assert tree(tmp_path) == before


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
