"""How the window looks: one icon set in the palette's colours, columns that fit their
values, and light, dark or the system's colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.colour_scheme import DARK, LIGHT, SCHEME_KEY, SYSTEM, ColourScheme
from ccn_desktop.ui.icons import ACTION_ICONS, action_icon
from ccn_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_window


@pytest.fixture
def app_colours(qapp: QApplication) -> Iterator[None]:
    """Whatever a test chooses, the next test starts with the application's own look."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _ink(icon_image: object) -> set[str]:
    image = icon_image  # a QImage
    colours = set()
    for x in range(image.width()):  # type: ignore[attr-defined]
        for y in range(image.height()):  # type: ignore[attr-defined]
            pixel = image.pixelColor(x, y)  # type: ignore[attr-defined]
            if pixel.alpha() == 255:
                colours.add(pixel.name())
    return colours


@pytest.mark.parametrize("name", ACTION_ICONS)
def test_every_action_icon_draws_in_the_colour_asked(qapp: QApplication, name: str) -> None:
    image = action_icon(name, QColor("#123456")).pixmap(24, 24).toImage()
    assert _ink(image) == {"#123456"}


def test_the_toolbar_uses_the_one_icon_set(
    qtbot: QtBot, starter_catalogue: Catalogue, app_colours: None
) -> None:
    window = open_window(qtbot, starter_catalogue)
    named = {action: name for action, name in window.action_icons._actions}
    shown = [a for a in window.toolbar.actions() if a.text() and not a.isSeparator()]
    assert shown and all(action in named for action in shown if action.icon().availableSizes())
    assert {"new", "save", "delete", "undo", "redo", "print", "import", "export"} <= set(
        named[a] for a in shown if a in named
    )
    assert named[window.restore_action] == "restore"  # not a check mark


def test_icons_follow_a_change_to_dark(
    qtbot: QtBot, starter_catalogue: Catalogue, app_colours: None
) -> None:
    window = open_window(qtbot, starter_catalogue)
    before = _ink(window.new_action.icon().pixmap(24, 24).toImage())
    window.colour_scheme.choose(DARK)
    qtbot.wait(10)
    after = _ink(window.new_action.icon().pixmap(24, 24).toImage())
    assert before != after
    text = window.palette().color(QPalette.ColorRole.ButtonText).name()
    assert after == {text}


def test_light_dark_and_system_are_chosen_and_remembered(
    qtbot: QtBot, starter_catalogue: Catalogue, app_colours: None
) -> None:
    window = open_window(qtbot, starter_catalogue)
    assert window.colour_scheme.choice == SYSTEM
    menu = next(
        action.menu() for action in window.view_menu.actions()
        if action.menu() is not None and action.menu().title() == "Co&lours"
    )  # fmt: skip
    choices = {action.data(): action for action in menu.actions()}
    assert set(choices) == {SYSTEM, LIGHT, DARK}
    choices[DARK].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.settings.value(SCHEME_KEY) == DARK
    choices[LIGHT].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180
    scheme = ColourScheme(window.settings)  # the next start reads the choice
    assert scheme.choice == LIGHT
    choices[SYSTEM].trigger()
    assert window.settings.value(SCHEME_KEY) == SYSTEM


def test_an_unknown_stored_scheme_means_the_systems(qapp: QApplication, tmp_path: object) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)  # type: ignore[operator]
    settings.setValue(SCHEME_KEY, "purple")
    assert ColourScheme(settings).choice == SYSTEM


def test_columns_fit_their_values_at_1920_pixels(
    qtbot: QtBot, starter_catalogue: Catalogue
) -> None:
    window: MainWindow = open_window(qtbot, starter_catalogue)
    window.resize(1920, 1000)
    tab = window.current_tab()
    tab.table.reset_columns()
    qtbot.wait(50)
    tab.table.viewport().repaint()
    country = tab.model.columns.index("country")
    metrics = tab.table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(str(tab.model.index(row, country).data()))
        for row in range(tab.model.rowCount())
    )
    assert tab.table.columnWidth(country) >= widest  # "United Arab Emirates" whole
    widths = [tab.table.columnWidth(c) for c in range(tab.model.columnCount())]
    last = widths[-1]
    assert last < 2 * max(widths[:-1])  # the spare width is shared, not all at the end
