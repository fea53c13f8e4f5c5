"""The one door to translated text, for every layer (core, command line, window, templates).

Every message a person reads is written in English in the source and passed through
`_()` (or `ngettext()` for counted nouns) so that one gettext catalogue per language
can cover the Qt-free core, the command line and the window alike. Until a language
is chosen (see the "Languages" issue), the English source text is returned.
"""

from __future__ import annotations

import gettext as _gettext

_active: _gettext.NullTranslations = _gettext.NullTranslations()


def install(translations: _gettext.NullTranslations) -> None:
    """Make `translations` the catalogue every later `_()` call reads."""
    global _active
    _active = translations


def _(message: str) -> str:
    """`message` in the chosen language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, by the chosen language's plural rule."""
    return _active.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different translations by context."""
    return _active.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message
