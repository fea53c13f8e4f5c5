"""What a city's fact sheet says, gathered through the `Catalogue` facade (no Qt).

The result is the plain data of `sheet_data.py`, its dates and years written by
`wording.py`, that the template lays out; nothing here knows HTML, so every value
reaches the page through Jinja's escaping. Also which cities a booklet holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ccn_desktop.catalogue.country_names import local_country_name
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.monitoring import ReportDue, next_report_due
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.vocabulary import (
    CREATIVE_FIELDS,
    UNESCO_REGIONS,
    field_colour,
    text_colour_on,
)
from ccn_desktop.factsheet.sheet_data import (
    BookletCover,
    CitySheet,
    ConferenceLine,
    Fact,
    FactSheetError,
    FellowGroup,
    ProjectLine,
)
from ccn_desktop.factsheet.wording import (
    date_range_text,
    date_text,
    field_title,
    location_text,
    membership_text,
    ordinal,
    paragraphs,
    years_text,
)
from ccn_desktop.i18n import _

COVER_CONTENTS_LIMIT = 100  # more city names than this would not fit on the cover page


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
