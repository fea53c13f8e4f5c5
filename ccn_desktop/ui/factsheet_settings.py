"""What the fact-sheet actions share: their settings (paper, last folder), the file
chooser and error box the tests replace, file names and messages."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.errors import user_message
from ccn_desktop.factsheet.paper import PaperError, known_paper
from ccn_desktop.factsheet.printing import (
    default_paper,
)
from ccn_desktop.i18n import LANGUAGES, N_, current_language

log = logging.getLogger("ccn_desktop.ui.factsheet_actions")

PAPER_KEY = "factsheet/paper"
LANGUAGE_KEY = "factsheet/language"
FOLDER_KEY = "factsheet/folder"
SETTINGS_FILE = "ccn-desktop.ini"


def tr(text: str) -> str:
    return QCoreApplication.translate("FactSheets", text)


# -- small pieces the tests patch -------------------------------------------------


def choose_save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    """Ask where to save a PDF; None when the user cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(suggested), tr("PDF files (*.pdf)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, APP_NAME, message)


# -- settings ------------------------------------------------------------------------


def factsheet_settings(catalogue: Catalogue) -> QSettings:
    """The program's settings file in the configuration folder (portable mode included)."""
    path = catalogue.paths.config_dir / SETTINGS_FILE
    return QSettings(str(path), QSettings.Format.IniFormat)


def paper_setting(settings: QSettings) -> str:
    """The stored paper size, or the locale's (Letter in the US, Canada, Mexico…; else A4)."""
    stored = settings.value(PAPER_KEY, "")
    try:
        return known_paper(str(stored)) if stored else default_paper()
    except PaperError:
        return default_paper()


def sheet_language(settings: QSettings) -> str:
    """The language fact sheets are printed in: the one chosen for them, else the program's
    (a French office may print an English sheet for a visiting delegation)."""
    stored = str(settings.value(LANGUAGE_KEY, "") or "")
    return stored if stored in LANGUAGES else current_language()


def store_sheet_language(settings: QSettings, language: str) -> None:
    settings.setValue(LANGUAGE_KEY, language)


def paper_name(paper: str) -> str:
    """The paper's name for people ("Letter" is "Lettre US" in French); A4 is A4 everywhere."""
    return tr(_PAPER_NAMES.get(paper, paper))


_PAPER_NAMES = {"Letter": N_("Letter")}


def store_paper(settings: QSettings, paper: str) -> None:
    settings.setValue(PAPER_KEY, known_paper(paper))
    settings.sync()


def _save_folder(settings: QSettings) -> Path:
    stored = settings.value(FOLDER_KEY, "")
    folder = Path(str(stored)) if stored else Path.home()
    return folder if folder.is_dir() else Path.home()


def _remember_folder(settings: QSettings, path: Path) -> None:
    settings.setValue(FOLDER_KEY, str(path.parent))
    settings.sync()


def file_name_for(title: str) -> str:
    """A file name any file system accepts, from a city name or a booklet title."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", title).strip(" .-")
    return (cleaned[:120] or tr("fact sheet")) + ".pdf"


def _message(exc: BaseException) -> str:
    message = user_message(exc)
    if message is None:
        log.exception("fact sheet failed")
        message = tr("The fact sheet could not be made ({error}); details are in the log.")
        message = message.format(error=f"{type(exc).__name__}: {exc}")
    return message


def _status(parent: QWidget | None, message: str) -> None:
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 8000)
