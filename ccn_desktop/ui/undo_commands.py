"""Undo and redo of every write the window makes, each one a new local edit.

A write is made first (so a refused save never enters the stack) and then pushed
as an already-done command: its first `redo()` does nothing. Undoing writes
through the facade like any edit — the previous values become a new version with
this office's next counter, so an undone change travels to other offices too.
A step that fails (the record changed meanwhile, the disk is full) is reported by
the host and dropped from the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.steps import REDO, UNDO

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue


class CommandHost(Protocol):
    catalogue: Catalogue

    def apply_write(self, entity: str, uuid: str, write: Callable[[], None]) -> bool:
        """Run `write`, show any failure, show the record; False if it failed."""
        ...


def field_values(snapshot: Mapping[str, Any], entity: str) -> dict[str, Any]:
    """Only the entity's fields of a snapshot (no uuid, version, dates)."""
    return {name: snapshot.get(name) for name in ENTITIES[entity].field_names}


def _tr(text: str) -> str:
    return QCoreApplication.translate("undo", text)


class _RecordCommand(QUndoCommand):
    def __init__(self, host: CommandHost, entity: str, uuid: str, text: str) -> None:
        super().__init__(text)
        self.host = host
        self.entity = entity
        self.uuid = uuid
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_write)

    def _run(self, write: Callable[[], None]) -> None:
        if not self.host.apply_write(self.entity, self.uuid, write):
            self.setObsolete(True)  # QUndoStack drops a command that cannot run

    def do(self) -> None:
        raise NotImplementedError

    def undo_write(self) -> None:
        raise NotImplementedError

    @property
    def _catalogue(self) -> Catalogue:
        return self.host.catalogue


class AddRecord(_RecordCommand):
    """Undo deletes the new record; redo brings it back (restore keeps its UUID)."""

    def __init__(self, host: CommandHost, entity: str, uuid: str, label: str) -> None:
        super().__init__(host, entity, uuid, _tr("Add “{label}”").format(label=label))

    def do(self) -> None:
        self._catalogue.restore(self.entity, self.uuid, step=REDO)

    def undo_write(self) -> None:
        self._catalogue.delete(self.entity, self.uuid, step=UNDO)


class EditRecord(_RecordCommand):
    def __init__(
        self,
        host: CommandHost,
        entity: str,
        uuid: str,
        label: str,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
    ) -> None:
        super().__init__(host, entity, uuid, _tr("Edit “{label}”").format(label=label))
        self.before = dict(before)
        self.after = dict(after)

    def do(self) -> None:
        self._catalogue.update(self.entity, self.uuid, self.after, step=REDO)

    def undo_write(self) -> None:
        self._catalogue.update(self.entity, self.uuid, self.before, step=UNDO)


class DeleteRecord(_RecordCommand):
    def __init__(self, host: CommandHost, entity: str, uuid: str, label: str) -> None:
        super().__init__(host, entity, uuid, _tr("Delete “{label}”").format(label=label))

    def do(self) -> None:
        self._catalogue.delete(self.entity, self.uuid, step=REDO)

    def undo_write(self) -> None:
        self._catalogue.restore(self.entity, self.uuid, step=UNDO)


class RestoreRecord(_RecordCommand):
    """Bring back a deleted record; undo deletes it again."""

    def __init__(self, host: CommandHost, entity: str, uuid: str, label: str) -> None:
        super().__init__(host, entity, uuid, _tr("Restore “{label}”").format(label=label))

    def do(self) -> None:
        self._catalogue.restore(self.entity, self.uuid, step=REDO)

    def undo_write(self) -> None:
        self._catalogue.delete(self.entity, self.uuid, step=UNDO)


class RestoreVersion(_RecordCommand):
    """Make an earlier version current; undo writes back what was current before."""

    def __init__(
        self,
        host: CommandHost,
        entity: str,
        uuid: str,
        label: str,
        history_id: int,
        before: Mapping[str, Any],
    ) -> None:
        super().__init__(
            host, entity, uuid, _tr("Restore an earlier version of “{label}”").format(label=label)
        )
        self.history_id = history_id
        self.before = field_values(before, entity)
        self.before_deleted = bool(before.get("deleted"))

    def do(self) -> None:
        self._catalogue.restore_version(self.entity, self.uuid, self.history_id)

    def undo_write(self) -> None:
        catalogue = self._catalogue
        now_deleted = bool(catalogue.get(self.entity, self.uuid)["deleted"])
        if now_deleted and not self.before_deleted:
            catalogue.restore(self.entity, self.uuid, step=UNDO)
        catalogue.update(self.entity, self.uuid, self.before, step=UNDO)
        if self.before_deleted and not now_deleted:
            catalogue.delete(self.entity, self.uuid, step=UNDO)
