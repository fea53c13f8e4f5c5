"""The closed lists of the network: creative fields, regions, statuses, formats.

Stored values are these English keys; the UI translates their labels. Each
creative field has one colour from the Okabe–Ito palette (eight colours that
colour-blind readers can tell apart), always shown beside the field's name.
"""

from __future__ import annotations

from typing import Final

from ccn_desktop.i18n import N_

# Okabe & Ito (2008), "Color Universal Design": black, orange, sky blue, bluish
# green, yellow, blue, vermillion, reddish purple — one per field.
CREATIVE_FIELDS: Final[dict[str, str]] = {
    N_("Architecture"): "#000000",
    N_("Crafts and Folk Art"): "#E69F00",
    N_("Design"): "#56B4E9",
    N_("Film"): "#009E73",
    N_("Gastronomy"): "#F0E442",
    N_("Literature"): "#0072B2",
    N_("Media Arts"): "#D55E00",
    N_("Music"): "#CC79A7",
}

UNESCO_REGIONS: Final[tuple[str, ...]] = (
    N_("Africa"),
    N_("Arab States"),
    N_("Asia and the Pacific"),
    N_("Europe and North America"),
    N_("Latin America and the Caribbean"),
)

MEMBERSHIP_STATUSES: Final[tuple[str, ...]] = (
    N_("Active"),
    N_("Under review"),
    N_("Suspended"),
    N_("Withdrawn"),
)

CONFERENCE_FORMATS: Final[tuple[str, ...]] = (N_("In person"), N_("Online"), N_("Hybrid"))

PROJECT_STATUSES: Final[tuple[str, ...]] = (
    N_("Planned"),
    N_("Ongoing"),
    N_("Completed"),
    N_("Cancelled"),
)

FIRST_DESIGNATION_YEAR: Final = 2004
MONITORING_PERIOD_YEARS: Final = 4


def field_colour(field: str) -> str:
    """The field's chip colour; grey for a value outside the list (e.g. from a newer office)."""
    return CREATIVE_FIELDS.get(field, "#999999")


def text_colour_on(background: str) -> str:
    """Black or white text, whichever reads better on `background` (#RRGGBB)."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "#000000" if luminance > 140 else "#FFFFFF"
