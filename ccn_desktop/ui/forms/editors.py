"""Editors of single-valued fields: text, numbers, years, dates and closed choices.

Each returns values in the shape `Catalogue.add/update` accept. Input a widget
cannot hold as a typed value (a half-typed number) is returned as the raw text,
so the catalogue's own rules name what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, QRegularExpression, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap, QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ccn_desktop.catalogue.entities import FieldSpec, Kind
from ccn_desktop.catalogue.vocabulary import field_colour
from ccn_desktop.i18n import N_
from ccn_desktop.ui.forms.editor_base import FieldEditor

EMPTY_MARK = "—"

# Sample input shown in empty fields of these kinds.
_PLACEHOLDERS = {
    Kind.EMAIL: N_("name@example.org"),  # the others read the same in every language
    Kind.URL: "https://example.org",
    Kind.PHONE: "+33 1 45 68 10 00",
}


class TextEditor(FieldEditor):
    """One line: TEXT, EMAIL, URL and PHONE."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit(self)
        if spec.kind in _PLACEHOLDERS:
            self.line.setPlaceholderText(self.tr(_PLACEHOLDERS[spec.kind]))
        if spec.kind in (Kind.EMAIL, Kind.URL):
            self.line.setInputMethodHints(
                Qt.InputMethodHint.ImhEmailCharactersOnly
                if spec.kind == Kind.EMAIL
                else Qt.InputMethodHint.ImhUrlCharactersOnly
            )
        self.line.textEdited.connect(self._emit_changed)
        self.input_row.addWidget(self.line)

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))
        self.line.setCursorPosition(0)

    def input_widget(self) -> QWidget:
        return self.line


class LongTextEditor(FieldEditor):
    """Paragraphs. Tab leaves the field (keyboard users must be able to move on)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, lines: int = 5) -> None:
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        margins = self.edit.contentsMargins()
        height = (
            self.edit.fontMetrics().lineSpacing() * lines
            + 2 * self.edit.document().documentMargin()
            + margins.top()
            + margins.bottom()
            + 2 * self.edit.frameWidth()
        )
        self.edit.setFixedHeight(int(height))
        self.edit.textChanged.connect(self._text_changed)
        self._setting = False
        self.input_row.addWidget(self.edit)

    def _text_changed(self) -> None:
        if not self._setting:
            self.changed.emit()

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self._setting = True
        try:
            self.edit.setPlainText("" if value is None else str(value))
        finally:
            self._setting = False

    def input_widget(self) -> QWidget:
        return self.edit


class OptionalSpinBox(QSpinBox):
    """A spin box whose lowest step means "not set" (shown as —); clearing the text unsets it.

    Stepping up from "not set" in a year field starts at the current year, not at 1900.
    """

    def __init__(self, minimum: int, maximum: int, *, year: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._year = year
        self.setRange(minimum - 1, maximum)
        self.setSpecialValueText(EMPTY_MARK)
        self.setValue(self.minimum())
        self.setAccelerated(True)
        if year:
            self.setGroupSeparatorShown(False)

    def is_empty(self) -> bool:
        return self.value() == self.minimum()

    def stepBy(self, steps: int) -> None:
        if self._year and self.is_empty() and steps > 0:
            this_year = dt.date.today().year
            self.setValue(min(max(this_year, self.minimum() + 1), self.maximum()))
            self.selectAll()
            return
        super().stepBy(steps)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if text.strip() in ("", EMPTY_MARK):
            return QValidator.State.Acceptable, text, pos
        if EMPTY_MARK in text:  # typing into "—": the mark goes, the digits stay
            before = text[:pos].count(EMPTY_MARK)
            text, pos = text.replace(EMPTY_MARK, ""), pos - before
            state, text, pos = super().validate(text, pos)
            return state, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        if text.strip() in ("", EMPTY_MARK):
            return self.minimum()
        return super().valueFromText(text)


class NumberEditor(FieldEditor):
    """INT and YEAR: a spin box in the field's range, with an empty state."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        minimum = int(spec.minimum) if spec.minimum is not None else 0
        maximum = int(spec.maximum) if spec.maximum is not None else 2_000_000_000
        self.spin = OptionalSpinBox(minimum, maximum, year=spec.kind == Kind.YEAR, parent=self)
        self.spin.setToolTip(self.tr("Clear the text to leave it unset."))
        self.spin.setMinimumWidth(self.spin.fontMetrics().horizontalAdvance("0000000") + 40)
        self.spin.valueChanged.connect(self._emit_changed)
        self.input_row.addWidget(self.spin)
        self.input_row.addStretch(1)

    def value(self) -> int | None:
        return None if self.spin.is_empty() else self.spin.value()

    def set_value(self, value: Any) -> None:
        self.spin.blockSignals(True)
        try:
            if isinstance(value, int) and not isinstance(value, bool):
                self.spin.setValue(value)
            else:
                self.spin.setValue(self.spin.minimum())
        finally:
            self.spin.blockSignals(False)

    def input_widget(self) -> QWidget:
        return self.spin


def format_decimal(value: float, decimal_point: str = ".") -> str:
    """The shortest text that reads back as exactly `value`, never in exponent form."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", decimal_point)


class FloatEditor(FieldEditor):
    """A decimal number (latitude, budget). Both "." and "," are accepted as decimal mark."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit(self)
        self.line.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^\s*[+-]?\d*([.,]\d*)?\s*$"), self)
        )
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0" * 18) + 16)
        self.line.textEdited.connect(self._emit_changed)
        self.input_row.addWidget(self.line)
        self.input_row.addStretch(1)
        self._decimal_point = QLocale().decimalPoint() or "."

    def value(self) -> float | str | None:
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return text  # half-typed ("-", ","): the catalogue says "must be a number"

    def set_value(self, value: Any) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.line.setText(format_decimal(value, self._decimal_point))
        else:
            self.line.setText("" if value is None else str(value))

    def input_widget(self) -> QWidget:
        return self.line


class DateEditor(FieldEditor):
    """A date that may be unset: a check box says whether there is one."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.check = QCheckBox(self)
        self.check.setToolTip(self.tr("Whether this date is known"))
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(QDate(1899, 12, 31))
        self.date.setMaximumDate(QDate(2100, 12, 31))
        self.date.setSpecialValueText(EMPTY_MARK)
        self.date.setMinimumWidth(self.date.fontMetrics().horizontalAdvance("0000-00-00") + 48)
        self._last = QDate.currentDate()
        self.check.toggled.connect(self._toggled)
        self.date.dateChanged.connect(self._date_changed)
        self.input_row.addWidget(self.check)
        self.input_row.addWidget(self.date)
        self.input_row.addStretch(1)
        self._show(None)

    def set_accessible_name(self, name: str, hint: str = "") -> None:
        super().set_accessible_name(name, hint)
        self.check.setAccessibleName(self.tr("%1 is known").replace("%1", name))

    def _toggled(self, checked: bool) -> None:
        self._show(self._last if checked else None)
        if checked:
            self.date.setFocus()
        self.changed.emit()

    def _date_changed(self, date: QDate) -> None:
        if self.check.isChecked() and date != self.date.minimumDate():
            self._last = date
            self.changed.emit()

    def _show(self, date: QDate | None) -> None:
        self.date.blockSignals(True)
        self.check.blockSignals(True)
        try:
            self.check.setChecked(date is not None)
            self.date.setEnabled(date is not None)
            self.date.setDate(date if date is not None else self.date.minimumDate())
        finally:
            self.date.blockSignals(False)
            self.check.blockSignals(False)

    def value(self) -> str | None:
        if not self.check.isChecked():
            return None
        return self.date.date().toString(Qt.DateFormat.ISODate)

    def set_value(self, value: Any) -> None:
        date = QDate.fromString(str(value), Qt.DateFormat.ISODate) if value else QDate()
        if date.isValid():
            self._last = date
            self._show(date)
        else:
            self._show(None)

    def input_widget(self) -> QWidget:
        return self.date

    def focus_widget(self) -> QWidget:
        return self.date if self.check.isChecked() else self.check


def colour_chip(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ChoiceEditor(FieldEditor):
    """One of a closed list; labels translated, stored values the English keys.

    An optional field has an empty entry; a required one starts with none chosen, so a
    new record never silently takes the first choice.
    """

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        self.combo.setPlaceholderText(self.tr("Choose…"))
        if not spec.required:
            self.combo.addItem(EMPTY_MARK, "")
        for choice in spec.choices:
            if spec.name == "creative_field":
                self.combo.addItem(colour_chip(field_colour(choice)), self.tr(choice), choice)
            else:
                self.combo.addItem(self.tr(choice), choice)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentIndexChanged.connect(self._emit_changed)
        self.input_row.addWidget(self.combo)
        self.input_row.addStretch(1)
        self.set_value("")

    def value(self) -> str:
        data = self.combo.currentData()
        if data is None:
            return "" if self.combo.currentIndex() < 0 else self.combo.currentText()
        return str(data)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        index = self.combo.findData(text)
        if index < 0 and text:
            # A value from a newer office's list: keep and show it rather than lose it.
            self.combo.addItem(text, text)
            index = self.combo.count() - 1
        self.combo.blockSignals(True)
        try:
            self.combo.setCurrentIndex(index)
        finally:
            self.combo.blockSignals(False)

    def choose(self, value: str) -> None:
        """Set the value as if the user had picked it (emits `changed`)."""
        self.set_value(value)
        self.changed.emit()

    def input_widget(self) -> QWidget:
        return self.combo
