"""Which paper a fact sheet is laid out for: A4 or Letter (no Qt).

The default follows the country of the user's locale: the Americas' Letter
countries and the Philippines use Letter, the rest of the world A4.
"""

from __future__ import annotations

from typing import Final

from ccn_desktop.i18n import _

PAPER_SIZES: Final = ("A4", "Letter")
DEFAULT_PAPER: Final = "A4"

# ISO 3166-1 codes of the countries where Letter is the usual office paper.
LETTER_COUNTRIES: Final = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PA", "DO", "CR", "SV", "NI", "PR", "BZ"}
)


class PaperError(ValueError):
    """A paper size other than A4 or Letter."""


def paper_for_territory(code: str) -> str:
    return "Letter" if code.upper() in LETTER_COUNTRIES else DEFAULT_PAPER


def paper_for_locale_name(name: str) -> str:
    """`en_US.UTF-8` → Letter, `fr_FR` → A4, `C` → A4."""
    language_and_country = name.split(".")[0].split("@")[0]
    parts = language_and_country.replace("-", "_").split("_")
    return paper_for_territory(parts[-1]) if len(parts) > 1 else DEFAULT_PAPER


def known_paper(name: str) -> str:
    """`a4` → A4, `letter` → Letter; one sentence for anything else."""
    for paper in PAPER_SIZES:
        if paper.casefold() == name.strip().casefold():
            return paper
    raise PaperError(_("Unknown paper size {name!r}; choose A4 or Letter.").format(name=name))
