"""The application's icon, drawn once as SVG (resources/icons/) and scaled by Qt.

Set on the QApplication (every window and dialog inherits it) and shown in About.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ccn_desktop.resources import MissingResourceError, resource_path

APP_ICON_FILE = "icons/ccn-desktop.svg"


@cache
def app_icon() -> QIcon:
    """The CCN Desktop icon; raises MissingResourceError if it cannot be drawn."""
    path = resource_path(APP_ICON_FILE)
    icon = QIcon(str(path))
    if icon.pixmap(32, 32).isNull():  # the SVG plug-ins of Qt are missing from the build
        raise MissingResourceError(
            f"The installation is incomplete: Qt cannot draw '{path.name}' (its SVG support "
            "is missing); reinstall CCN Desktop."
        )
    return icon
