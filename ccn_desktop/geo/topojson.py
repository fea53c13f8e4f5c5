"""A small TopoJSON decoder: quantized, delta-encoded arcs stitched into polygon rings.

Only what Natural Earth's world files use (Polygon and MultiPolygon in a
GeometryCollection); anything else is skipped. Coordinates come out as
(longitude, latitude) degrees, ready for any projection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    """One country (or territory): its ISO 3166-1 numeric id, name and outer/inner rings."""

    id: str
    name: str
    rings: tuple[Ring, ...]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as absolute (lon, lat): positions are deltas, scaled and translated."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def stitch(indexes: list[int], arcs: list[Ring]) -> Ring:
    """One ring from its arcs; `~i` (negative) is arc i reversed; shared ends once."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def shapes(topology: dict[str, Any], name: str) -> list[Shape]:
    """The polygons of the object `name` (e.g. "countries")."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"][name].get("geometries", []):
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(stitch(ring, arcs) for polygon in polygons for ring in polygon)
        properties = geometry.get("properties") or {}
        found.append(Shape(str(geometry.get("id", "")), str(properties.get("name", "")), rings))
    return found


def load(path: Path, name: str = "countries") -> list[Shape]:
    return shapes(json.loads(path.read_text(encoding="utf-8")), name)
