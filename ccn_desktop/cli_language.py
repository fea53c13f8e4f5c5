"""The command line's language: chosen before the parser is built, argparse's own words too.

The parser's help texts are translated when the parser is built, so `--language` is
read from the raw arguments first. argparse writes "usage:", "options" and its error
sentences through the module's own `_`; they are routed to the program's catalogue,
which carries them (listed below, as Python 3.11+ writes them).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ccn_desktop import i18n
from ccn_desktop.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def language_option(argv: Sequence[str]) -> str | None:
    """The global `--language fr` (or `--language=fr`) in `argv`, if any: only the words
    before the command count (`factsheet --language` is the sheet's language)."""
    words = iter(argv)
    for word in words:
        if word == "--language":
            value = next(words, "")
            return value if value in i18n.LANGUAGES else None
        if word.startswith("--language="):
            value = word.partition("=")[2]
            return value if value in i18n.LANGUAGES else None
        if word == "--data-dir":
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            break
    return None


def choose_cli_language(argv: Sequence[str]) -> str:
    """Set the program's language for a command-line run and return it: the option, else the
    system's (the window's saved choice belongs to the window)."""
    language = i18n.choose_language(language_option(argv), None)
    i18n.use_language(language)
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    return language
