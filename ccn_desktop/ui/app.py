"""Start the window: one QApplication, the catalogue opened, errors shown in a dialog."""

from __future__ import annotations

import logging
import sys
from typing import Any

from ccn_desktop.paths import DataPaths


def run_gui(paths: DataPaths) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ccn_desktop import APP_ID, APP_NAME, __version__
    from ccn_desktop.errors import user_message
    from ccn_desktop.logs import LOG_FILE_NAME, setup_logging

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UNESCO Creative Cities Network")
    app.setDesktopFileName(APP_ID)  # Wayland and taskbars find the icon through it
    setup_logging(paths)
    from ccn_desktop.ui.damaged_dialog import open_catalogue_or_recover
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
    shown: dict[str, Any] = {}
    try:
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
        show_window(catalogue, shown)
        return app.exec()
    finally:
        if "catalogue" in shown:
            shown["catalogue"].close()
        if quit_timer is not None:
            quit_timer.stop()
        reporter.uninstall()
        lock.release()


def show_window(catalogue: Any, shown: dict[str, Any]) -> None:
    """Show a main window on `catalogue`, replacing the one in `shown` (after a restore)."""
    from ccn_desktop.ui.backup_dialogs import install_backup_actions
    from ccn_desktop.ui.main_window import MainWindow

    previous = shown.get("window")
    window = MainWindow(catalogue)
    if catalogue.read_only:
        title = window.tr("{title} (read-only)").format(title=window.windowTitle())
        window.setWindowTitle(title)
    else:
        install_backup_actions(window, lambda reopened: show_window(reopened, shown))
    shown.update(window=window, catalogue=catalogue)
    if previous is not None:
        window.restoreGeometry(previous.saveGeometry())
        previous.close()
        previous.deleteLater()
    window.show()


def _set_window_icon(app: object) -> None:
    """Every window and dialog inherits the application's icon; a missing one is logged."""
    from ccn_desktop.resources import MissingResourceError
    from ccn_desktop.ui.icons import app_icon

    try:
        app.setWindowIcon(app_icon())  # type: ignore[attr-defined]
    except MissingResourceError as exc:
        logging.getLogger(__name__).warning("%s", exc)
