"""The shipped world outlines, decoded and projected once per run (no Qt).

`world("50m")` is the map on screen and on paper; `world("110m")` the small
locator on fact sheets. Each country is a list of projected rings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ccn_desktop.geo.projection import project
from ccn_desktop.geo.topojson import Ring, load
from ccn_desktop.resources import resource_path

RESOLUTIONS = {"50m": "maps/countries-50m.json", "110m": "maps/countries-110m.json"}
CREDIT = "Made with Natural Earth. City locations: GeoNames (CC BY 4.0)."


@dataclass(frozen=True)
class Country:
    id: str  # ISO 3166-1 numeric, "" for a few disputed areas
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # projected (x, y), y northwards


def unwrap(ring: Ring) -> list[Ring]:
    """A ring drawn without a stroke across the whole map where it crosses ±180°.

    Longitudes are made continuous (Fiji runs on past 180°); a ring that goes round
    a pole (Antarctica) is closed along it; a ring that ends up beyond ±180° is cut
    there, and its far side returned shifted by 360°, so each half shows at its edge
    and nothing needs clipping when it is painted.
    """
    if not ring:
        return []
    points = [ring[0]]
    for lon, lat in ring[1:]:
        previous = points[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        points.append((lon, lat))
    turn = points[-1][0] - points[0][0]
    if abs(turn) > 180:  # round a pole: close the ring along it
        pole = 90.0 if sum(lat for _lon, lat in points) > 0 else -90.0
        points += [(points[-1][0], pole), (points[0][0], pole)]
    variants = [points]
    if max(lon for lon, _lat in points) > 180:
        variants.append([(lon - 360, lat) for lon, lat in points])
    if min(lon for lon, _lat in points) < -180:
        variants.append([(lon + 360, lat) for lon, lat in points])
    clipped = [clip_longitudes(variant) for variant in variants]
    return [ring for ring in clipped if len(ring) >= 3]


def clip_longitudes(ring: Ring, west: float = -180.0, east: float = 180.0) -> Ring:
    """The part of a ring between two meridians (Sutherland–Hodgman, in degrees)."""
    if all(west <= lon <= east for lon, _lat in ring):
        return ring
    keeps: tuple[tuple[float, Callable[[float], bool]], ...] = (
        (west, lambda lon: lon >= west),
        (east, lambda lon: lon <= east),
    )
    for edge, keep in keeps:
        if not ring:
            break
        result: Ring = []
        previous = ring[-1]
        for current in ring:
            inside, was_inside = keep(current[0]), keep(previous[0])
            if inside != was_inside:
                t = (edge - previous[0]) / (current[0] - previous[0])
                result.append((edge, previous[1] + t * (current[1] - previous[1])))
            if inside:
                result.append(current)
            previous = current
        ring = result
    return ring


def outline() -> tuple[tuple[float, float], ...]:
    """The edge of the world in Equal Earth: the ±180° meridians joined at the poles."""
    east = [project(180, lat / 2) for lat in range(-180, 181)]
    west = [project(-180, lat / 2) for lat in range(180, -181, -1)]
    return tuple(east + west)


@cache
def world(resolution: str = "50m") -> tuple[Country, ...]:
    shapes = load(resource_path(RESOLUTIONS[resolution]))
    return tuple(
        Country(
            shape.id,
            shape.name,
            tuple(
                tuple(project(lon, lat) for lon, lat in part)
                for ring in shape.rings
                for part in unwrap(ring)
            ),
        )
        for shape in shapes
    )
