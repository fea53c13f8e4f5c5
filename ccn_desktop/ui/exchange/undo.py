"""Undo of a conflict review: the values shown before it come back as a new local edit.

The review wrote a version that includes every side of the conflict (so it wins
wherever it travels); undoing cannot un-send that, so it writes the values shown
before as a further edit, which travels too. The other sides stay in the record's
history. Like the window's own commands (ui/undo_commands.py), the write is made
first and the command pushed already done: its first `redo()` does nothing.

The host runs each write and shows its record: the main window (its
`apply_write`), or `CallbackHost` for a window that has none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox, QWidget

from ccn_desktop.catalogue.changes import ChangeReport
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.errors import user_message
from ccn_desktop.ui.exchange.values import tr
from ccn_desktop.ui.undo_commands import CommandHost

__all__ = ["CallbackHost", "CommandHost", "ResolveConflict"]


class CallbackHost:
    """A host for windows without `apply_write`: runs the write, reports a failure in a
    message box (opened, not run, so the window stays usable), then calls
    `after_write(entity, uuid)` (to refresh what is shown)."""

    def __init__(
        self,
        catalogue: Catalogue | Callable[[], Catalogue],
        parent: QWidget | None,
        after_write: Callable[[str, str], None] | None = None,
    ) -> None:
        self._catalogue = catalogue
        self._parent = parent
        self._after_write = after_write
        self.last_error: str | None = None

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue() if callable(self._catalogue) else self._catalogue

    def apply_write(
        self, entity: str, uuid: str, write: Callable[[], ChangeReport | None]
    ) -> ChangeReport | None:
        try:
            report = write()
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                raise
            self.last_error = message
            box = QMessageBox(QMessageBox.Icon.Warning, tr("Undo"), message,
                              QMessageBox.StandardButton.Close, self._parent)  # fmt: skip
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        if self._after_write is not None:
            self._after_write(entity, uuid)
        return report if report is not None else ChangeReport()


class ResolveConflict(QUndoCommand):
    """A conflict resolved with chosen values; undo puts back what was shown before."""

    def __init__(
        self,
        host: CommandHost,
        entity: str,
        uuid: str,
        label: str,
        before: tuple[Mapping[str, Any], bool],
        after: tuple[Mapping[str, Any], bool],
    ) -> None:
        super().__init__(tr("Resolve the conflict in “{label}”").format(label=label))
        self.host = host
        self.entity = entity
        self.uuid = uuid
        self.before = (dict(before[0]), before[1])
        self.after = (dict(after[0]), after[1])
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._run(self.after)

    def undo(self) -> None:
        self._run(self.before)

    def _run(self, state: tuple[dict[str, Any], bool]) -> None:
        values, deleted = state

        catalogue = self.host.catalogue
        assert catalogue is not None  # a review exists only once a catalogue is open

        def write() -> ChangeReport:
            return catalogue.resolve_conflict(self.entity, self.uuid, values, deleted=deleted)

        if self.host.apply_write(self.entity, self.uuid, write) is None:
            self.setObsolete(True)  # QUndoStack drops a command that cannot run
