"""Sub-commands of `ccn-desktop`. Each module has `register(subparsers)` that sets
`handler=run`; heavy imports stay inside `run` so that `--help` and the window
start quickly. Add a command by adding its module to COMMANDS.
"""

from __future__ import annotations

from ccn_desktop.commands import factsheet, info
from ccn_desktop.commands.base import CommandError

COMMANDS = (info, factsheet)

__all__ = ["COMMANDS", "CommandError"]
