"""Back and forward between records reached by links, as a browser does (Alt+Left/Right).

Following a link (a conference's host city, a city's projects) remembers the record
left behind; Back returns to it and Forward goes again. Choosing rows in a table is
not a step of this history, only links are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

MAX_STEPS = 50


class Place(NamedTuple):
    entity: str
    uuid: str


class RecordNavigation(QObject):
    """The Back and Forward actions over the places left by following links.

    `here()` says which record is shown now (None: none), `go(place)` shows one and
    returns whether it could (a purged record cannot be gone back to).
    """

    def __init__(
        self,
        window: QWidget,
        here: Callable[[], Place | None],
        go: Callable[[Place], bool],
    ) -> None:
        super().__init__(window)
        self._here = here
        self._go = go
        self._back: list[Place] = []
        self._forward: list[Place] = []
        style = window.style()
        self.back_action = QAction(self.tr("&Back"), window)
        self.back_action.setShortcuts(QKeySequence.StandardKey.Back)  # Alt+Left
        self.back_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowLeft))
        self.back_action.setStatusTip(self.tr("Back to the record before the last link"))
        self.back_action.triggered.connect(self.back)
        self.forward_action = QAction(self.tr("F&orward"), window)
        self.forward_action.setShortcuts(QKeySequence.StandardKey.Forward)  # Alt+Right
        self.forward_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowRight))
        self.forward_action.setStatusTip(self.tr("Forward again to the record left by Back"))
        self.forward_action.triggered.connect(self.forward)
        window.addAction(self.back_action)
        window.addAction(self.forward_action)
        self._update()

    def following_link(self) -> None:
        """Call before a link is followed: the record shown now is where Back returns."""
        place = self._here()
        if place is not None and (not self._back or self._back[-1] != place):
            self._back.append(place)
            del self._back[:-MAX_STEPS]
        self._forward.clear()
        self._update()

    def back(self) -> None:
        self._step(self._back, self._forward)

    def forward(self) -> None:
        self._step(self._forward, self._back)

    def _step(self, source: list[Place], other: list[Place]) -> None:
        while source:
            place = source.pop()
            here = self._here()
            if self._go(place):
                if here is not None and here != place:
                    other.append(here)
                break
        self._update()

    def _update(self) -> None:
        self.back_action.setEnabled(bool(self._back))
        self.forward_action.setEnabled(bool(self._forward))
