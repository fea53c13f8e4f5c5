"""Start the window: one QApplication, the catalogue opened, errors shown in a dialog."""

from __future__ import annotations

import sys
from typing import Any

from ccn_desktop.paths import DataPaths


def run_gui(paths: DataPaths) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ccn_desktop import APP_NAME, __version__
    from ccn_desktop.errors import user_message
    from ccn_desktop.logs import LOG_FILE_NAME, setup_logging

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UNESCO Creative Cities Network")
    setup_logging(paths)
    from ccn_desktop.ui.error_dialog import install_error_reporter
    from ccn_desktop.ui.instance_lock import claim_data_folder

    lock = claim_data_folder(paths.data_dir)
    if lock is None:
        return 1
    reporter = install_error_reporter(paths.log_dir / LOG_FILE_NAME)
    from ccn_desktop.ui.damaged_dialog import open_catalogue_or_recover

    try:
        catalogue = open_catalogue_or_recover(paths)
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            raise
        QMessageBox.critical(None, APP_NAME, message)
        return 1
    if catalogue is None:
        return 1
    shown: dict[str, Any] = {}
    show_window(catalogue, shown)
    try:
        return app.exec()
    finally:
        shown["catalogue"].close()
        reporter.uninstall()
        lock.release()


def show_window(catalogue: Any, shown: dict[str, Any]) -> None:
    """Show a main window on `catalogue`, replacing the one in `shown` (after a restore)."""
    from ccn_desktop.ui.backup_dialogs import install_backup_actions
    from ccn_desktop.ui.main_window import MainWindow

    previous = shown.get("window")
    window = MainWindow(catalogue)
    install_backup_actions(window, lambda reopened: show_window(reopened, shown))
    shown.update(window=window, catalogue=catalogue)
    if previous is not None:
        window.restoreGeometry(previous.saveGeometry())
        previous.close()
        previous.deleteLater()
    window.show()
