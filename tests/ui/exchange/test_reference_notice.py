"""The reference update in the window: a quiet notice, the usual preview, nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.starter import REFERENCE_RELEASE
from ccn_desktop.exchange.reference import catalogue_release
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_window

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "offices"
WAIT = 20_000


def first_release_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "dakar"
    shutil.copytree(FIXTURES / "release-1-dakar", folder)
    return open_window(qtbot, Catalogue.open(DataPaths.in_folder(folder)))


def test_a_first_release_catalogue_is_offered_the_update_and_takes_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = first_release_window(qtbot, tmp_path)
    actions = window.exchange_actions
    notice = actions.reference_notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT)
    text = notice.label.text()
    assert text.startswith("The network's reference data has been updated: 1 new city")
    assert "4 conference dates" in text
    assert actions.reference_action.isEnabled()
    assert window.centralWidget().isEnabled()  # it blocks nothing

    importer = actions.importer
    notice.review_button.click()
    assert not notice.isVisible()
    qtbot.waitUntil(lambda: importer.preview is not None and importer.preview.isVisible())
    preview = importer.preview
    assert preview is not None
    assert not preview.trust_check.isVisible()  # the reference needs no trust step
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        preview.import_button.click()
    summary = importer.message
    assert summary is not None and "reference data was taken" in summary.text()
    catalogue = window.catalogue
    assert catalogue_release(catalogue) == REFERENCE_RELEASE
    assert catalogue.count("city") == 405
    assert window.current_tab().total == 405  # the table shows the new city at once
    kashan = [
        catalogue.uuid_of("city", record_id)
        for record_id in catalogue.ids("city", RecordQuery(text="kashan", deleted=True))
    ]
    assert len(kashan) == 1 and catalogue.get("city", kashan[0])["deleted"] is True


def test_dismissing_keeps_the_update_in_the_exchange_menu(qtbot: QtBot, tmp_path: Path) -> None:
    window = first_release_window(qtbot, tmp_path)
    actions = window.exchange_actions
    qtbot.waitUntil(actions.reference_notice.isVisible, timeout=WAIT)
    actions.reference_notice.dismiss_button.click()
    assert not actions.reference_notice.isVisible()
    assert actions.reference_action in actions.menu.actions()
    actions.reference_action.trigger()
    importer = actions.importer
    qtbot.waitUntil(lambda: importer.preview is not None, timeout=WAIT)
    assert importer.preview is not None
    importer.preview.reject()
    assert catalogue_release(window.catalogue) == 1  # cancelled: nothing taken


def test_a_current_catalogue_shows_no_notice(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.wait(300)
    assert not window.exchange_actions.reference_notice.isVisible()
    window.exchange_actions.reference_action.trigger()
    importer = window.exchange_actions.importer
    qtbot.waitUntil(lambda: importer.message is not None, timeout=WAIT)
    assert importer.message is not None and "nothing new" in importer.message.text()
