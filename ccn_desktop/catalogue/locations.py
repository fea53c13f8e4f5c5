"""Where the cities are: the coordinates a map draws, and the cities it cannot place.

Plain parallel lists (no objects per city, no Qt), read in one query straight from
the cursor, so a map of 100,000 cities costs one scan. A city without a latitude
or longitude is listed apart and never placed at 0,0.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from ccn_desktop.catalogue.statistics import NetworkFilter


@dataclass(frozen=True)
class CityLocations:
    """Cities with coordinates (parallel lists, in name order) and those without."""

    uuids: list[str]
    names: list[str]
    fields: list[str]
    years: list[int | None]
    latitudes: list[float]
    longitudes: list[float]
    missing: list[tuple[str, str]]  # (uuid, name) of the cities that have no location

    def __len__(self) -> int:
        return len(self.uuids)


def city_locations(connection: Connection, network_filter: NetworkFilter) -> CityLocations:
    where, params = network_filter.where()
    result = connection.execute(
        text(
            "SELECT uuid, name, creative_field, designation_year, latitude, longitude "
            f"FROM city WHERE {where} ORDER BY search_key, id"
        ),
        params,
    )
    try:
        rows = result.cursor.fetchall()  # plain tuples: SQLAlchemy's Row would cost more
    finally:
        result.close()
    located = [row for row in rows if row[4] is not None and row[5] is not None]
    return CityLocations(
        uuids=[row[0] for row in located],
        names=[row[1] for row in located],
        fields=[row[2] for row in located],
        years=[row[3] for row in located],
        latitudes=[float(row[4]) for row in located],
        longitudes=[float(row[5]) for row in located],
        missing=[(row[0], row[1]) for row in rows if row[4] is None or row[5] is None],
    )
