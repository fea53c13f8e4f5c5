"""How a fact sheet writes dates, years, ordinals and places, in the sheet's language.

Dates are spelled out (CLDR through Babel: "12 June 2018", "12 juin 2018") so that no
reader mistakes day for month; the language is the one `i18n` speaks now, which a
booklet printed in another language than the program's switches (`i18n.speaking`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ccn_desktop.i18n import _, babel_locale, current_language, ngettext


def date_text(day: dt.date) -> str:
    """`12 June 2018`, `12 juin 2018`, `12 de junio de 2018`: spelled out in the sheet's
    language, so that no reader mistakes day for month."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=babel_locale())


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
        return f"{format_date(first, pattern, locale=babel_locale())} – {date_text(last)}"
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
