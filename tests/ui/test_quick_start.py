"""The quick start: first rows painted from a sqlite3 peek, the catalogue opened right after."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.errors import NotACatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def paths(starter_catalogue: Catalogue) -> DataPaths:
    starter_catalogue.close()  # the window opens its own
    return starter_catalogue.paths


def quick_window(qtbot: QtBot, paths: DataPaths, opener: Any) -> MainWindow:
    window = MainWindow(None, paths=paths, opener=opener)
    qtbot.addWidget(window)
    return window


def test_the_peek_is_the_first_page_then_the_real_table(qtbot: QtBot, paths: DataPaths) -> None:
    opened: list[Catalogue] = []

    def opener() -> Catalogue:
        opened.append(Catalogue.open(paths))
        return opened[0]

    window = quick_window(qtbot, paths, opener)
    tab = window.current_tab()
    assert tab.model.peeking and tab.model.rowCount() == 406
    assert window.windowTitle() == "CCN Desktop — Template office[*]"
    assert window.count_label.text() == "406 cities"
    assert not window.new_action.isEnabled() and not window.save_action.isEnabled()
    peeked = [tab.model.index(row, 0).data() for row in range(5)]
    assert tab.model.index(300, 0).data() is None  # past the peek: blank until opened
    window.show()
    qtbot.waitUntil(lambda: bool(opened) and tab.detail_built)
    try:
        assert not tab.model.peeking and tab.model.rowCount() == 406
        assert [tab.model.index(row, 0).data() for row in range(5)] == peeked
        assert tab.model.index(300, 0).data()
        assert tab.current_uuid is not None and window.new_action.isEnabled()
        assert window.file_menu.actions()[5].text() == "&Print fact sheet…"
    finally:
        window.close()
        opened[0].close()


def test_text_typed_before_the_catalogue_opens_is_applied(qtbot: QtBot, paths: DataPaths) -> None:
    opened: list[Catalogue] = []
    window = quick_window(qtbot, paths, lambda: opened.append(Catalogue.open(paths)) or opened[0])
    tab = window.current_tab()
    tab.search_box.setText("lodz")
    tab.apply_filters()
    assert tab.model.peeking  # nothing to search with yet
    window.finish_startup()
    try:
        assert tab.shown == 1 and tab.model.index(0, 0).data() == "Łódź"
    finally:
        window.close()
        opened[0].close()


def test_an_opener_that_fails_says_so_and_closes(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: shown.append(text))

    def opener() -> Catalogue:
        raise NotACatalogueError("catalogue.sqlite3 is not a CCN Desktop catalogue.")

    window = quick_window(qtbot, paths, opener)
    window.show()
    window.finish_startup()
    assert shown == ["catalogue.sqlite3 is not a CCN Desktop catalogue."]
    assert not window.isVisible() and window.catalogue is None
    assert window.exit_code == 1  # what run_gui returns


def test_an_opener_that_returns_nothing_closes_the_window(qtbot: QtBot, paths: DataPaths) -> None:
    window = quick_window(qtbot, paths, lambda: None)
    window.show()
    window.finish_startup()
    assert not window.isVisible()


def test_the_real_start_paints_before_loading_sqlalchemy(paths: DataPaths) -> None:
    """`python -m ccn_desktop`: at the first painted rows, SQLAlchemy is not loaded yet."""
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import ccn_desktop.ui.main_window as main_window

        def first_paint(window):
            heavy = sorted({{m.split(".")[0] for m in sys.modules}} & {{"sqlalchemy",
                           "alembic", "pydantic", "pycountry", "jinja2", "cryptography"}})
            tab = window.current_tab()
            print("loaded:", heavy, "rows:", tab.model.rowCount(), tab.model.index(0, 0).data())
            sys.stdout.flush()
            os._exit(0)

        main_window.MainWindow._first_paint = first_paint
        from ccn_desktop.cli import main
        main(["--data-dir", {str(paths.data_dir)!r}])
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    first = Catalogue.open(paths)
    try:
        name = first.rows("city", first.ids("city", RecordQuery())[:1], ("name",))
    finally:
        first.close()
    expected_name = next(iter(name.values())).values["name"]
    assert done.stdout.strip() == f"loaded: [] rows: 406 {expected_name}", done.stderr
