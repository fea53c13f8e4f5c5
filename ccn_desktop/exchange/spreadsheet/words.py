"""The words a sheet may use for a field's label or a choice value, in every language.

A sheet exported by an office working in French may be read by one working in
Spanish, or typed by hand in English: a header or a choice cell is recognised in any
of the program's languages, whatever the interface language. The words are the
program's own translations, read from its compiled message catalogues
(`resources/locale/<lang>/LC_MESSAGES/ccn_desktop.mo`, found by `i18n.translations`),
so a sheet exported in one language always reads back in another and a new or
corrected translation needs no second list here.
"""

from __future__ import annotations

from functools import cache

from ccn_desktop.i18n import LANGUAGES, translations


@cache
def every_language(message: str) -> tuple[str, ...]:
    """`message` (English, as the sources write it) and its translation in each of the
    program's languages, without repeats. Worked out once per message: an import asks
    for each label and choice once, never per cell."""
    words = dict.fromkeys([message])
    for language in LANGUAGES:
        try:
            catalogue = translations(language)
        except OSError:  # a catalogue missing from a broken install: its words only
            continue
        words.setdefault(catalogue.gettext(message))
    return tuple(words)
