"""What the exchange remembers between runs: the last folder used (usually the USB stick).

Kept in the window's settings INI in the configuration folder (`paths.config_dir`,
ui/settings.py), so a portable installation carries it along and tests never touch
the user's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings

from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.settings import open_settings

FOLDER_KEY = "exchange/folder"


def exchange_settings(paths: DataPaths) -> QSettings:
    return open_settings(paths)


def last_folder(settings: QSettings, removable: Callable[[], list[Path]] | None = None) -> Path:
    """The folder last exported to or imported from, while it exists; else a USB stick
    that is plugged in; else the home folder."""
    stored = settings.value(FOLDER_KEY, "")
    folder = Path(str(stored)) if stored else None
    if folder is not None and folder.is_dir():
        return folder
    if removable is None:
        from ccn_desktop.ui.exchange.removable import removable_drives

        removable = removable_drives
    sticks = [drive for drive in removable() if drive.is_dir()]
    return sticks[0] if sticks else Path.home()


def remember_folder(settings: QSettings, folder: Path) -> None:
    settings.setValue(FOLDER_KEY, str(folder))
    settings.sync()
