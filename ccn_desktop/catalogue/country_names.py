"""Country names in the reader's language, from pycountry's own ISO 3166-1 translations.

The catalogue stores the English name (and the code); what a person reads — the
window's lists, the fact sheet — comes through here in the chosen language.
"""

from __future__ import annotations

import gettext
from functools import cache

from ccn_desktop import i18n


@cache
def _iso3166(language: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@cache
def _english(code: str) -> tuple[str, str]:
    """(the name pycountry translates, the short name shown in English)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None:
        return "", ""
    return country.name, getattr(country, "common_name", None) or country.name


def local_country_name(code: str, language: str | None = None) -> str:
    """The country of `code` in `language` (default: the current one); "" if unknown."""
    language = language or i18n.current_language()
    name, short = _english(code or "")
    if not name or language == i18n.SOURCE_LANGUAGE:
        return short
    translations = _iso3166(language)
    # pycountry translates the common name where there is one ("Bolivia"), else the name.
    translated = translations.gettext(short)
    return translated if translated != short else translations.gettext(name)


@cache
def _codes_by_english_name() -> dict[str, str]:
    import pycountry

    from ccn_desktop.catalogue.folding import fold

    codes: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("official_name", "name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                codes[fold(name)] = country.alpha_2
    return codes


def shown_country(stored_name: str, language: str | None = None) -> str:
    """A stored (English) country name as the reader reads it; a name pycountry does not
    know ("Kosovo", a typo) is shown as stored."""
    language = language or i18n.current_language()
    if language == i18n.SOURCE_LANGUAGE or not stored_name:
        return stored_name
    from ccn_desktop.catalogue.folding import fold

    code = _codes_by_english_name().get(fold(stored_name))
    return local_country_name(code, language) if code else stored_name
