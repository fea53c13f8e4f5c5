"""Start the window: one QApplication, the catalogue opened, errors shown in a dialog.

A catalogue that is already at the program's schema opens at once. A new one
(created and seeded) or an old one (backed up and migrated) is prepared in the
background behind a progress dialog, so the program never looks frozen.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ccn_desktop.paths import DataPaths

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue


def run_gui(paths: DataPaths) -> int:
    from PySide6.QtWidgets import QApplication

    from ccn_desktop import APP_NAME, __version__
    from ccn_desktop.logs import setup_logging

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UNESCO Creative Cities Network")
    setup_logging(paths)
    catalogue = open_catalogue(paths)
    if catalogue is None:
        return 1
    from ccn_desktop.ui.main_window import MainWindow

    window = MainWindow(catalogue)
    window.show()
    try:
        return app.exec()
    finally:
        catalogue.close()


def open_catalogue(paths: DataPaths) -> Catalogue | None:
    """The open catalogue, or None after telling the user in one sentence why not."""
    from PySide6.QtWidgets import QMessageBox

    from ccn_desktop import APP_NAME
    from ccn_desktop.catalogue.migrations import stored_revision
    from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
    from ccn_desktop.errors import user_message

    try:
        ready = stored_revision(paths.catalogue_file) == SCHEMA_HEAD
        if ready:
            from ccn_desktop.catalogue.facade import Catalogue

            return Catalogue.open(paths)
        return _open_in_background(paths)
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            raise
        QMessageBox.critical(None, APP_NAME, message)
        return None


def _open_in_background(paths: DataPaths) -> Catalogue:
    """Create, seed or migrate the catalogue off the GUI thread; re-raise its failure here."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from ccn_desktop import APP_NAME
    from ccn_desktop.ui.worker import Progress, run_with_progress

    def prepare(_progress: Progress) -> Catalogue:
        from ccn_desktop.catalogue.facade import Catalogue

        return Catalogue.open(paths)

    outcome: dict[str, object] = {}
    loop = QEventLoop()
    text = QCoreApplication.translate(
        "app", "Preparing the catalogue (a backup is made before any upgrade)…"
    )
    task = run_with_progress(
        None,
        APP_NAME,
        text,
        prepare,
        on_done=lambda catalogue: outcome.update(catalogue=catalogue),
        on_error=lambda exc: outcome.update(error=exc),
        cancellable=False,
    )
    task.ended.connect(loop.quit)
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["catalogue"]  # type: ignore[return-value]
