"""Scrolling a form with the mouse wheel changes no field on the way."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from tests.ui.forms.conftest import OFFSCREEN_NOISE
from tests.ui.forms.test_record_form import load_city

pytestmark = OFFSCREEN_NOISE


def wheel_down(widget: QWidget) -> None:
    """One notch down over the middle of `widget`, as a mouse sends it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unfocused_choice_scrolls_the_form_instead(
    qtbot: QtBot, seeded: Catalogue
) -> None:
    form, _uuid = load_city(qtbot, seeded, "Sarajevo")
    form.resize(640, 300)  # short enough to scroll
    region = form.editors["region"].findChild(QComboBox)
    year = form.editors["designation_year"].findChild(QSpinBox) or form.editors["designation_year"]
    before = form.values()
    bar = form.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    for editor in (region, year):
        assert editor is not None and not editor.hasFocus()
        wheel_down(editor)
    assert form.values() == before
    assert not form.is_dirty()
    assert bar.value() > 0  # the wheel went on to the scroll area


def test_the_wheel_still_changes_the_choice_the_user_is_in(qtbot: QtBot, seeded: Catalogue) -> None:
    form, _uuid = load_city(qtbot, seeded, "Sarajevo")
    region = form.editors["region"].findChild(QComboBox)
    assert region is not None
    region.setFocus()
    qtbot.waitUntil(region.hasFocus)
    start = region.currentIndex()
    wheel_down(region)
    assert region.currentIndex() == start + 1
