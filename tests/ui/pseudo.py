"""A pseudo-language that wraps every translated message in [[…]], and a walk over a window's
visible texts that lists whatever is not wrapped: a message that escaped translation."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from ccn_desktop import i18n
from ccn_desktop.ui.translator import GettextTranslator

_TAG = re.compile(r"<[^>]+>")
_WRAPPED = re.compile(r"\[\[(?:(?!\[\[|\]\]).)*\]\]", re.S)
_LETTERS = re.compile(r"[^\W\d_]{2}")


class PseudoTranslations(gettext.NullTranslations):
    """Every message, wrapped: a text on screen without [[ ]] never went through the catalogue."""

    def gettext(self, message: str) -> str:
        return f"[[{message}]]"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"[[{singular if n == 1 else plural}]]"

    def pgettext(self, context: str, message: str) -> str:
        return f"[[{message}]]"

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.ngettext(singular, plural, n)


@contextmanager
def pseudo_language() -> Iterator[None]:
    """The core's `_()` and the window's `tr()` answer in the pseudo-language."""
    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(PseudoTranslations(), "en")
    translator = GettextTranslator(app)
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)
        i18n.use_language(i18n.SOURCE_LANGUAGE)


def _plain(text: str) -> str:
    return _TAG.sub(" ", text.replace("&&", "").replace("&", "")).strip()


def escaped(text: str, data: Iterable[str] = ()) -> bool:
    """Whether `text` holds words that were not translated (data such as names removed)."""
    rest = _plain(text)
    while True:  # innermost wrapped message first: messages are put inside messages
        rest, found = _WRAPPED.subn(" ", rest)
        if not found:
            break
    for value in sorted((d for d in data if d), key=len, reverse=True):
        rest = rest.replace(value, " ")
    rest = re.sub(r"\S*[/\\]\S*", " ", rest)  # paths and file names
    return bool(_LETTERS.search(rest))


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield f"{where} menu title", menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield f"{where} ▸ action", action.text()
        if action.statusTip():
            yield f"{where} ▸ status tip", action.statusTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} ▸ {action.text()}")


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can see on `root` and its visible children:
    titles, labels, buttons, group titles, placeholders, tab names, tooltips, headers, menus."""
    yield "window title", root.windowTitle().replace("[*]", "")
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield f"{name} text", widget.text()
        elif isinstance(widget, QGroupBox):
            yield f"{name} title", widget.title()
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox) and widget.lineEdit() is not None:
            yield f"{name} placeholder", widget.lineEdit().placeholderText()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{name} tab", widget.tabText(index)
                yield f"{name} tab tooltip", widget.tabToolTip(index)
        elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            header = (
                widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            )
            if header.isHidden():
                continue
            for column in range(header.count()):
                if not header.isSectionHidden(column):
                    text = widget.model().headerData(column, Qt.Orientation.Horizontal)
                    if text is not None:
                        yield f"{name} header", str(text)
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.menu() is not None:
                    yield from _menu_texts(action.menu(), "menu")


def untranslated(root: QWidget, data: Iterable[str] = ()) -> list[tuple[str, str]]:
    data = list(data)
    return sorted({(where, text) for where, text in visible_texts(root) if escaped(text, data)})
