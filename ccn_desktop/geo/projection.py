"""The Equal Earth projection (Šavrič, Patterson & Jenny, 2018): equal-area, for world maps.

x grows eastwards and y northwards, in units of the earth's radius (the world spans
about ±2.71 by ±1.32). A page flips y. x is the longitude times a factor of the
latitude alone, which keeps projecting many cities cheap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_FACTOR = 2 * math.sqrt(3) / 3
DEGREE = math.pi / 180


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """(x, y) of a point given in degrees."""
    theta = math.asin(M * math.sin(latitude * DEGREE))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        X_FACTOR
        * longitude
        * DEGREE
        * math.cos(theta)
        / (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2))
    )
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def project_many(
    longitudes: Sequence[float], latitudes: Sequence[float]
) -> tuple[list[float], list[float]]:
    """Parallel lists of x and y: the loop kept tight for 100,000 cities."""
    asin, sin, cos = math.asin, math.sin, math.cos
    xs: list[float] = []
    ys: list[float] = []
    add_x, add_y = xs.append, ys.append
    for longitude, latitude in zip(longitudes, latitudes, strict=True):
        theta = asin(M * sin(latitude * DEGREE))
        t2 = theta * theta
        t6 = t2 * t2 * t2
        add_x(
            X_FACTOR
            * longitude
            * DEGREE
            * cos(theta)
            / (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2))
        )
        add_y(theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)))
    return xs, ys


WORLD_X = project(180, 0)[0]  # half the map's width
WORLD_Y = project(0, 90)[1]  # half its height
