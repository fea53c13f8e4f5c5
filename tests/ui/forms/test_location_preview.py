"""The city form's coordinates: a map preview, and out-of-range values refused."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from tests.ui.forms.test_record_form import load_city


def test_the_preview_follows_the_coordinates(qtbot: QtBot, seeded: Catalogue) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    preview = form.location_preview
    assert preview.shows_map
    picture = preview.grab().toImage()  # drawn when painted, not before
    centre = picture.pixelColor(picture.width() // 2, picture.height() // 2)
    assert centre.lightness() < 60  # the city's black dot in the middle
    form.set_values({"latitude": None})
    assert not preview.shows_map
    form.set_values({"latitude": 43.85})
    assert preview.shows_map


@pytest.mark.parametrize(
    ("name", "typed", "problem"),
    [("latitude", "91", "at most 90"), ("latitude", "-90.5", "at least -90"),
     ("longitude", "180.01", "at most 180"), ("longitude", "-181", "at least -180")],
)  # fmt: skip
def test_a_coordinate_out_of_range_is_refused(
    qtbot: QtBot, seeded: Catalogue, name: str, typed: str, problem: str
) -> None:
    form, _ = load_city(qtbot, seeded, "Sarajevo")
    line = form.editors[name].line
    line.clear()
    qtbot.keyClicks(line, typed)
    form.validate_now()
    assert form.editors[name].problem() == f"must be {problem}"
    assert not form.is_valid()
    assert not form.location_preview.shows_map
