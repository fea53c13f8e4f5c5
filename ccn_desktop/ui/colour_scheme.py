"""Light, dark, or as the system says: the window's colours (View ▸ Colours).

"System" follows the desktop's light or dark setting (Qt 6.5+ reads it:
`QStyleHints.colorScheme()`) and changes with it while the program runs. "Light" and
"Dark" are the user's own choice, kept in the window settings. Qt applies a dark
scheme itself only on some platforms, so the dark colours are our own palette on
the Fusion style, the same on every system; light is Fusion's standard palette.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory, QWidget

SCHEME_KEY = "view/colour_scheme"
SYSTEM, LIGHT, DARK = "system", "light", "dark"
SCHEMES = (SYSTEM, LIGHT, DARK)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ColourScheme", text)


def stored_scheme(settings: QSettings) -> str:
    value = str(settings.value(SCHEME_KEY, SYSTEM))
    return value if value in SCHEMES else SYSTEM


def system_is_dark() -> bool:
    """What the desktop asks for (Qt 6.5+); light when Qt cannot tell."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    """Dark greys with light text; links and selection in a blue that reads on both."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3d3d3d",
        QPalette.ColorRole.Mid: "#2f2f2f",
        QPalette.ColorRole.Dark: "#191919",
        QPalette.ColorRole.Shadow: "#0d0d0d",
        QPalette.ColorRole.Highlight: "#3d7fd6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6ea8ff",
        QPalette.ColorRole.LinkVisited: "#b08cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor("#262626"))
    return palette


class ColourScheme(QObject):
    """Applies the chosen scheme to the application and follows the system's changes."""

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._choice = stored_scheme(settings)
        self._system_palette = QPalette(QApplication.palette())
        self._system_style = QApplication.style().name() if QApplication.style() else ""
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._system_changed)
        self.apply()

    @property
    def choice(self) -> str:
        return self._choice

    def choose(self, scheme: str) -> None:
        if scheme not in SCHEMES:
            raise ValueError(scheme)
        self._choice = scheme
        self._settings.setValue(SCHEME_KEY, scheme)
        self._settings.sync()
        self.apply()

    def is_dark(self) -> bool:
        return self._choice == DARK or (self._choice == SYSTEM and system_is_dark())

    def apply(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if self._choice == SYSTEM and not system_is_dark():
            if self._system_style and app.style().name() != self._system_style:
                app.setStyle(self._system_style)
            app.setPalette(self._system_palette)  # the platform's own look, untouched
            return
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None and app.style().name().lower() != "fusion":
            app.setStyle(fusion)
        app.setPalette(dark_palette() if self.is_dark() else app.style().standardPalette())

    def _system_changed(self, *_args: object) -> None:
        if self._choice == SYSTEM:
            self.apply()

    def menu(self, parent: QWidget) -> QMenu:
        """View ▸ Colours: System, Light, Dark (one checked)."""
        menu = QMenu(_tr("Co&lours"), parent)
        group = QActionGroup(menu)
        texts = {
            SYSTEM: _tr("As the &system (light or dark)"),
            LIGHT: _tr("&Light"),
            DARK: _tr("&Dark"),
        }
        for scheme in SCHEMES:
            action = QAction(texts[scheme], menu)
            action.setCheckable(True)
            action.setChecked(scheme == self._choice)
            action.setData(scheme)
            action.triggered.connect(lambda _on=False, scheme=scheme: self.choose(scheme))
            group.addAction(action)
            menu.addAction(action)
        return menu
