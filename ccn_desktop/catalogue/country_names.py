"""Country names in the reader's language, from pycountry's own ISO 3166-1 translations.

The catalogue stores the English name (and the code); what a person reads — the
window's lists, the fact sheet — comes through here in the chosen language.
"""

from __future__ import annotations

import gettext
import re
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


@cache
def _local_to_english(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each country's and list value's folded name in `language` (where it differs from the
    English one) and the folded English name that the catalogue stores, longest first."""
    import pycountry

    from ccn_desktop.catalogue.folding import fold

    pairs = {}
    for country in pycountry.countries:
        english = fold(getattr(country, "common_name", None) or country.name)
        local = fold(local_country_name(country.alpha_2, language))
        if local and local != english:
            pairs[local] = english
    # The closed lists too: "musique" finds the cities of Music, "afrique" those of Africa.
    from ccn_desktop.catalogue import vocabulary

    words = i18n.translations(language)
    for value in (
        *vocabulary.CREATIVE_FIELDS, *vocabulary.UNESCO_REGIONS, *vocabulary.MEMBERSHIP_STATUSES,
        *vocabulary.CONFERENCE_FORMATS, *vocabulary.PROJECT_STATUSES,
    ):  # fmt: skip
        local = fold(words.gettext(value))
        if local and local != fold(value):
            pairs.setdefault(local, fold(value))
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(local)}(?!\w)"), english)
        for local, english in sorted(pairs.items(), key=lambda pair: -len(pair[0]))
    )


def with_stored_country_names(text: str, language: str | None = None) -> str:
    """Search text with country names and list values (creative fields, regions…) typed in
    the reader's language put as stored ("bogota colombie" finds Bogotá, whose country is
    stored as "Colombia"; "cinema" finds the cities of Film)."""
    language = language or i18n.current_language()
    if language == i18n.SOURCE_LANGUAGE or not text.strip():
        return text
    from ccn_desktop.catalogue.folding import fold

    folded = fold(text)
    for pattern, english in _local_to_english(language):
        if pattern.pattern and pattern.search(folded):
            folded = pattern.sub(english, folded)
    return folded
