"""Qt's `tr()` answered from the program's gettext catalogue, plus Qt's own translations.

The window's messages are written with `self.tr("…")` and
`QCoreApplication.translate(context, "…")`; Babel extracts them into the same
catalogue as the core's `_()` (see babel.cfg), so one `.po` file per language covers
everything. The Qt context (usually a class name) is not part of the key: a message
means the same wherever it appears, and a disambiguation, when given, becomes the
gettext context. Qt's `qtbase_<lang>.qm`, shipped with PySide6, translates the
standard buttons and dialogs (OK, Cancel, the file chooser).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ccn_desktop import i18n

log = logging.getLogger(__name__)

# Qt's file chooser labels its fields "&Look in:" and "Files of &type:", which the
# `qtbase_fr` and `qtbase_es` shipped with PySide6 translate only without the "&" (from
# older Qt): without these two the chooser read "Look in:" beside "Nom de fichier :".
# Ours answers first, whatever the context.
QT_GAPS = (i18n.N_("&Look in:"), i18n.N_("Files of &type:"))


class GettextTranslator(QTranslator):
    """A QTranslator whose every answer comes from `ccn_desktop.i18n`."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if not source_text:
            return source_text
        if n >= 0:  # Qt puts the count in for %n after we answer
            if disambiguation:
                answer = i18n.npgettext(disambiguation, source_text, source_text, n)
            else:
                answer = i18n.ngettext(source_text, source_text, n)
        elif disambiguation:
            answer = i18n.pgettext(disambiguation, source_text)
        else:
            answer = i18n._(source_text)
        # Not ours (Qt's own "Cancel"): say nothing, so that qtbase_<lang>.qm answers.
        return None if answer == source_text else answer

    def isEmpty(self) -> bool:
        return False


def qt_translation_folders() -> list[str]:
    """Where PySide6 keeps `qtbase_*.qm`: Qt's own answer, then the package's folder (a
    frozen app collects them under PySide6/Qt/translations beside the program)."""
    import PySide6

    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(str(Path(frozen) / "PySide6" / "Qt" / "translations"))
    return list(dict.fromkeys(folders))


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Route the window's `tr()` to the catalogue of `language` (already chosen with
    `i18n.use_language`) and load Qt's own translation of its dialogs. The translators
    are returned so that the caller keeps them alive."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    if language != i18n.SOURCE_LANGUAGE:
        qt_own = QTranslator(app)
        folders = qt_translation_folders()
        if any(qt_own.load(f"qtbase_{language}", folder) for folder in folders):
            app.installTranslator(qt_own)
            installed.append(qt_own)
        else:  # the window still works, with English standard buttons
            log.warning("Qt's own translation qtbase_%s was not found in %s", language, folders)
    ours = GettextTranslator(app)
    app.installTranslator(ours)
    installed.append(ours)
    return installed
