"""Start the window: one QApplication, the catalogue opened, errors shown in a dialog.

A catalogue that is ready to open (it exists, at this program's schema) gets the
quick start: the window paints its first rows from a sqlite3 peek and opens the
catalogue (SQLAlchemy and all) right after, so the user sees the table about as
soon as a bare Qt window would show. Any other case (first start, upgrade, an
unreadable file) opens the catalogue first, with its dialogs, then the window.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ccn_desktop.paths import DataPaths

if TYPE_CHECKING:  # the window's modules load after the first paint (see _quick_start)
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.ui.main_window import MainWindow

_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def no_display_message(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, or None when it can (or Qt decides).

    On Linux without X11 or Wayland Qt aborts with a hint about libxcb-cursor0 that
    sends people the wrong way; we say it ourselves, before Qt is loaded."""
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen.split(":")[0] in _HEADLESS_PLATFORMS:
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    from ccn_desktop.i18n import _

    return _(
        "no display found: open the window in a desktop session, or use the command line "
        "(see `ccn-desktop --help`)."
    )


def run_gui(paths: DataPaths, language: str | None = None) -> int:
    message = no_display_message(os.environ)
    if message is not None and not _has_qapplication():
        print(f"ccn-desktop: {message}", file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ccn_desktop import APP_ID, APP_NAME, __version__
    from ccn_desktop.errors import user_message
    from ccn_desktop.logs import LOG_FILE_NAME, setup_logging

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UNESCO Creative Cities Network")
    app.setDesktopFileName(APP_ID)  # Wayland and taskbars find the icon through it
    translators = _speak(app, paths, language)  # noqa: F841 (kept alive while the app runs)
    setup_logging(paths)
    from ccn_desktop.ui.error_dialog import install_error_reporter
    from ccn_desktop.ui.instance_lock import claim_data_folder
    from ccn_desktop.ui.startup import keep_qt_files_in, open_catalogue, quit_after_if_asked

    keep_qt_files_in(paths)
    _set_window_icon(app)
    lock = claim_data_folder(paths.data_dir)  # one program per data folder
    if lock is None:
        return 1
    reporter = install_error_reporter(paths.log_dir / LOG_FILE_NAME)
    quit_timer = quit_after_if_asked(app)
    try:
        if _ready_to_open(paths):
            return _quick_start(app, paths)
        from ccn_desktop.ui.damaged_dialog import open_catalogue_or_recover

        try:
            # the welcome dialog on first start; the damaged-file dialog when it is damaged
            catalogue = open_catalogue_or_recover(paths, opener=open_catalogue)
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                raise
            QMessageBox.critical(None, APP_NAME, message)
            return 1
        if catalogue is None:  # the user chose to quit
            return 0
        from ccn_desktop.ui.main_window import MainWindow

        window = MainWindow(catalogue)  # it says so itself when the catalogue is read-only
        _install_backup_actions(window)
        window.show()
        try:
            return app.exec()
        finally:
            if window.catalogue is not None:
                window.catalogue.close()  # the one a restore attached, if any
    finally:
        if quit_timer is not None:
            quit_timer.stop()
        reporter.uninstall()
        lock.release()


def _speak(app: object, paths: DataPaths, option: str | None) -> list[object]:
    """The window's language: `--language`, else the one saved in Preferences, else the
    system's; Qt's `tr()` and its standard dialogs follow it."""
    from ccn_desktop import i18n
    from ccn_desktop.ui.translator import install_translators

    language = i18n.choose_language(option, paths.config_dir)
    i18n.use_language(language)
    return list(install_translators(app, language))  # type: ignore[arg-type]


def _has_qapplication() -> bool:
    """A QApplication already made (tests make one offscreen) decides for itself."""
    qtwidgets = sys.modules.get("PySide6.QtWidgets")
    return qtwidgets is not None and qtwidgets.QApplication.instance() is not None


def _ready_to_open(paths: DataPaths) -> bool:
    """Whether the catalogue exists at this program's schema (a sqlite3 read, nothing more)."""
    from ccn_desktop.catalogue.migrations import stored_revision
    from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD

    try:
        return paths.catalogue_file.is_file() and stored_revision(paths.catalogue_file) == (
            SCHEMA_HEAD
        )
    except Exception:  # the slow path opens it and says what is wrong
        return False


def _quick_start(app: object, paths: DataPaths) -> int:
    from ccn_desktop.ui.main_window import MainWindow
    from ccn_desktop.ui.startup import open_catalogue

    def opener() -> object:  # after the first paint: the heavy imports may come now
        from ccn_desktop.ui.damaged_dialog import open_catalogue_or_recover

        catalogue = open_catalogue_or_recover(
            paths, window, opener=lambda _paths: open_catalogue(paths, window)
        )
        if catalogue is not None:
            _install_backup_actions(window)
        return catalogue

    window = MainWindow(None, paths=paths, opener=opener)  # type: ignore[arg-type]
    window.show()
    try:
        result = int(app.exec())  # type: ignore[attr-defined]
        return window.exit_code or result
    finally:
        if window.catalogue is not None:
            window.catalogue.close()


def _install_backup_actions(window: MainWindow) -> None:
    """File ▸ Back up now and Restore from backup… (once the catalogue is open: the module
    loads it); after a restore the window works on the reopened catalogue (its undo
    history belonged to the replaced one)."""
    from ccn_desktop.ui.backup_dialogs import install_backup_actions

    def reopen(catalogue: Catalogue) -> None:
        window.undo_stack.clear()
        window.attach(catalogue)

    install_backup_actions(window, reopen)


def _set_window_icon(app: object) -> None:
    """Every window and dialog inherits the application's icon; a missing one is logged."""
    from ccn_desktop.resources import MissingResourceError
    from ccn_desktop.ui.icons import app_icon

    try:
        app.setWindowIcon(app_icon())  # type: ignore[attr-defined]
    except MissingResourceError as exc:
        logging.getLogger(__name__).warning("%s", exc)
