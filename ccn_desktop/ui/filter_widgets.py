"""Small filter inputs that the tabs combine: choices, countries, years and a city picker.

Each emits `changed` when its value changes and offers `value()` and `clear()`,
so a tab can build a `RecordQuery` from them and reset them all in one go.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ccn_desktop.catalogue.country_names import local_country_name
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.query_types import RecordQuery, TableRow
from ccn_desktop.ui.chips import field_chip
from ccn_desktop.ui.labels import vocabulary_label

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue

CITY_SUGGESTIONS = 30
MIN_COMBO_CHARACTERS = 13
CITY_CANDIDATES = 500  # ranked by name before the first CITY_SUGGESTIONS are shown
CITY_TYPING_DELAY_MS = 150


class ChoiceFilter(QComboBox):
    """ "All …" or one value of a closed list (creative fields get their colour chip)."""

    changed = Signal()

    def __init__(
        self, all_label: str, choices: tuple[str, ...], *, chips: bool = False, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.addItem(all_label, None)
        for choice in choices:
            if chips:
                self.addItem(field_chip(choice), vocabulary_label(choice), choice)
            else:
                self.addItem(vocabulary_label(choice), choice)
        # Narrow in the filter bar, yet wide enough for "All …" in every language (French and
        # Spanish run longer); the open list is as wide as its longest entry.
        self.setMinimumContentsLength(max(MIN_COMBO_CHARACTERS, len(all_label)))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 32)
        self.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))

    def clear_value(self) -> None:
        self.setCurrentIndex(0)


class CountryFilter(QComboBox):
    """Any country, or one typed or picked from the ISO list (filled when first used)."""

    changed = Signal()

    def __init__(self, all_label: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(all_label, None)
        line = self.lineEdit()
        assert line is not None  # made editable above
        line.setPlaceholderText(all_label)
        self.setMinimumContentsLength(MIN_COMBO_CHARACTERS)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = self.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._filled = False
        self.currentIndexChanged.connect(lambda _index: self.changed.emit())
        line.editingFinished.connect(self._match_typed)

    def _fill(self) -> None:
        """pycountry is loaded on first use, not at start-up."""
        if self._filled:
            return
        self._filled = True
        import pycountry

        countries = sorted(
            (
                (local_country_name(country.alpha_2), country.alpha_2)
                for country in pycountry.countries
            ),
            key=lambda pair: fold(pair[0]),  # "Émirats" among the E's
        )
        self.blockSignals(True)
        current = self.currentData()
        for name, code in countries:
            self.addItem(f"{name} ({code})", code)
        self.setCurrentIndex(max(self.findData(current), 0) if current else 0)
        self.blockSignals(False)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._fill()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self._fill()
        super().showPopup()

    def _match_typed(self) -> None:
        """Typing a name or a code and leaving the box picks that country."""
        typed = self.currentText().strip()
        if not typed:
            self.setCurrentIndex(0)
            return
        index = self.findText(typed, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            for row in range(1, self.count()):
                if self.itemData(row) == typed.upper() or self.itemText(row).lower().startswith(
                    typed.lower()
                ):
                    index = row
                    break
        self.setCurrentIndex(index if index >= 0 else self.currentIndex())
        self.setEditText(self.itemText(self.currentIndex()) if self.currentIndex() > 0 else "")

    def value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def set_value(self, code: str | None) -> None:
        self._fill()
        self.setCurrentIndex(max(self.findData(code), 0) if code else 0)

    def clear_value(self) -> None:
        self.setCurrentIndex(0)
        self.setEditText("")


class YearSpin(QSpinBox):
    """A year, or "Any" (the value below the range)."""

    def __init__(self, minimum: int, maximum: int, any_label: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRange(minimum - 1, maximum)
        self.setSpecialValueText(any_label)
        self.setValue(minimum - 1)
        self._any = minimum - 1
        self._first = minimum

    def year(self) -> int | None:
        return None if self.value() == self._any else self.value()

    def set_year(self, year: int | None) -> None:
        self.setValue(self._any if year is None else year)

    def stepBy(self, steps: int) -> None:
        """Stepping up from "Any" starts at a sensible recent year, not at the minimum."""
        if self.value() == self._any and steps > 0:
            import datetime as dt

            self.setValue(max(self._first, min(dt.date.today().year, self.maximum())))
            return
        super().stepBy(steps)


class YearRangeFilter(QWidget):
    changed = Signal()

    def __init__(self, minimum: int, maximum: int, label: str, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        any_label = self.tr("Any")
        self.low = YearSpin(minimum, maximum, any_label, self)
        self.high = YearSpin(minimum, maximum, any_label, self)
        self.low.setAccessibleName(self.tr("{label} from").format(label=label))
        self.high.setAccessibleName(self.tr("{label} to").format(label=label))
        caption = QLabel(label, self)
        caption.setBuddy(self.low)
        layout.addWidget(caption)
        layout.addWidget(self.low)
        layout.addWidget(QLabel(self.tr("to"), self))
        layout.addWidget(self.high)
        self.low.valueChanged.connect(lambda _value: self.changed.emit())
        self.high.valueChanged.connect(lambda _value: self.changed.emit())

    def value(self) -> tuple[int | None, int | None] | None:
        low, high = self.low.year(), self.high.year()
        return None if low is None and high is None else (low, high)

    def clear_value(self) -> None:
        for spin in (self.low, self.high):
            spin.blockSignals(True)
            spin.set_year(None)
            spin.blockSignals(False)
        self.changed.emit()


class CityFilter(QLineEdit):
    """Pick one city by typing part of its name (accent-insensitive, through the search).

    Suggestions are looked up as you type, at most `CITY_SUGGESTIONS` of them, so
    the picker stays quick with any number of cities.
    """

    changed = Signal()

    def __init__(
        self, catalogue: Callable[[], Catalogue], placeholder: str, parent: Any = None
    ) -> None:
        """`catalogue` gives the open catalogue when suggestions are looked up."""
        super().__init__(parent)
        self._catalogue = catalogue
        self._uuid: str | None = None
        self._labels: dict[str, str] = {}  # suggestion text -> uuid
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        # The search already matched (accents, case); show its suggestions as they are.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._pick)  # type: ignore[index]  # Qt's overload by type
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CITY_TYPING_DELAY_MS)
        self._timer.timeout.connect(self._suggest)
        self.textEdited.connect(self._typed)
        self.returnPressed.connect(self._pick_first)

    def value(self) -> str | None:
        return self._uuid

    def set_city(self, uuid: str | None, label: str = "") -> None:
        self._uuid = uuid
        self.setText(label if uuid else "")
        self.changed.emit()

    def clear_value(self) -> None:
        self._timer.stop()
        changed = self._uuid is not None
        self._uuid = None
        self.clear()
        if changed:
            self.changed.emit()

    def _typed(self, text: str) -> None:
        if not text.strip():
            self.clear_value()
            return
        if self._uuid is not None:  # editing the chosen name: no city until one is picked
            self._uuid = None
            self.changed.emit()
        self._timer.start()

    def _suggest(self) -> None:
        """Cities whose name matches come first, then those matching in other text."""
        text = self.text().strip()
        if not text:
            return
        wanted = fold(text)
        catalogue = self._catalogue()
        ids = catalogue.ids("city", RecordQuery(text=text))[:CITY_CANDIDATES]
        rows = list(catalogue.rows("city", ids, ("name", "country")).values())

        def rank(row: TableRow) -> tuple[int, str]:
            name = fold(str(row.values["name"]))
            return (0 if name.startswith(wanted) else 1 if wanted in name else 2, name)

        self._labels = {}
        for row in sorted(rows, key=rank)[:CITY_SUGGESTIONS]:
            label = f"{row.values['name']} ({row.values['country']})"
            self._labels.setdefault(label, row.uuid)
        self._suggestions.setStringList(list(self._labels))
        if self.hasFocus() and self._labels:
            self.completer().complete()

    def _pick(self, label: str) -> None:
        uuid = self._labels.get(label)
        if uuid is not None:
            self.set_city(uuid, label)

    def _pick_first(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._suggest()
        if self._labels and self.text() not in self._labels:
            self._pick(next(iter(self._labels)))
