"""The one door to translated text, for every layer (core, command line, window, templates).

Every message a person reads is written in English in the source and passed through
`_()` (or `ngettext()` for counted nouns) so that one gettext catalogue per language
(`resources/locale/<lang>/LC_MESSAGES/ccn_desktop.po`, compiled beside it to `.mo`)
covers the Qt-free core, the command line, the window (ui/translator.py answers Qt's
`tr()` from it) and the fact-sheet templates alike.

The language is chosen once at start-up (`use_language`): the command line's
`--language`, else the choice saved from the window's Preferences, else the system's.
A fact sheet may be printed in another language than the program's: `speaking(lang)`
switches the messages of the current thread only, for the length of a `with` block.
Counts and sizes follow the same language (`number`, `decimal`): "420,495",
"420 495" (narrow no-break space), "420.495", as CLDR writes them through Babel.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "ccn_desktop"
SOURCE_LANGUAGE = "en"
# Each language under its own name, as a menu that offers it shows it.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español"}
LANGUAGE_FILE_NAME = "language"  # in the settings folder: the window's saved choice

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_active_language = SOURCE_LANGUAGE
_speaking: ContextVar[tuple[str, _gettext.NullTranslations] | None] = ContextVar(
    "ccn_speaking", default=None
)


def install(translations: _gettext.NullTranslations, language: str = SOURCE_LANGUAGE) -> None:
    """Make `translations` the catalogue every later `_()` call reads."""
    global _active, _active_language
    _active = translations
    _active_language = language


def _catalogue() -> _gettext.NullTranslations:
    override = _speaking.get()
    return _active if override is None else override[1]


def _(message: str) -> str:
    """`message` in the chosen language."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, by the chosen language's plural rule."""
    return _catalogue().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different translations by context."""
    return _catalogue().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return _catalogue().npgettext(context, singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


# -- which language ----------------------------------------------------------------------


def current_language() -> str:
    """The language `_()` answers in now (a `speaking` block's, else the program's)."""
    override = _speaking.get()
    return _active_language if override is None else override[0]


def babel_locale(language: str | None = None) -> str:
    """The CLDR locale that writes dates and numbers for `language` (default: the current
    one). UNESCO writes British English ("4 May 2026"); French and Spanish as CLDR has them."""
    language = language or current_language()
    return "en_GB" if language == SOURCE_LANGUAGE else language


@cache
def _number_locale(language: str) -> Locale:
    from babel import Locale  # imported on first use: start-up does not pay for it

    return Locale.parse(babel_locale(language))


def number(value: int) -> str:
    """A count or size for people, grouped as the current language writes it: 420,495
    in English, 420\u202f495 in French (narrow no-break space), 420.495 in Spanish."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_number_locale(current_language()))


def decimal(value: float, places: int) -> str:
    """`value` with exactly `places` decimals, grouped and with the current language's
    decimal mark: 1,234.5 / 1\u202f234,5 / 1.234,5."""
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * places if places > 0 else "#,##0"
    return format_decimal(value, format=pattern, locale=_number_locale(current_language()))


def locale_dir() -> Path:
    """`resources/locale`, wherever the program runs (source tree, wheel, frozen app)."""
    from ccn_desktop.resources import resource_path

    return resource_path("locale")


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalogue of `language`; English (the source text) needs none."""
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    return _gettext.translation(DOMAIN, str(locale_dir()), languages=[language])


def use_language(language: str) -> None:
    """Speak `language` from now on (one of `LANGUAGES`)."""
    install(translations(language), language)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """`_()` answers in `language` inside the block, in this thread only (a fact sheet
    printed in English by a French office)."""
    token = _speaking.set((language, translations(language)))
    try:
        yield
    finally:
        _speaking.reset(token)


def supported(tag: str | None) -> str | None:
    """The language of a locale name (`fr_CA.UTF-8`, `es-419`, `fr`) if the program has it."""
    if not tag:
        return None
    code = tag.replace("-", "_").split("_")[0].split(".")[0].split("@")[0].lower()
    return code if code in LANGUAGES else None


def system_language(environ: dict[str, str] | None = None) -> str:
    """The user's language as the system says it, English when it is none of ours.

    POSIX order: `LANGUAGE` (a colon list of preferences), `LC_ALL`, `LC_MESSAGES`,
    `LANG`; on Windows the user's display language."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
            if name == "LANGUAGE":
                continue
            return SOURCE_LANGUAGE  # an explicit "no translation" from the user
        for tag in value.split(":") if name == "LANGUAGE" else [value]:
            found = supported(tag)
            if found:
                return found
        if name != "LANGUAGE":
            return SOURCE_LANGUAGE  # the first set variable decides, as gettext does
    if sys.platform == "win32" and environ is None:
        return supported(_windows_ui_language()) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def _windows_ui_language() -> str | None:
    try:
        import ctypes
        import locale

        lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        return locale.windows_locale.get(lang_id)
    except Exception:  # no answer: the environment or English
        return None


def saved_language(config_dir: Path) -> str | None:
    """The language chosen in the window's Preferences, if any (and still offered)."""
    try:
        text = (config_dir / LANGUAGE_FILE_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text if text in LANGUAGES else None


def save_language(config_dir: Path, language: str | None) -> None:
    """Remember the window's choice (`None`: follow the system again)."""
    path = config_dir / LANGUAGE_FILE_NAME
    if language is None:
        path.unlink(missing_ok=True)
        return
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    config_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(language + "\n", encoding="utf-8")


def choose_language(option: str | None, config_dir: Path | None) -> str:
    """The program's language: the command line's option, the saved choice, the system's."""
    if option:
        return option
    saved = saved_language(config_dir) if config_dir is not None else None
    return saved or system_language()
