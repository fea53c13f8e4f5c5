"""Every text on screen went through the catalogue: the main window and its dialogs, in a
pseudo-language that wraps each message in [[…]]; any text left bare is listed and fails."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop import APP_NAME, __version__
from ccn_desktop.catalogue.backups import take_backup
from ccn_desktop.catalogue.errors import DamagedCatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.i18n import LANGUAGES
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.about_dialog import AboutDialog
from ccn_desktop.ui.backup_dialogs import RestoreDialog
from ccn_desktop.ui.damaged_dialog import DamagedCatalogueDialog
from ccn_desktop.ui.factsheet_actions import BookletDialog
from ccn_desktop.ui.welcome_dialog import WelcomeDialog
from tests.damage import overwrite_middle
from tests.helpers import city_values
from tests.ui.conftest import open_window
from tests.ui.pseudo import escaped, pseudo_language, untranslated


@pytest.fixture
def pseudo(qapp: object) -> Iterator[None]:
    with pseudo_language():
        yield


def record_data(catalogue: Catalogue) -> set[str]:
    """What the catalogue holds (names, values, the office): data, not messages."""
    data = {APP_NAME, __version__, catalogue.office.name, str(catalogue.paths.data_dir)}
    data.update(LANGUAGES.values())  # each language under its own name, on purpose
    data.update((catalogue.office.fingerprint, catalogue.office.uuid))
    for entity in ("city", "conference", "project"):
        ids = catalogue.ids(entity)[:40]
        for snapshot in catalogue.get_many(
            entity, [row.uuid for row in catalogue.rows(entity, ids, ()).values()]
        ):
            data.update(str(value) for value in snapshot.values() if isinstance(value, str | int))
    return data


def check(widget: QWidget, data: set[str]) -> None:
    bare = untranslated(widget, data)
    assert not bare, "texts that escaped translation:\n" + "\n".join(
        f"  {where}: {text!r}" for where, text in bare
    )


def test_the_walk_catches_a_bare_text() -> None:
    assert escaped("Cities") and escaped("[[Office: {name}]] Save")
    assert not escaped("[[These [[cities]] look like one: [[Save]].]]")
    assert escaped("[[These [[cities]] look]] like one")
    assert not escaped("[[Cities]]") and not escaped("405") and not escaped("Dakar", ["Dakar"])


def test_main_window_every_tab(qtbot: QtBot, starter_catalogue: Catalogue, pseudo: Any) -> None:
    data = record_data(starter_catalogue)
    window = open_window(qtbot, starter_catalogue)
    for entity in ("city", "conference", "project"):
        tab = window.tab_for(entity)
        window.tabs.setCurrentWidget(tab)
        tab.ensure_loaded()
        qtbot.waitUntil(lambda tab=tab: tab.table.model().rowCount() > 0, timeout=10_000)
        tab.table.selectRow(0)
        qtbot.waitUntil(lambda tab=tab: tab.detail_built, timeout=10_000)
        check(window, data)


def test_history_and_deleted_view(qtbot: QtBot, starter_catalogue: Catalogue, pseudo: Any) -> None:
    data = record_data(starter_catalogue)
    window = open_window(qtbot, starter_catalogue)
    tab = window.tab_for("city")
    tab.ensure_loaded()
    qtbot.waitUntil(lambda: tab.table.model().rowCount() > 0, timeout=10_000)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.detail_built and tab.history.isVisible(), timeout=10_000)
    check(window, data)
    window.deleted_action.trigger()
    check(window, data)


def test_about_welcome_restore_and_booklet_dialogs(
    qtbot: QtBot, starter_catalogue: Catalogue, data_paths: DataPaths, pseudo: Any
) -> None:
    data = record_data(starter_catalogue)
    about = AboutDialog(starter_catalogue)
    qtbot.addWidget(about)
    about.show()
    check(about, data | {"Python", "PySide6", "Qt", "SQLite", "SQLAlchemy"})

    welcome = WelcomeDialog(data_paths)
    qtbot.addWidget(welcome)
    welcome.show()
    check(welcome, data | {str(data_paths.data_dir)})

    take_backup(starter_catalogue.paths, "manual")
    restore = RestoreDialog(starter_catalogue.paths)
    qtbot.addWidget(restore)
    restore.show()
    check(restore, data)

    settings = QSettings(str(data_paths.data_dir / "sheets.ini"), QSettings.Format.IniFormat)
    uuids = [row.uuid for row in starter_catalogue.rows(
        "city", starter_catalogue.ids("city")[:3], ()).values()]  # fmt: skip
    booklet = BookletDialog(None, starter_catalogue, uuids, uuids, settings)
    qtbot.addWidget(booklet)
    booklet.show()
    check(booklet, data)


def test_damaged_catalogue_dialog(qtbot: QtBot, data_paths: DataPaths, pseudo: Any) -> None:
    with Catalogue.open(data_paths, office_name="Test office", starter=False) as catalogue:
        catalogue.add("city", city_values(name="Kept in the backup"))
    take_backup(data_paths, "daily")
    overwrite_middle(data_paths.catalogue_file)
    with pytest.raises(DamagedCatalogueError) as caught:
        Catalogue.open(data_paths)
    dialog = DamagedCatalogueDialog(data_paths, caught.value)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, {str(data_paths.data_dir), str(caught.value.problem)})


def test_network_overview_window(qtbot: QtBot, starter_catalogue: Catalogue, pseudo: Any) -> None:
    from ccn_desktop.ui.network.window import NetworkWindow

    data = record_data(starter_catalogue)
    overview = NetworkWindow(starter_catalogue)
    qtbot.addWidget(overview)
    overview.show()
    qtbot.waitExposed(overview)
    for _ in range(3):
        qtbot.wait(50)  # the figures are drawn once shown
    check(overview, data | {"Natural Earth", "GeoNames", "CC BY 4.0"})


def test_spreadsheet_export_dialog(qtbot: QtBot, pseudo: Any) -> None:
    from ccn_desktop.ui.spreadsheet.export_dialog import ExportTableDialog

    dialog = ExportTableDialog(
        None, "[[cities]]", total=406, filtered=12, selected=2, shown_columns=("name", "country")
    )
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, set())
