"""Start the window: one QApplication, the catalogue opened, errors shown in a dialog.

A catalogue that is ready to open (it exists, at this program's schema) gets the
quick start: the window paints its first rows from a sqlite3 peek and opens the
catalogue (SQLAlchemy and all) right after, so the user sees the table about as
soon as a bare Qt window would show. Any other case (first start, upgrade, an
unreadable file) opens the catalogue first, with its dialogs, then the window.
"""

from __future__ import annotations

import logging
import sys

from ccn_desktop.paths import DataPaths


def run_gui(paths: DataPaths) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ccn_desktop import APP_ID, APP_NAME, __version__
    from ccn_desktop.errors import user_message
    from ccn_desktop.logs import setup_logging

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UNESCO Creative Cities Network")
    app.setDesktopFileName(APP_ID)  # Wayland and taskbars find the icon through it
    setup_logging(paths)
    from ccn_desktop.ui.startup import keep_qt_files_in, open_catalogue, quit_after_if_asked

    keep_qt_files_in(paths)
    _set_window_icon(app)
    quit_timer = quit_after_if_asked(app)
    try:
        if _ready_to_open(paths):
            return _quick_start(app, paths)
        try:
            catalogue = open_catalogue(paths)  # the welcome dialog on first start
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
        window.show()
        try:
            return app.exec()
        finally:
            catalogue.close()
    finally:
        if quit_timer is not None:
            quit_timer.stop()


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

    window = MainWindow(None, paths=paths, opener=lambda: open_catalogue(paths, window))
    window.show()
    try:
        result = int(app.exec())  # type: ignore[attr-defined]
        return window.exit_code or result
    finally:
        if window.catalogue is not None:
            window.catalogue.close()


def _set_window_icon(app: object) -> None:
    """Every window and dialog inherits the application's icon; a missing one is logged."""
    from ccn_desktop.resources import MissingResourceError
    from ccn_desktop.ui.icons import app_icon

    try:
        app.setWindowIcon(app_icon())  # type: ignore[attr-defined]
    except MissingResourceError as exc:
        logging.getLogger(__name__).warning("%s", exc)
