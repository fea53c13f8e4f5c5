"""Errors the catalogue reports to its callers; each message is one sentence for a user."""

from __future__ import annotations

from collections.abc import Sequence

from ccn_desktop.catalogue.validation import Problem


class CatalogueError(Exception):
    """Base of every error the catalogue raises on purpose."""


class NotACatalogueError(CatalogueError):
    """The file exists but is not a CCN Desktop catalogue."""


class NewerSchemaError(CatalogueError):
    """The file was written by a newer version of the program."""


class RecordNotFoundError(CatalogueError):
    pass


class InvalidRecordError(CatalogueError):
    """Values that break the rules; `problems` says which field and why."""

    def __init__(self, entity: str, problems: Sequence[Problem]) -> None:
        self.entity = entity
        self.problems = list(problems)
        details = "; ".join(str(problem) for problem in self.problems)
        super().__init__(f"The {entity} cannot be saved: {details}.")
