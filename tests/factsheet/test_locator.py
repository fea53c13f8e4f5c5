"""The locator map on each fact sheet, and the sheet of a city that has no location."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor

from ccn_desktop.drawing.locator import LOCATOR_SIZE, locator_image
from ccn_desktop.factsheet import printing
from ccn_desktop.factsheet.content import SheetSource, field_city_uuids
from ccn_desktop.factsheet.printing import booklet_parts, city_parts, sheet_part, write_pdf
from tests.factsheet.conftest import Samples
from tests.factsheet.samples import SARAJEVO

TODAY = dt.date(2026, 5, 4)


class RecordingDocument(printing.SheetDocument):
    made: list[printing.SheetDocument] = []  # noqa: RUF012 - filled by the test

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        RecordingDocument.made.append(self)


@pytest.fixture
def source(samples: Samples, qapp: object) -> SheetSource:
    return SheetSource(samples.catalogue, TODAY)


def page_text(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def images_on(path: Path) -> list[int]:
    return [len(page.images) for page in PdfReader(path).pages]


def test_a_located_city_gets_its_map_from_memory(
    source: SheetSource, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = source.sheet(SARAJEVO)
    assert sheet.has_location and sheet.location == "43.85° N, 18.36° E"
    part = sheet_part(sheet)
    assert [name for name, _image in part.images] == [f"locator:{SARAJEVO}"]
    assert f'src="locator:{SARAJEVO}"' in part.html
    RecordingDocument.made = []
    monkeypatch.setattr(printing, "SheetDocument", RecordingDocument)
    target = tmp_path / "sarajevo.pdf"
    write_pdf(target, [part], "A4")
    assert [document.refused for document in RecordingDocument.made] == [[]]
    assert images_on(target) == [1]
    [text] = page_text(target)
    assert "Location" in text and "Natural Earth" in text and "GeoNames" in text


def test_a_city_without_coordinates_prints_without_a_map_and_says_so(
    source: SheetSource, samples: Samples, tmp_path: Path
) -> None:
    sheet = source.sheet(samples.injection)  # added without coordinates
    assert not sheet.has_location
    part = sheet_part(sheet)
    assert part.images == ()
    assert "<img" not in part.html.split("Location")[1][:400]
    target = tmp_path / "nowhere.pdf"
    write_pdf(target, [part], "A4")
    assert images_on(target) == [0]
    [text] = page_text(target)
    assert "No location recorded, so this sheet has no map." in text


def test_the_locator_reads_in_greyscale(qapp: object) -> None:
    image = locator_image(43.85, 18.36, "BA")
    assert (image.width(), image.height()) == LOCATOR_SIZE
    centre = QColor(image.pixel(image.width() // 2, image.height() // 2))
    assert centre.lightness() < 40  # the city's dot is black
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert all(QColor(c).saturation() < 20 for c in colours)  # greys only


def test_a_booklet_of_the_cities_of_film_shows_each_locator(
    source: SheetSource, samples: Samples, tmp_path: Path
) -> None:
    uuids = field_city_uuids(samples.catalogue, "Film")
    located = [uuid for uuid in uuids if source.sheet(uuid).has_location]
    target = tmp_path / "film.pdf"
    parts = list(booklet_parts(source, uuids, "UNESCO Creative Cities of Film"))
    write_pdf(target, parts, "A4")
    counts = images_on(target)
    assert counts[0] == 1  # the cover's world map
    assert sum(counts[1:]) == len(located) >= 30
    assert "cities on the map" in page_text(target)[0]


def test_city_parts_still_one_per_city(source: SheetSource, samples: Samples) -> None:
    parts = list(city_parts(source, [SARAJEVO, samples.injection]))
    assert [len(part.images) for part in parts] == [1, 0]
