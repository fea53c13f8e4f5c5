"""Errors the catalogue reports to its callers; each message is one sentence for a user."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ccn_desktop.catalogue.validation import Problem

if TYPE_CHECKING:
    from ccn_desktop.catalogue.backup_record import Backup


class CatalogueError(Exception):
    """Base of every error the catalogue raises on purpose."""


class NotACatalogueError(CatalogueError):
    """The file exists but is not a CCN Desktop catalogue."""


class DamagedCatalogueError(NotACatalogueError):
    """The catalogue file fails the integrity check (or is not a catalogue at all).

    `good_backup` is the newest backup that passes the full check, or None.
    """

    def __init__(self, path: Path, problem: str, good_backup: Backup | None) -> None:
        self.path = path
        self.problem = problem
        self.good_backup = good_backup
        message = f"The catalogue file {path} cannot be opened: {problem}; "
        if good_backup is None:
            message += "no backup passes the check."
        else:
            when = f"{good_backup.when.astimezone():%Y-%m-%d %H:%M}"
            message += (
                f"the newest good backup is {good_backup.name} (made {when}): "
                f"restore it with `ccn-desktop restore {good_backup.name}`."
            )
        super().__init__(message)


class StorageError(CatalogueError):
    """The disk refused to read or write (full, read-only, removed); nothing was changed."""


class NewerSchemaError(CatalogueError):
    """The file was written by a newer version of the program."""


class RecordNotFoundError(CatalogueError):
    pass


class StaleRecordError(CatalogueError):
    """The record was changed in another window of this office since the person saw it,
    in a field they changed too; nothing was written (their typing stays in the form)."""


class InvalidRecordError(CatalogueError):
    """Values that break the rules; `problems` says which field and why."""

    def __init__(self, entity: str, problems: Sequence[Problem]) -> None:
        self.entity = entity
        self.problems = list(problems)
        details = "; ".join(str(problem) for problem in self.problems)
        super().__init__(f"The {entity} cannot be saved: {details}.")
