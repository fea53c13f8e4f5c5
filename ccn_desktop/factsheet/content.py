"""What a city's fact sheet says, gathered through the `Catalogue` facade (no Qt).

The result is plain data (strings, tuples) that the template lays out; nothing
here knows HTML, so every value reaches the page through Jinja's escaping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ccn_desktop.catalogue.country_names import local_country_name
from ccn_desktop.catalogue.errors import CatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.monitoring import ReportDue, next_report_due
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.vocabulary import (
    CREATIVE_FIELDS,
    UNESCO_REGIONS,
    field_colour,
    text_colour_on,
)
from ccn_desktop.i18n import _, current_language, ngettext

NOT_RECORDED = "—"
COVER_CONTENTS_LIMIT = 100  # more city names than this would not fit on the cover page


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


def _babel_locale() -> str:
    """UNESCO writes British English ("4 May 2026"), and French and Spanish as CLDR has them."""
    language = current_language()
    return "en_GB" if language == "en" else language


def date_text(day: dt.date) -> str:
    """`12 June 2018`, `12 juin 2018`, `12 de junio de 2018`: spelled out in the sheet's
    language, so that no reader mistakes day for month."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=_babel_locale())


def _parse_date(text: Any) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def date_range_text(start: Any, end: Any) -> str:
    """`12–15 June 2018`, `28 June – 2 July 2018`, or one date when only one is known."""
    first, last = _parse_date(start), _parse_date(end)
    if first is None or last is None or first == last:
        single = first or last
        return date_text(single) if single else ""
    from babel.dates import format_date

    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date_text(last)}"
    if first.year == last.year:  # "28 June", "28 juin", "28 de junio"
        pattern = "d 'de' MMMM" if current_language() == "es" else "d MMMM"
        return f"{format_date(first, pattern, locale=_babel_locale())} – {date_text(last)}"
    return f"{date_text(first)} – {date_text(last)}"


def years_text(start: int | None, end: int | None) -> str:
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    if start:
        return _("since {year}").format(year=start)
    return _("until {year}").format(year=end) if end else ""


def membership_text(designation_year: int | None, today: dt.date) -> str:
    if designation_year is None:
        return ""
    years = today.year - designation_year
    if years < 0:
        return _("from {year}").format(year=designation_year)
    if years == 0:
        return _("designated this year")
    return ngettext("{n} year", "{n} years", years).format(n=years)


def ordinal(number: int | None) -> str:
    if number is None:
        return ""
    language = current_language()
    if language == "fr":
        return "1re" if number == 1 else f"{number}e"
    if language == "es":
        return f"{number}.ª"  # la conferencia: feminine ordinal
    suffixes = {1: "st", 2: "nd", 3: "rd"}
    suffix = "th" if 10 <= number % 100 <= 20 else suffixes.get(number % 10, "th")
    return f"{number}{suffix}"


def paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """Blank lines separate paragraphs; single line breaks are kept within one."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return tuple(
        tuple(line.strip() for line in block.split("\n") if line.strip())
        for block in blocks
        if block
    )


def location_text(latitude: float | None, longitude: float | None) -> str:
    """`43.86° N, 18.41° E`, or a sentence saying the sheet has no map."""
    if latitude is None or longitude is None:
        return _("No location recorded, so this sheet has no map.")
    north = "N" if latitude >= 0 else "S"
    east = "E" if longitude >= 0 else "W"
    return f"{abs(latitude):.2f}° {north}, {abs(longitude):.2f}° {east}"


def field_title(creative_field: str) -> str:
    return _("UNESCO Creative City of {field}").format(field=_(creative_field))


class SheetSource:
    """Builds sheets for one printing run; fellow cities are looked up once per field."""

    def __init__(self, catalogue: Catalogue, printed_on: dt.date | None = None) -> None:
        self.catalogue = catalogue
        self.today = printed_on or dt.date.today()
        self._fellows: dict[str, list[tuple[str, str, str]]] = {}

    @property
    def office(self) -> str:
        return self.catalogue.office.name

    def sheet(self, city_uuid: str) -> CitySheet:
        city = self.catalogue.get("city", city_uuid)  # RecordNotFoundError names the UUID
        if city["deleted"]:
            raise FactSheetError(
                _("{city} ({uuid}) is deleted; restore it to print its fact sheet.").format(
                    city=city["name"], uuid=city_uuid
                )
            )
        field = city["creative_field"]
        colour = field_colour(field)
        due = next_report_due(city["designation_year"], city["report_dates"])
        fellows = [entry for entry in self._fellow_rows(field) if entry[0] != city_uuid]
        return CitySheet(
            uuid=city_uuid,
            name=city["name"],
            country=self._country(city),
            creative_field=_(field),
            field_title=field_title(field),
            field_colour=colour,
            field_text_colour=text_colour_on(colour),
            key_facts=self._key_facts(city),
            contact_facts=self._contact_facts(city) + self._report_facts(due),
            description=paragraphs(city["description"] or ""),
            objectives=tuple(item for item in city["objectives"] if item.strip()),
            conferences=self._conferences(city_uuid),
            projects=self._projects(city_uuid),
            fellows=self._group_fellows(fellows),
            fellow_count=len(fellows),
            printed_on=date_text(self.today),
            office=self.office,
            latitude=city.get("latitude"),
            longitude=city.get("longitude"),
            country_code=city["country_code"] or "",
            location=location_text(city.get("latitude"), city.get("longitude")),
        )

    def cover(
        self, cities: Sequence[dict[str, Any]], title: str, subtitle: str = ""
    ) -> BookletCover:
        """The booklet's first page: what is inside, when and by whom it was printed."""
        counts: dict[str, int] = {}
        for city in cities:
            counts[city["creative_field"]] = counts.get(city["creative_field"], 0) + 1
        ordered = [name for name in CREATIVE_FIELDS if name in counts]
        ordered += sorted(name for name in counts if name not in CREATIVE_FIELDS)
        fields = tuple(
            (_(name), counts[name], field_colour(name), text_colour_on(field_colour(name)))
            for name in ordered
        )
        located = tuple(
            (city["uuid"], city["name"], city["creative_field"], city["designation_year"],
             float(city["latitude"]), float(city["longitude"]))
            for city in cities
            if city.get("latitude") is not None and city.get("longitude") is not None
        )  # fmt: skip
        return BookletCover(
            title=title,
            subtitle=subtitle,
            count=len(cities),
            fields=fields,
            contents=tuple(city["name"] for city in cities)
            if len(cities) <= COVER_CONTENTS_LIMIT
            else (),
            printed_on=date_text(self.today),
            office=self.office,
            map_url="cover:world-map" if located else "",
            located=located,
        )

    # -- parts -----------------------------------------------------------------

    @staticmethod
    def _country(city: dict[str, Any]) -> str:
        """In the sheet's language when the code is known, else as stored."""
        return local_country_name(city["country_code"] or "") or city["country"] or ""

    def _key_facts(self, city: dict[str, Any]) -> tuple[Fact, ...]:
        year = city["designation_year"]
        membership = membership_text(year, self.today)
        designation = f"{year} ({membership})" if year and membership else str(year or "")
        return (
            Fact(_("Country"), self._country(city)),
            Fact(_("UNESCO region"), _(city["region"]) if city["region"] else ""),
            Fact(_("Creative field"), _(city["creative_field"])),
            Fact(_("Designated"), designation),
            Fact(
                _("Membership"),
                _(city["membership_status"]) if city["membership_status"] else "",
            ),
            Fact(_("Website"), city["website"] or ""),
        )

    @staticmethod
    def _contact_facts(city: dict[str, Any]) -> tuple[Fact, ...]:
        return (
            Fact(_("Focal point"), city["focal_point_name"] or ""),
            Fact(_("Role"), city["focal_point_role"] or ""),
            Fact(_("E-mail"), city["focal_point_email"] or ""),
            Fact(_("Phone"), city["focal_point_phone"] or ""),
        )

    def _report_facts(self, due: ReportDue | None) -> tuple[Fact, ...]:
        last = date_text(due.last_report) if due and due.last_report else _("none recorded")
        if due is None or due.date is None:
            # No report on record: a deadline counted from the designation year would call
            # almost every city overdue, when the catalogue simply lacks the dates.
            return (
                Fact(_("Last report"), last),
                Fact(_("Next report due"), _("no report recorded")),
            )
        when = date_text(due.date)
        overdue = due.overdue(self.today)
        if overdue:
            when = _("{date} (overdue)").format(date=when)
        return (Fact(_("Last report"), last), Fact(_("Next report due"), when, strong=overdue))

    def _conferences(self, city_uuid: str) -> tuple[ConferenceLine, ...]:
        conferences = self.catalogue.get_many(
            "conference", self.catalogue.linked("conference", city_uuid)
        )
        host_uuids = [uuid for item in conferences for uuid in item["host_city_uuids"]]
        names = {city["uuid"]: city["name"] for city in self.catalogue.get_many("city", host_uuids)}
        lines = []
        for item in conferences:
            hosts = [names[uuid] for uuid in item["host_city_uuids"] if uuid in names]
            lines.append(
                ConferenceLine(
                    year=str(item["year"] or ""),
                    edition=ordinal(item["edition"]),
                    hosts=" / ".join(hosts) or item["venue"] or "",
                    theme=item["theme"] or "",
                    dates=date_range_text(item["start_date"], item["end_date"]),
                    format=_(item["format"]) if item["format"] else "",
                )
            )
        return tuple(lines)

    def _projects(self, city_uuid: str) -> tuple[ProjectLine, ...]:
        projects = self.catalogue.get_many("project", self.catalogue.linked("project", city_uuid))
        # Newest last, like the conferences; projects without a year after the dated ones.
        projects.sort(key=lambda item: (item["start_year"] is None, item["start_year"] or 0))
        return tuple(
            ProjectLine(
                title=item["title"],
                status=_(item["status"]) if item["status"] else "",
                years=years_text(item["start_year"], item["end_year"]),
                lead=item["lead_organisation"] or "",
            )
            for item in projects
        )

    def _fellow_rows(self, field: str) -> list[tuple[str, str, str]]:
        if field not in self._fellows:
            ids = self.catalogue.ids("city", RecordQuery(equals={"creative_field": field}))
            rows = self.catalogue.rows("city", ids, ("name", "region"))
            self._fellows[field] = [
                (rows[i].uuid, rows[i].values["name"], rows[i].values["region"] or "")
                for i in ids
                if i in rows
            ]
        return self._fellows[field]

    @staticmethod
    def _group_fellows(fellows: list[tuple[str, str, str]]) -> tuple[FellowGroup, ...]:
        by_region: dict[str, list[str]] = {}
        for _uuid, name, region in fellows:
            by_region.setdefault(region, []).append(name)
        order = [region for region in UNESCO_REGIONS if region in by_region]
        order += sorted(region for region in by_region if region not in UNESCO_REGIONS)
        return tuple(
            FellowGroup(_(region) if region else _("Region not recorded"), tuple(by_region[region]))
            for region in order
        )


def gather(catalogue: Catalogue, city_uuid: str, printed_on: dt.date | None = None) -> CitySheet:
    """One city's sheet."""
    return SheetSource(catalogue, printed_on).sheet(city_uuid)


def known_field(name: str) -> str:
    """The creative field spelled as stored (`film` → `Film`); one sentence if there is none."""
    for field in CREATIVE_FIELDS:
        if field.casefold() == name.strip().casefold():
            return field
    valid = ", ".join(CREATIVE_FIELDS)
    raise FactSheetError(
        _("There is no creative field {name}; choose one of: {valid}.").format(
            name=repr(name), valid=valid
        )
    )


def field_city_uuids(catalogue: Catalogue, creative_field: str) -> list[str]:
    """The cities of one creative field, in name order; refuses a field that does not exist."""
    creative_field = known_field(creative_field)
    ids = catalogue.ids("city", RecordQuery(equals={"creative_field": creative_field}))
    rows = catalogue.rows("city", ids, ())
    return [rows[i].uuid for i in ids if i in rows]


def all_city_uuids(catalogue: Catalogue) -> list[str]:
    ids = catalogue.ids("city")
    rows = catalogue.rows("city", ids, ())
    return [rows[i].uuid for i in ids if i in rows]
