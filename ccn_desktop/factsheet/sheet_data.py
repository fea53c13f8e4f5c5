"""What a fact sheet is made of: plain data (strings, tuples) that the templates lay out.

Nothing here knows HTML or Qt; `content.py` fills these from the catalogue and
`render.py` hands them to Jinja, whose escaping every value goes through.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccn_desktop.catalogue.errors import CatalogueError

NOT_RECORDED = "—"


class FactSheetError(CatalogueError):
    """A fact sheet cannot be made (unknown field, deleted city, nothing chosen)."""


@dataclass(frozen=True)
class Fact:
    label: str
    value: str  # "" when the catalogue has nothing; the template shows NOT_RECORDED
    strong: bool = False  # printed in bold (an overdue report)


@dataclass(frozen=True)
class ConferenceLine:
    year: str
    edition: str
    hosts: str
    theme: str
    dates: str
    format: str


@dataclass(frozen=True)
class ProjectLine:
    title: str
    status: str
    years: str
    lead: str


@dataclass(frozen=True)
class FellowGroup:
    region: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class CitySheet:
    uuid: str
    name: str
    country: str
    creative_field: str
    field_title: str  # "UNESCO Creative City of Film"
    field_colour: str
    field_text_colour: str
    key_facts: tuple[Fact, ...]
    contact_facts: tuple[Fact, ...]
    description: tuple[tuple[str, ...], ...]  # paragraphs of lines
    objectives: tuple[str, ...]
    conferences: tuple[ConferenceLine, ...]
    projects: tuple[ProjectLine, ...]
    fellows: tuple[FellowGroup, ...]
    fellow_count: int
    printed_on: str
    office: str
    latitude: float | None = None
    longitude: float | None = None
    country_code: str = ""
    location: str = ""  # "43.86° N, 18.41° E", or why there is no map

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def locator_url(self) -> str:
        """The name the printer gives the locator image (an in-memory resource)."""
        return f"locator:{self.uuid}"


@dataclass(frozen=True)
class BookletCover:
    title: str
    subtitle: str
    count: int
    fields: tuple[tuple[str, int, str, str], ...]  # name, cities, colour, text colour
    contents: tuple[str, ...]  # the cities in booklet order; empty when too many for one page
    printed_on: str
    office: str
    map_url: str = ""  # the world map of the booklet's cities, when any has a location
    located: tuple[tuple[str, str, str, int | None, float, float], ...] = ()
