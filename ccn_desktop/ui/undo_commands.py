"""Undo and redo of every write the window makes, each one a new local edit.

A write is made first (so a refused save never enters the stack) and then pushed
as an already-done command: its first `redo()` does nothing. Undoing writes
through the facade like any edit — the previous values become a new version with
this office's next counter, so an undone change travels to other offices too.
A step that fails (the disk is full) is reported by the host and dropped from the
stack.

Every step names the version its previous step left (`version`): if the record
has moved on since (an import, a reference update, another window), the facade
does not write blindly — where the same field changed, the step's values are kept
beside the current ones and the host opens the conflict review; the command then
leaves the stack (the review is the next step).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.steps import REDO, UNDO

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue

Version = dict[str, int]


class CommandHost(Protocol):
    """What runs undo steps: the main window, or the exchange's CallbackHost."""

    @property
    def catalogue(self) -> Catalogue | None: ...

    def apply_write(
        self, entity: str, uuid: str, write: Callable[[], ChangeReport | None]
    ) -> ChangeReport | None:
        """Run `write`, show any failure, show what changed (and the conflict review when
        the write was kept beside a newer version); None if it failed."""
        ...


def field_values(snapshot: Mapping[str, Any], entity: str) -> dict[str, Any]:
    """Only the entity's fields of a snapshot (no uuid, version, dates)."""
    return {name: snapshot.get(name) for name in ENTITIES[entity].field_names}


def _tr(text: str) -> str:
    return QCoreApplication.translate("undo", text)


class _RecordCommand(QUndoCommand):
    def __init__(
        self, host: CommandHost, entity: str, uuid: str, text: str, version: Version | None
    ) -> None:
        super().__init__(text)
        self.host = host
        self.entity = entity
        self.uuid = uuid
        # The version the last step left: what the person saw when they undo or redo.
        self.version = dict(version) if version is not None else None
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_write)

    def _run(self, write: Callable[[], ChangeReport]) -> None:
        report = self.host.apply_write(self.entity, self.uuid, write)
        if report is None or report.conflicts:
            # Failed, or kept beside a newer version for review: QUndoStack drops it.
            self.setObsolete(True)
            return
        self._remember(report)

    def _remember(self, report: ChangeReport) -> None:
        snapshot = report.snapshot(self.entity, self.uuid)
        if snapshot is not None:
            self.version = dict(snapshot["version"])

    @abstractmethod
    def do(self) -> ChangeReport: ...

    @abstractmethod
    def undo_write(self) -> ChangeReport: ...

    @property
    def _catalogue(self) -> Catalogue:
        catalogue = self.host.catalogue
        assert catalogue is not None  # commands exist only once a catalogue is open
        return catalogue


def version_of(report: ChangeReport, entity: str, uuid: str) -> Version | None:
    """The version a write left its record with (None: it changed no shown version)."""
    snapshot = report.snapshot(entity, uuid)
    return None if snapshot is None else dict(snapshot["version"])


class AddRecord(_RecordCommand):
    """Undo deletes the new record; redo brings it back (restore keeps its UUID)."""

    def __init__(
        self, host: CommandHost, entity: str, uuid: str, label: str, version: Version | None
    ) -> None:
        super().__init__(host, entity, uuid, _tr("Add “{label}”").format(label=label), version)

    def do(self) -> ChangeReport:
        return self._catalogue.restore(self.entity, self.uuid, expected=self.version, step=REDO)

    def undo_write(self) -> ChangeReport:
        return self._catalogue.delete(self.entity, self.uuid, expected=self.version, step=UNDO)


class EditRecord(_RecordCommand):
    def __init__(
        self,
        host: CommandHost,
        entity: str,
        uuid: str,
        label: str,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        version: Version | None,
    ) -> None:
        super().__init__(host, entity, uuid, _tr("Edit “{label}”").format(label=label), version)
        self.before = dict(before)
        self.after = dict(after)

    def do(self) -> ChangeReport:
        return self._catalogue.update(
            self.entity, self.uuid, self.after, expected=self.version, step=REDO
        )

    def undo_write(self) -> ChangeReport:
        return self._catalogue.update(
            self.entity, self.uuid, self.before, expected=self.version, step=UNDO
        )


class DeleteRecord(_RecordCommand):
    def __init__(
        self, host: CommandHost, entity: str, uuid: str, label: str, version: Version | None
    ) -> None:
        super().__init__(host, entity, uuid, _tr("Delete “{label}”").format(label=label), version)

    def do(self) -> ChangeReport:
        return self._catalogue.delete(self.entity, self.uuid, expected=self.version, step=REDO)

    def undo_write(self) -> ChangeReport:
        return self._catalogue.restore(self.entity, self.uuid, expected=self.version, step=UNDO)


class RestoreRecord(_RecordCommand):
    """Bring back a deleted record; undo deletes it again."""

    def __init__(
        self, host: CommandHost, entity: str, uuid: str, label: str, version: Version | None
    ) -> None:
        super().__init__(host, entity, uuid, _tr("Restore “{label}”").format(label=label), version)

    def do(self) -> ChangeReport:
        return self._catalogue.restore(self.entity, self.uuid, expected=self.version, step=REDO)

    def undo_write(self) -> ChangeReport:
        return self._catalogue.delete(self.entity, self.uuid, expected=self.version, step=UNDO)


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
        version: Version | None,
    ) -> None:
        text = _tr("Restore an earlier version of “{label}”").format(label=label)
        super().__init__(host, entity, uuid, text, version)
        self.history_id = history_id
        self.before = field_values(before, entity)
        self.before_deleted = bool(before.get("deleted"))

    def do(self) -> ChangeReport:
        return self._catalogue.restore_version(
            self.entity, self.uuid, self.history_id, expected=self.version
        )

    def undo_write(self) -> ChangeReport:
        """Up to three writes (restore, values, delete), each expecting the one before."""
        catalogue = self._catalogue
        report = ChangeReport()
        expected = self.version
        now_deleted = bool(catalogue.get(self.entity, self.uuid)["deleted"])
        steps: list[Callable[[Version | None], ChangeReport]] = []
        if now_deleted and not self.before_deleted:
            steps.append(
                lambda seen: catalogue.restore(self.entity, self.uuid, expected=seen, step=UNDO)
            )
        steps.append(lambda seen: catalogue.update(self.entity, self.uuid, self.before,
                                                   expected=seen, step=UNDO))  # fmt: skip
        if self.before_deleted and not now_deleted:
            steps.append(
                lambda seen: catalogue.delete(self.entity, self.uuid, expected=seen, step=UNDO)
            )
        for step in steps:
            done = step(expected)
            report.add(done)
            if done.conflicts:
                break
            expected = version_of(done, self.entity, self.uuid) or expected
        return report
