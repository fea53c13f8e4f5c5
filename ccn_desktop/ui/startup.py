"""What happens between the QApplication and the main window.

- Qt's own files (QSettings) go to the data paths' settings folder, so portable
  mode writes nothing to the user's folders.
- No catalogue yet: the welcome dialog names the office and creates it.
- A catalogue in a folder that cannot be written (a locked stick): offer to open
  it read-only instead of failing.
- `CCN_DESKTOP_QUIT_AFTER_MS`, for the packaged app's smoke test and nothing else:
  close every window after that many milliseconds, as a user closing them would.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from ccn_desktop import APP_NAME
from ccn_desktop.paths import DataDirError, DataPaths

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue

log = logging.getLogger(__name__)

QUIT_AFTER_ENV = "CCN_DESKTOP_QUIT_AFTER_MS"


def keep_qt_files_in(paths: DataPaths) -> None:
    """Make every QSettings, even one made without a file name, an INI file in config_dir."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.config_dir))
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(paths.config_dir)
    )


def open_catalogue(paths: DataPaths, parent: QWidget | None = None) -> Catalogue | None:
    """The catalogue for the main window, or None when the user chose to quit.

    Errors meant for the user (see ccn_desktop.errors) are raised for the caller to show.
    """
    # Here, not at the top: the window paints its first rows before SQLAlchemy is loaded.
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.read_only import ReadOnlyFolderError
    from ccn_desktop.paths import folder_writable

    if not paths.catalogue_file.exists():
        if not folder_writable(paths.data_dir):
            raise DataDirError(
                f"There is no catalogue in {paths.data_dir} yet, and that folder cannot be "
                "written (a locked USB stick?), so none can be created there."
            )
        from ccn_desktop.ui.welcome_dialog import WelcomeDialog

        log.info("first start: no catalogue in %s, showing the welcome dialog", paths.data_dir)
        dialog = WelcomeDialog(paths, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.catalogue if accepted else None
    try:
        return open_with_progress(paths, parent)
    except ReadOnlyFolderError as exc:
        if not ask_to_open_read_only(str(exc), parent):
            return None
        log.info("opening %s read-only", paths.catalogue_file)
        return Catalogue.open(paths, read_only=True)


def open_with_progress(paths: DataPaths, parent: QWidget | None = None) -> Catalogue:
    """Open the catalogue; one that must be upgraded (backup, migration) is upgraded on a
    worker thread behind a progress dialog, so the program never looks frozen.

    A failure is raised here, in the GUI thread, as if `Catalogue.open` had raised it.
    """
    from ccn_desktop.catalogue.errors import CatalogueError
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.catalogue.migrations import stored_revision
    from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD

    try:
        current = stored_revision(paths.catalogue_file) == SCHEMA_HEAD
    except CatalogueError:
        current = True  # not a catalogue: let Catalogue.open say so, in its order
    if current:
        return Catalogue.open(paths)
    from PySide6.QtCore import QEventLoop

    from ccn_desktop.ui.worker import Progress, run_with_progress

    def upgrade(_progress: Progress) -> Catalogue:
        return Catalogue.open(paths)

    outcome: dict[str, object] = {}
    loop = QEventLoop()
    task = run_with_progress(
        parent,
        APP_NAME,
        QCoreApplication.translate(
            "startup", "Upgrading the catalogue to this version (a backup is made first)…"
        ),
        upgrade,
        on_done=lambda catalogue: outcome.update(catalogue=catalogue),
        on_error=lambda exc: outcome.update(error=exc),
        cancellable=False,
    )
    task.ended.connect(loop.quit)
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["catalogue"]  # type: ignore[return-value]


def ask_to_open_read_only(reason: str, parent: QWidget | None = None) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(reason)
    box.setInformativeText(
        QCoreApplication.translate(
            "startup",
            "Read-only, you can look up and print records but not change anything. To work "
            "normally, unlock the stick, or copy the data folder to this computer.",
        )
    )
    open_button = box.addButton(
        QCoreApplication.translate("startup", "Open &read-only"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("startup", "&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.exec()
    return box.clickedButton() is open_button


def quit_after_if_asked(app: QApplication) -> QTimer | None:
    """Honour CCN_DESKTOP_QUIT_AFTER_MS (see the module docstring); returns the timer."""
    value = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if not value:
        return None
    try:
        delay = max(0, int(value))
    except ValueError:
        log.warning("%s=%r is not a number of milliseconds; ignored", QUIT_AFTER_ENV, value)
        return None
    log.info("closing every window after %d ms (%s)", delay, QUIT_AFTER_ENV)
    timer = QTimer()  # the caller keeps it and stops it when the program ends
    # Repeats, so that a dialog shown after the first tick is closed too.
    timer.setInterval(delay)
    timer.timeout.connect(app.closeAllWindows)
    timer.start()
    return timer
