"""One backup file as the catalogue names it (catalogue/backups.py makes and lists them).

Apart from backups.py so that the errors that name a good backup need not import the
module that makes backups, which reports its own failures with those errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, when it was made (UTC), why, and how big it is."""

    path: Path
    when: dt.datetime
    trigger: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name
