"""The window's own settings (geometry, splitters, columns, last tab) as an INI file.

They live in the data folder's `config_dir`, not in the registry or ~/.config, so
a portable installation carries them along and tests never touch the user's.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ccn_desktop.paths import DataPaths

SETTINGS_FILE_NAME = "window.ini"


def open_settings(paths: DataPaths) -> QSettings:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.config_dir / SETTINGS_FILE_NAME), QSettings.Format.IniFormat)


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """A saved widget state, or None when there is none (first start, damaged file)."""
    value = settings.value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes) and value:
        return QByteArray(value)
    return None
