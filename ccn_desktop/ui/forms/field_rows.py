"""The rows of a record form: the editor for each field's kind and the label beside it.

A label names its field, marks a required one with "*", carries an Alt letter that
no other label of the form (nor a menu of the window) uses, and lines up with the
first line of its input. `RecordForm` lays the rows out in the spec's groups.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ccn_desktop.catalogue.entities import FieldSpec, Kind
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.forms.code_picker import CodePicker
from ccn_desktop.ui.forms.editor_base import FieldEditor
from ccn_desktop.ui.forms.editors import (
    ChoiceEditor,
    DateEditor,
    FloatEditor,
    LongTextEditor,
    NumberEditor,
    TextEditor,
)
from ccn_desktop.ui.forms.links_editor import LinksEditor
from ccn_desktop.ui.forms.list_editors import DateListEditor, TextListEditor

# Letters the window's menus use with Alt (File, Edit, View, Help): not for field labels.
_MENU_MNEMONICS = frozenset("fevh")

# Visible lines of paragraph fields; the others get the default.
_LONG_TEXT_LINES = {"description": 6, "summary": 5, "objectives": 5, "outputs": 4}

_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def with_mnemonic(text: str, used: set[str]) -> str:
    """`text` with an "&" before a letter no other label (nor a menu) uses; word starts first."""
    text = text.replace("&", "&&")
    starts = [i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or text[i - 1] == " ")]
    others = [i for i, ch in enumerate(text) if ch.isalpha() and i not in starts]
    for position in starts + others:
        letter = text[position].casefold()
        if letter.isascii() and letter not in used and letter not in _MENU_MNEMONICS:
            used.add(letter)
            return text[:position] + "&" + text[position:]
    return text


def make_editor(spec: FieldSpec, catalogue: Catalogue, parent: QWidget) -> FieldEditor:
    """The editor for a field's kind."""
    kind = spec.kind
    if kind in (Kind.TEXT, Kind.EMAIL, Kind.URL, Kind.PHONE):
        return TextEditor(spec, parent)
    if kind == Kind.LONG_TEXT:
        return LongTextEditor(spec, parent, lines=_LONG_TEXT_LINES.get(spec.name, 4))
    if kind in (Kind.INT, Kind.YEAR):
        return NumberEditor(spec, parent)
    if kind == Kind.FLOAT:
        return FloatEditor(spec, parent)
    if kind == Kind.DATE:
        return DateEditor(spec, parent)
    if kind == Kind.CHOICE:
        return ChoiceEditor(spec, parent)
    if kind in (Kind.COUNTRY, Kind.CURRENCY):
        return CodePicker(spec, parent)
    if kind == Kind.TEXT_LIST:
        return TextListEditor(spec, parent)
    if kind == Kind.DATE_LIST:
        return DateListEditor(spec, parent)
    if kind == Kind.LINKS:
        return LinksEditor(spec, catalogue, parent)
    raise ValueError(f"no editor for fields of kind {kind}")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordForm", text)


def field_label(spec: FieldSpec, editor: FieldEditor, used: set[str], parent: QWidget) -> QLabel:
    """The label of a field's row, its Alt letter taken from `used`; names the editor too."""
    name = _tr(spec.label)
    label = QLabel(with_mnemonic(name, used) + (" *" if spec.required else ""), parent)
    label.setBuddy(editor.focus_widget())
    label.setAlignment(_TOP_LEFT)
    # Line the label up with the text of the first input line, not the frame's edge.
    label.setContentsMargins(0, editor.frame.row.contentsMargins().top() + 4, 0, 0)
    if spec.required:
        label.setToolTip(_tr("Required"))
    editor.set_accessible_name(name, _tr("Required") if spec.required else "")
    return label


def row_title(text: str, parent: QWidget) -> QLabel:
    """The label of a row that is no field (the map, the next report due)."""
    title = QLabel(text, parent)
    title.setAlignment(_TOP_LEFT)
    return title
