"""Preferences ▸ Language: the window's language, applied at the next start.

The choice is saved in the settings folder (`i18n.save_language`), where the
command line's start of the window reads it too. It applies after a restart: every
label, menu and dialog is built in one language, and rebuilding them all while
records are being edited would risk the user's unsaved work for little gain.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ccn_desktop import i18n
from ccn_desktop.paths import DataPaths


def language_menu(parent: QWidget, paths: DataPaths) -> QMenu:
    """ "Language" with "As the system" and each language under its own name."""
    menu = QMenu(parent.tr("&Language"), parent)
    group = QActionGroup(menu)
    saved = i18n.saved_language(paths.config_dir)
    entries: list[tuple[str | None, str]] = [(None, parent.tr("As the system"))]
    entries += list(i18n.LANGUAGES.items())
    for code, name in entries:
        action = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == saved)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: choose(parent, paths, c))
    return menu


def choose(parent: QWidget, paths: DataPaths, code: str | None) -> None:
    """Save the choice and say when it applies (in the language chosen, when known)."""
    try:
        i18n.save_language(paths.config_dir, code)
    except OSError as exc:
        QMessageBox.warning(parent, parent.tr("Language"), str(exc))
        return
    language = code or i18n.system_language()
    with i18n.speaking(language):
        text = i18n._("The new language applies the next time CCN Desktop starts.")
    if language == i18n.current_language():
        return  # nothing changes: no need to say anything
    QMessageBox.information(parent, parent.tr("Language"), text)
