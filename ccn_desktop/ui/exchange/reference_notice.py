"""The quiet notice that newer reference data came with the program.

After start-up, when the installed reference data is newer than the release the catalogue
last took, the update is planned in the background and a slim bar under the toolbar says
what it brings ("1 new city, 406 locations, 4 conference dates") with Review… (the usual
import preview) and Dismiss. It never blocks: dismissing it leaves Exchange ▸ Update
reference data… to take the update later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStyle,
    QToolBar,
    QToolButton,
    QWidget,
)

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.reference import ReferenceUpdate, plan_update, update_available
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange.values import tr


class ReferenceNotice(QToolBar):
    """The bar itself; `review_requested` carries the planned update."""

    review_requested = Signal(object)  # ReferenceUpdate

    def __init__(self, parent: QWidget) -> None:
        super().__init__(tr("Reference data"), parent)
        self.setObjectName("reference-notice")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not one of the toolbars a user hides
        self.planned: ReferenceUpdate | None = None  # not `update`: QWidget.update() repaints
        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(20, 20)
        )
        self.addWidget(icon)
        self.label = QLabel(self)
        self.label.setObjectName("reference-notice-text")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.addWidget(self.label)
        self.review_button = self._button(tr("Review…"), self._review)
        self.dismiss_button = self._button(tr("Dismiss"), self.hide)
        self.dismiss_button.setToolTip(tr("Exchange ▸ Update reference data… takes it later"))
        self.hide()

    def _button(self, text: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(lambda _checked=False: slot())
        self.addWidget(button)
        return button

    def show_update(self, update: ReferenceUpdate) -> None:
        self.planned = update
        self.label.setText(
            tr("The network's reference data has been updated: {headline}.").format(
                headline=update.headline()
            )
        )
        self.label.setAccessibleName(self.label.text())
        self.show()

    def _review(self) -> None:
        self.hide()
        if self.planned is not None:
            self.review_requested.emit(self.planned)


def install_reference_notice(window: QMainWindow) -> ReferenceNotice:
    """The notice, placed on its own row under the window's toolbars."""
    notice = ReferenceNotice(window)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, notice)
    return notice


def plan_in_background(
    parent: QObject, catalogue: Catalogue, on_planned: Callable[[ReferenceUpdate], None]
) -> worker.Task | None:
    """Plan the update off the GUI thread when one is due; None when there is none.

    A failure (a damaged installation) is left to the menu action, which says it in words:
    a notice must not interrupt the start of the day with an error.
    """
    if catalogue.read_only or not update_available(catalogue):
        return None
    task = worker.Task(lambda _progress: plan_update(catalogue), parent=parent)

    def planned(update: ReferenceUpdate) -> None:
        if not update.nothing_new:
            on_planned(update)

    task.finished.connect(planned)
    task.start()
    return task
