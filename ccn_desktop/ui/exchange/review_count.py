"""The count of records waiting for review, in the window's status bar; a click on it
opens the conflicts. The main window keeps the count itself (its `review_label`), to
which this adds the click; a plain window gets a label of ours."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from ccn_desktop.ui.exchange.values import tr
from ccn_desktop.ui.exchange.window_features import ExchangeWindow


class ReviewCount(QObject):
    clicked = Signal()

    def __init__(self, window: QMainWindow, features: ExchangeWindow | None) -> None:
        super().__init__(window)
        self.label: QLabel | None = None  # ours: None when the window keeps its own
        if features is not None:
            own = features.review_label
            own.setToolTip(tr("Click to review them"))
            own.setCursor(Qt.CursorShape.PointingHandCursor)
            own.installEventFilter(self)
            return
        self.label = QLabel(window.statusBar())
        self.label.setObjectName("exchange-review-count")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(lambda _link: self.clicked.emit())
        self.label.setAccessibleName(tr("Records needing review"))
        window.statusBar().addPermanentWidget(self.label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on the window's review count opens the conflicts."""
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.clicked.emit()
            return True
        return False

    def show_count(self, count: int) -> None:
        """Our label says how many records wait (the main window's says it itself)."""
        if self.label is None:
            return
        text = (
            tr("1 record needs review") if count == 1
            else tr("{count} records need review").format(count=count)
        )  # fmt: skip
        self.label.setText(f'<a href="#conflicts">{text}</a>')
        self.label.setVisible(bool(count))
