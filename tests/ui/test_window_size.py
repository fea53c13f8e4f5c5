"""The window on a small laptop screen: it fits, and the search box stays in sight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from ccn_desktop.ui.main_window import MainWindow, first_size


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (QSize(1920, 1040), QSize(1280, 800)),
        (QSize(1024, 740), QSize(1024, 740)),
        (QSize(1366, 728), QSize(1280, 728)),
        (None, QSize(1280, 800)),
    ],
)
def test_the_first_size_never_passes_the_screens_edge(
    available: QSize | None, expected: QSize
) -> None:
    assert first_size(available) == expected


def test_a_narrow_window_keeps_the_search_box_and_drops_the_buttons_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    toolbar = window.toolbar
    window.resize(1280, 760)
    qtbot.waitUntil(
        lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    )
    assert window.search_stack.isVisible()
    window.resize(760, 600)  # narrower than the buttons with their words and the search box
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly)
    qtbot.waitUntil(lambda: window.search_stack.isVisible())
    window.resize(1280, 760)
    qtbot.waitUntil(
        lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    )
    qtbot.wait(50)
    assert window.search_stack.isVisible()
