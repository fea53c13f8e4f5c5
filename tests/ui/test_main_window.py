"""The window opens on the starter catalogue with three filled tabs."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.main_window import MainWindow
from ccn_desktop.ui.record_table_model import RecordTableModel


def test_three_tabs_filled_from_the_catalogue(qtbot: QtBot, catalogue: Catalogue) -> None:
    window = MainWindow(catalogue)
    qtbot.addWidget(window)
    window.show()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Cities",
        "Conferences",
        "Projects",
    ]
    assert window.models["city"].rowCount() == 405
    assert window.models["conference"].rowCount() == 16
    assert window.models["project"].rowCount() == 1


def test_table_model_passes_the_model_tester(qtmodeltester, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    for entity in ("city", "conference", "project"):
        qtmodeltester.check(RecordTableModel(catalogue, entity))
