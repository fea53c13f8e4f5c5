"""Start the window: one QApplication, the catalogue opened, errors shown in a dialog."""

from __future__ import annotations

import sys

from ccn_desktop.paths import DataPaths


def run_gui(paths: DataPaths) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ccn_desktop import APP_NAME, __version__
    from ccn_desktop.errors import user_message
    from ccn_desktop.logs import setup_logging

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UNESCO Creative Cities Network")
    setup_logging(paths)
    from ccn_desktop.catalogue.facade import Catalogue

    try:
        catalogue = Catalogue.open(paths)
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            raise
        QMessageBox.critical(None, APP_NAME, message)
        return 1
    from ccn_desktop.ui.main_window import MainWindow

    window = MainWindow(catalogue)
    window.show()
    try:
        return app.exec()
    finally:
        catalogue.close()
