"""Searchable pickers of ISO codes: countries (ISO 3166-1) and currencies (ISO 4217).

An editable combo box: its drop-down lists everything, and as the user types, a
completer offers the entries whose names or codes contain the typed text, ignoring
case and accents ("cote d" finds Côte d'Ivoire, "pol" Poland). The stored value is
the code; typed text that names no entry is kept as typed, for the catalogue's rules
to refuse with their own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSizePolicy, QWidget

from ccn_desktop.catalogue.country_names import local_country_name
from ccn_desktop.catalogue.entities import FieldSpec, Kind
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.i18n import current_language
from ccn_desktop.ui.forms.editor_base import FieldEditor

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # folded names and codes, for matching
NAME_ROLE = Qt.ItemDataRole.UserRole + 3  # the entry's plain name ("Poland")


@dataclass(frozen=True)
class CodeEntry:
    code: str
    name: str  # in English: what is stored ("Colombia")
    search: str  # folded
    shown: str = ""  # in the reader's language, when it differs ("Colombie")

    @property
    def display(self) -> str:
        return f"{self.shown or self.name} ({self.code})"


@cache
def country_entries(language: str = "en") -> tuple[CodeEntry, ...]:
    """Every country, named in `language` and found by its name in English or in
    `language`, its official name or its codes; stored under its English name."""
    import pycountry

    entries = []
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", "")
        local = local_country_name(country.alpha_2, language)
        words = {name, local, country.name, official, country.alpha_2, country.alpha_3}
        entries.append(
            CodeEntry(
                country.alpha_2,
                name,
                fold(" | ".join(sorted(w for w in words if w))),
                local if local != name else "",
            )
        )
    return tuple(sorted(entries, key=lambda entry: fold(entry.shown or entry.name)))


@cache
def currency_entries() -> tuple[CodeEntry, ...]:
    import pycountry

    entries = [
        CodeEntry(currency.alpha_3, currency.name, fold(f"{currency.name} | {currency.alpha_3}"))
        for currency in pycountry.currencies
    ]
    return tuple(sorted(entries, key=lambda entry: fold(entry.name)))


def entry_model(entries: Sequence[CodeEntry], parent: Any = None) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    for entry in entries:
        item = QStandardItem(entry.display)
        item.setData(entry.code, CODE_ROLE)
        item.setData(entry.search, SEARCH_ROLE)
        item.setData(entry.name, NAME_ROLE)
        item.setEditable(False)
        model.appendRow(item)
    return model


_Index = QModelIndex | QPersistentModelIndex


class FoldedFilterModel(QSortFilterProxyModel):
    """Rows whose folded search text contains the folded filter; best matches first:
    the exact code, then names starting with the text, then words starting with it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setDynamicSortFilter(False)

    @property
    def needle(self) -> str:
        return self._needle

    def set_text(self, text: str) -> None:
        needle = fold(text)
        if needle == self._needle:
            return
        self._needle = needle
        self.invalidate()
        self.sort(0)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._needle:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self._needle in (index.data(SEARCH_ROLE) or "")

    def _rank(self, index: _Index) -> tuple[int, str]:
        name = fold(index.data(NAME_ROLE) or "")
        code = fold(index.data(CODE_ROLE) or "")
        needle = self._needle
        if needle and code == needle:
            rank = 0
        elif name.startswith(needle):
            rank = 1
        elif f" {needle}" in f" {name}":
            rank = 2
        else:
            rank = 3
        return rank, name

    def lessThan(self, left: _Index, right: _Index) -> bool:
        return self._rank(left) < self._rank(right)


class CodePicker(FieldEditor):
    """COUNTRY and CURRENCY fields. `picked(code)` says the user chose an entry."""

    picked = Signal(str)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        entries = (
            country_entries(current_language()) if spec.kind == Kind.COUNTRY else currency_entries()
        )
        self._by_code = {entry.code: entry for entry in entries}
        self._by_name = {fold(entry.name): entry for entry in entries}
        self._by_name.update({fold(entry.shown): entry for entry in entries if entry.shown})
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMaxVisibleItems(12)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setMinimumContentsLength(18)
        self.source = entry_model(entries, self.combo)
        self.combo.setModel(self.source)
        self.filter = FoldedFilterModel(self.combo)
        self.filter.setSourceModel(self.source)
        self.filter.sort(0)
        self.completer = QCompleter(self.filter, self.combo)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.combo.setCompleter(self.completer)
        line = self._line()
        line.setPlaceholderText(
            self.tr("Type a country name or code")
            if spec.kind == Kind.COUNTRY
            else self.tr("Type a currency name or code")
        )
        line.textEdited.connect(self._text_edited)
        line.returnPressed.connect(self._return_pressed)
        line.editingFinished.connect(self._editing_finished)
        self.combo.activated.connect(self._activated)
        self.input_row.addWidget(self.combo)
        self._settled: str | None = None
        self.set_value("")

    # -- user actions ----------------------------------------------------------------------

    def _line(self) -> QLineEdit:
        line = self.combo.lineEdit()
        assert line is not None  # the combo box is editable
        return line

    def _text_edited(self, text: str) -> None:
        self._settled = None
        self.filter.set_text(text)
        self.changed.emit()

    def _activated(self, row: int) -> None:
        if row >= 0:
            self._settle(row)

    def _return_pressed(self) -> None:
        """Enter takes the best suggestion for the typed text (the first one offered)."""
        text = self._line().text().strip()
        row = self.combo.currentIndex()
        if not text or (row >= 0 and text == self.combo.itemText(row)):
            return
        self.filter.set_text(text)
        entry = self.match(text)
        if entry is None and self.filter.rowCount():
            best = self.filter.mapToSource(self.filter.index(0, 0))
            self._settle(best.row())
        elif entry is not None:
            self._settle(self.combo.findData(entry.code, CODE_ROLE))

    def _editing_finished(self) -> None:
        """Typed text that names exactly one entry (its code, its name) becomes that entry."""
        text = self._line().text().strip()
        row = self.combo.currentIndex()
        if row >= 0 and text == self.combo.itemText(row):
            return
        entry = self.match(text)
        if entry is not None:
            self._settle(self.combo.findData(entry.code, CODE_ROLE))

    def _settle(self, row: int) -> None:
        """Make `row` the choice. The filter is left as it is: the completer may still be
        activating an entry of it (Enter in its popup ends editing first)."""
        code = self.combo.itemData(row, CODE_ROLE)
        self.combo.blockSignals(True)
        try:
            self.combo.setCurrentIndex(row)
            self.combo.setEditText(self.combo.itemText(row))
        finally:
            self.combo.blockSignals(False)
        if code != self._settled:
            self._settled = code
            self.changed.emit()
            self.picked.emit(code)

    def match(self, text: str) -> CodeEntry | None:
        """The one entry `text` names: its code, its name, or the only entry containing it."""
        needle = fold(text)
        if not needle:
            return None
        entry = self._by_code.get(text.strip().upper()) or self._by_name.get(needle)
        if entry is not None:
            return entry
        for candidate in self._by_code.values():
            if fold(candidate.display) == needle:
                return candidate
        matches = [entry for entry in self._by_code.values() if needle in entry.search]
        return matches[0] if len(matches) == 1 else None

    # -- FieldEditor --------------------------------------------------------------------------

    def value(self) -> str:
        text = self._line().text().strip()
        if not text:
            return ""
        row = self.combo.currentIndex()
        if row >= 0 and text == self.combo.itemText(row):
            return str(self.combo.itemData(row, CODE_ROLE))
        entry = self._by_code.get(text.upper()) or self._by_name.get(fold(text))
        return entry.code if entry is not None else text

    def set_value(self, value: Any) -> None:
        code = "" if value is None else str(value).strip()
        row = self.combo.findData(code.upper(), CODE_ROLE) if code else -1
        self.combo.blockSignals(True)
        try:
            self.combo.setCurrentIndex(row)
            self.combo.setEditText(self.combo.itemText(row) if row >= 0 else code)
        finally:
            self.combo.blockSignals(False)
        self._settled = self.combo.itemData(row, CODE_ROLE) if row >= 0 else None
        self.filter.set_text("")

    def name_of(self, code: str) -> str:
        entry = self._by_code.get(code)
        return entry.name if entry is not None else ""

    def input_widget(self) -> QWidget:
        return self.combo
