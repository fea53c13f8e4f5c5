"""The command line's language: chosen before the parser is built, argparse's own words too.

The parser's help texts are translated when the parser is built, so `--language` is
read from the raw arguments first. argparse writes "usage:", "options" and its error
sentences through the module's own `_`; they are routed to the program's catalogue,
which carries them (listed below, as Python 3.11+ writes them). The colon after a help
heading is the language's too ("options :" in French): see `HelpFormatter`.

French groups thousands with a narrow no-break space (U+202F), which an 8-bit code page
(a Windows console's output redirected to a file: cp1252, cp850) cannot write; such a
stream gets a no-break space, a space or "?" in place of what it lacks, not an error.
"""

from __future__ import annotations

import argparse
import codecs
import sys
from collections.abc import Sequence
from typing import Any

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
    N_("%(heading)s:"),  # Python 3.13+ asks for it; HelpFormatter below for 3.11 and 3.12
)


class HelpFormatter(argparse.HelpFormatter):
    """Section headings with the language's colon ("options :" in French).

    Before Python 3.13 argparse writes the colon after a heading itself; from 3.13 it
    asks gettext for "%(heading)s:". Here the heading is written through that same
    message, less the colon argparse still adds, so both read alike."""

    def start_section(self, heading: str | None) -> None:
        if heading and sys.version_info < (3, 13):
            heading = (i18n._("%(heading)s:") % {"heading": heading}).removesuffix(":")
        super().start_section(heading)


class ArgumentParser(argparse.ArgumentParser):
    """The program's parser: its help in `HelpFormatter`, and so its sub-commands' help
    too (argparse makes sub-command parsers of the parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


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


STAND_IN_ERRORS = "ccn-desktop-stand-in"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: a space it can write for each space it cannot, else "?"."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for character in error.object[error.start : error.end]:
        choices = ("\u00a0", " ") if character.isspace() else ("?",)
        for choice in choices:
            try:
                choice.encode(error.encoding)
            except UnicodeError:
                continue
            shown.append(choice)
            break
        else:
            shown.append("?")
    return "".join(shown), error.end


codecs.register_error(STAND_IN_ERRORS, _stand_in)


def write_any_text_to_the_console() -> None:
    """Let stdout and stderr write every message even where their encoding lacks a
    character of it (see the module's docstring); a UTF stream is left as it is."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or getattr(stream, "errors", "strict") != "strict":
            continue
        try:
            if codecs.lookup(encoding).name.startswith("utf"):
                continue
        except LookupError:
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=STAND_IN_ERRORS)
