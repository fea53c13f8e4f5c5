"""The shipped world outlines, decoded and projected once per run (no Qt).

`world("50m")` is the map on screen and on paper; `world("110m")` the small
locator on fact sheets. Each country is a list of projected rings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ccn_desktop.geo.projection import project
from ccn_desktop.geo.topojson import load
from ccn_desktop.resources import resource_path

RESOLUTIONS = {"50m": "maps/countries-50m.json", "110m": "maps/countries-110m.json"}
CREDIT = "Made with Natural Earth. City locations: GeoNames (CC BY 4.0)."


@dataclass(frozen=True)
class Country:
    id: str  # ISO 3166-1 numeric, "" for a few disputed areas
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # projected (x, y), y northwards


@cache
def world(resolution: str = "50m") -> tuple[Country, ...]:
    shapes = load(resource_path(RESOLUTIONS[resolution]))
    return tuple(
        Country(
            shape.id,
            shape.name,
            tuple(tuple(project(lon, lat) for lon, lat in ring) for ring in shape.rings),
        )
        for shape in shapes
    )
