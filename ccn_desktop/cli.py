"""`ccn-desktop`: the window by default, sub-commands for headless work.

Errors the user can act on are one line on stderr and exit status 1; usage
errors exit 2 (argparse). Nothing heavier than argparse is imported before we
know which command runs, so the window starts as fast as it can.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ccn_desktop import __version__
from ccn_desktop.cli_language import (
    ArgumentParser,
    choose_cli_language,
    write_any_text_to_the_console,
)
from ccn_desktop.commands import COMMANDS, CommandError
from ccn_desktop.i18n import LANGUAGES, _

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="ccn-desktop",
        description=_(
            "Offline catalogue of the UNESCO Creative Cities Network. "
            "Without a command, opens the main window."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ccn-desktop {__version__}",
        help=_("show the program's version and exit"),
    )
    parser.add_argument(
        "--data-dir",
        metavar=_("DIR"),
        help=_(
            "keep the catalogue, keys, backups and logs in DIR (default: $CCN_DATA_DIR, "
            "portable folder, or the per-user folders)"
        ),
    )
    parser.add_argument(
        "--portable", action="store_true", help=_("keep all files in a folder beside the program")
    )
    parser.add_argument(
        "--language",
        choices=sorted(LANGUAGES),
        help=_(
            "the language of messages and of the window: en (English), fr (French), "
            "es (Spanish); default: the system's language (the window: its Preferences)"
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    write_any_text_to_the_console()
    choose_cli_language(arguments)
    parser = build_parser()
    args = parser.parse_args(arguments)
    from ccn_desktop.errors import user_message
    from ccn_desktop.logs import setup_logging
    from ccn_desktop.paths import resolve_paths

    paths = resolve_paths(args.data_dir, portable=args.portable)
    if args.command is None:
        from ccn_desktop.ui.app import run_gui

        return run_gui(paths, language=args.language)
    setup_logging(paths)
    from ccn_desktop.commands.progress import INTERRUPTED_STATUS, Interrupted

    try:
        if args.command != "verify":  # verify needs no data folder
            paths.refuse_a_file()
        return int(args.handler(args, paths) or 0)
    except CommandError as exc:
        print(f"ccn-desktop: {exc}", file=sys.stderr)
        return 1
    except Interrupted as exc:  # Ctrl+C, heard at a safe point: the work was undone
        print(f"ccn-desktop: {exc}", file=sys.stderr)
        return INTERRUPTED_STATUS
    except KeyboardInterrupt:  # a second Ctrl+C, or one outside long work
        print("ccn-desktop: " + _("stopped (Ctrl+C)."), file=sys.stderr)
        return INTERRUPTED_STATUS
    except Exception as exc:  # one line for the user; the traceback goes to the log
        message = user_message(exc)
        if message is None:
            log.exception("unexpected error in %s", args.command)
            detail = str(exc) if len(str(exc)) <= 200 else str(exc)[:199] + "…"
            message = _("unexpected error ({error}); details are in the log").format(
                error=f"{type(exc).__name__}: {detail}"
            )
        print(f"ccn-desktop: {message}", file=sys.stderr)
        return 1
