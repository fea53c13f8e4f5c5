"""The application's icon and the action icons, drawn from SVG (resources/icons/).

The application icon is set on the QApplication (every window and dialog inherits
it) and shown in About; the action icons are one set for the toolbar and menus.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QAction, QColor, QIcon
from PySide6.QtWidgets import QAbstractButton, QWidget

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


# -- the toolbar's and menus' action icons ----------------------------------------------
#
# One set, drawn for this program in one line style (resources/icons/actions/, MIT like
# the rest): the platform's standard icons mixed a trash can, bare triangles and a check
# mark. They are drawn in the palette's text colour, so they follow a light or dark scheme.

ACTION_ICONS = (
    "new", "duplicate", "save", "revert", "delete", "restore", "undo", "redo",
    "print", "import", "export", "back", "forward", "add", "remove", "up", "down",
)  # fmt: skip
_ICON_SIZES = (16, 20, 24, 32, 48)


def action_icon(name: str, colour: QColor, disabled: QColor | None = None) -> QIcon:
    """The action icon `name` drawn in `colour` (the palette's text colour), and in
    `disabled` for a disabled action (else Qt greys it, faintly on a dark palette)."""
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    svg = resource_path(f"icons/actions/{name}.svg").read_text(encoding="utf-8")
    icon = QIcon()
    modes = [(colour, QIcon.Mode.Normal)]
    if disabled is not None:
        modes.append((disabled, QIcon.Mode.Disabled))
    for ink, mode in modes:
        renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", ink.name()).encode()))
        if not renderer.isValid():
            raise MissingResourceError(
                f"The installation is incomplete: the icon '{name}' is damaged."
            )
        for size in _ICON_SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            icon.addPixmap(pixmap, mode)
    return icon


class ActionIcons:
    """Gives actions (and buttons) their icons, and draws them again when the colours
    change: call `refresh()` from the owner's changeEvent on a palette change."""

    def __init__(self, widget: QWidget) -> None:
        self._widget = widget
        self._actions: list[tuple[QAction | QAbstractButton, str]] = []

    def set(self, action: QAction | QAbstractButton, name: str) -> None:
        self._actions.append((action, name))
        action.setIcon(action_icon(name, *self._colours()))

    def refresh(self) -> None:
        colours = self._colours()
        for action, name in self._actions:
            action.setIcon(action_icon(name, *colours))

    def _colours(self) -> tuple[QColor, QColor]:
        """The text colour, and a disabled one halfway to the background."""
        from PySide6.QtGui import QPalette

        palette = self._widget.palette()
        text = palette.color(QPalette.ColorRole.ButtonText)
        back = palette.color(QPalette.ColorRole.Window)
        halfway = QColor(
            (text.red() + back.red()) // 2,
            (text.green() + back.green()) // 2,
            (text.blue() + back.blue()) // 2,
        )
        return text, halfway
