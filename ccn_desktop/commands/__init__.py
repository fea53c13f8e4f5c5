"""Sub-commands of `ccn-desktop`. Each module has `register(subparsers)` that sets
`handler=run`; heavy imports stay inside `run` so that `--help` and the window
start quickly. Add a command by adding its module to COMMANDS.
"""

from __future__ import annotations

from ccn_desktop.commands import (
    backup,
    check,
    export,
    factsheet,
    import_bundle,
    info,
    restore,
    spreadsheet,
    stats,
    sync,
    update_reference,
    verify,
    world_map,
)
from ccn_desktop.commands.base import CommandError

COMMANDS = (
    info,
    export,
    import_bundle,
    sync,
    verify,
    update_reference,
    factsheet,
    backup,
    restore,
    check,
    stats,
    world_map,
    spreadsheet,
)

__all__ = ["COMMANDS", "CommandError"]
