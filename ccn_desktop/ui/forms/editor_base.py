"""What every field editor of a record form shares: a value, a change signal, a problem.

An editor is its input (a line edit, a spin box, a list…) inside a frame that turns
red when the field is invalid, with the reason written right below it. The frame
is painted here rather than by a style sheet, so the platform style of the input
itself is never replaced.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from ccn_desktop.catalogue.entities import FieldSpec

INVALID_PROPERTY = "invalid"
MARK_MARGIN = 2  # room for the red frame around an input


def problem_colour(widget: QWidget) -> QColor:
    """A red that reads on the current palette (light or dark)."""
    window = widget.palette().color(QPalette.ColorRole.Window)
    return QColor("#ef6461") if window.lightness() < 128 else QColor("#b3261e")


class _MarkFrame(QWidget):
    """Holds the input; draws a red rounded frame around it while the field is invalid."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty(INVALID_PROPERTY, False)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(MARK_MARGIN, MARK_MARGIN, MARK_MARGIN, MARK_MARGIN)
        self.row.setSpacing(6)

    def set_invalid(self, invalid: bool) -> None:
        if bool(self.property(INVALID_PROPERTY)) != invalid:
            self.setProperty(INVALID_PROPERTY, invalid)
            self.update()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self.property(INVALID_PROPERTY):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(problem_colour(self), 2))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)


class FieldEditor(QWidget):
    """Base of the editors: subclasses build their input in `self.input_row` and implement
    `value()`, `set_value()` and `input_widget()`, and emit `changed` on every user edit."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._problem: str | None = None
        self._accessible_hint = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.frame = _MarkFrame(self)
        self.input_row = self.frame.row
        layout.addWidget(self.frame)
        self._reason_row = QWidget(self)
        reason_layout = QHBoxLayout(self._reason_row)
        reason_layout.setContentsMargins(MARK_MARGIN + 2, 0, 0, 2)
        reason_layout.setSpacing(4)
        self._reason_icon = QLabel(self._reason_row)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._reason_icon.setPixmap(icon.pixmap(size, size))
        self._reason_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.reason_label = QLabel(self._reason_row)
        self.reason_label.setObjectName("reason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        reason_layout.addWidget(self._reason_icon)
        reason_layout.addWidget(self.reason_label, 1)
        # The reason's line is kept when there is none, so fields do not jump as one appears.
        line = max(size, self.reason_label.fontMetrics().height()) + 2
        self._reason_row.setMinimumHeight(line)
        policy = self._reason_row.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self._reason_row.setSizePolicy(policy)
        self._reason_row.hide()
        layout.addWidget(self._reason_row)

    # -- what subclasses provide ------------------------------------------------------

    @abstractmethod
    def value(self) -> Any: ...

    @abstractmethod
    def set_value(self, value: Any) -> None:
        """Show `value` (a snapshot value) without emitting `changed`."""

    @abstractmethod
    def input_widget(self) -> QWidget:
        """The widget that carries the accessible name and description."""

    def focus_widget(self) -> QWidget:
        """The widget that takes focus and is the label's buddy."""
        return self.input_widget()

    # -- shared ---------------------------------------------------------------------------

    def set_accessible_name(self, name: str, hint: str = "") -> None:
        self.input_widget().setAccessibleName(name)
        self._accessible_hint = hint
        self._update_description()

    def problem(self) -> str | None:
        return self._problem

    def set_problem(self, message: str | None) -> None:
        """Mark the field invalid with `message` shown below it, or clear the mark (None)."""
        if message == self._problem:
            return
        self._problem = message
        self.frame.set_invalid(message is not None)
        self.reason_label.setText(message or "")
        colour = problem_colour(self)
        palette = self.reason_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.reason_label.setPalette(palette)
        self._reason_row.setVisible(message is not None)
        self._update_description()

    def _update_description(self) -> None:
        parts = [self._accessible_hint] if self._accessible_hint else []
        if self._problem:
            parts.insert(0, self.tr("Invalid: %1").replace("%1", self._problem))
        self.input_widget().setAccessibleDescription(". ".join(parts))

    def _emit_changed(self, *_args: Any) -> None:
        self.changed.emit()
