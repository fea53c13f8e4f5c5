"""Start the window: one QApplication, the catalogue opened, errors shown in a dialog."""

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

        window = MainWindow(catalogue)
        if catalogue.read_only:
            title = window.tr("{title} (read-only)").format(title=window.windowTitle())
            window.setWindowTitle(title)
        window.show()
        try:
            return app.exec()
        finally:
            catalogue.close()
    finally:
        if quit_timer is not None:
            quit_timer.stop()


def _set_window_icon(app: object) -> None:
    """Every window and dialog inherits the application's icon; a missing one is logged."""
    from ccn_desktop.resources import MissingResourceError
    from ccn_desktop.ui.icons import app_icon

    try:
        app.setWindowIcon(app_icon())  # type: ignore[attr-defined]
    except MissingResourceError as exc:
        logging.getLogger(__name__).warning("%s", exc)
