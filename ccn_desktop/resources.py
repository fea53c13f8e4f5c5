"""Find the files the program ships (`resources/`, `db/`) wherever it runs.

They sit at the top of the source tree, inside the package in an installed wheel
(`ccn_desktop/_data/`), and beside the executable in a frozen build; every reader
goes through here so that a missing file is reported by name, not as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ccn_desktop.i18n import _

_PACKAGE_DIR = Path(__file__).resolve().parent


class MissingResourceError(RuntimeError):
    """A file the program ships with cannot be found: the installation is damaged."""


def _candidate_roots() -> list[Path]:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        # A frozen app has its own copy only: a file missing from it is reported, not
        # silently taken from a source tree that happens to sit nearby.
        return [Path(frozen_root)]
    roots: list[Path] = []
    roots.append(_PACKAGE_DIR / "_data")
    roots.append(_PACKAGE_DIR.parent)
    return roots


def _find(top: str, relative: str) -> Path:
    for root in _candidate_roots():
        path = root / top / relative
        if path.exists():
            return path
    raise MissingResourceError(
        _(
            "The installation is incomplete: '{top}/{relative}' was not found; reinstall CCN "
            "Desktop."
        ).format(top=top, relative=relative)
    )


def resource_path(relative: str) -> Path:
    """Path of a file under `resources/`, e.g. `resource_path("starter.ccnbundle.json")`."""
    return _find("resources", relative)


def migrations_dir() -> Path:
    """The Alembic environment (`db/`)."""
    return _find("db", "env.py").parent
