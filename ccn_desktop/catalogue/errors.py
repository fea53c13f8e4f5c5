"""Errors the catalogue reports to its callers; each message is one sentence for a user."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.validation import Problem
from ccn_desktop.i18n import _

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
        if good_backup is None:
            message = _(
                "The catalogue file {path} cannot be opened: {problem}; no backup passes the check."
            ).format(path=path, problem=problem)
        else:
            message = _(
                "The catalogue file {path} cannot be opened: {problem}; the newest good backup "
                "is {name} (made {when}): restore it with `ccn-desktop restore {name}`."
            ).format(
                path=path,
                problem=problem,
                name=good_backup.name,
                when=f"{good_backup.when.astimezone():%Y-%m-%d %H:%M}",
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
        super().__init__(
            _("The {entity} cannot be saved: {details}.").format(
                entity=_(ENTITIES[entity].label).lower() if entity in ENTITIES else entity,
                details=details,
            )
        )
