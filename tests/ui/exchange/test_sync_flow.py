"""Exchange ▸ Sync with a stick or folder… and the stick banner, through the real dialogs;
only the list of mounted volumes is faked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.sync import SyncReport, sync_folder
from ccn_desktop.ui.exchange import sync_flow
from ccn_desktop.ui.exchange.actions import ExchangeActions, install_exchange_actions
from ccn_desktop.ui.exchange.sync_summary import SyncSummaryDialog
from ccn_desktop.ui.exchange.volumes import StickWatcher, Volume, mounted_volumes
from tests.exchange.exchanging import state
from tests.helpers import city_values
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import WAIT


class FakeVolumes:
    """What QStorageInfo would list: the test plugs sticks in and out."""

    def __init__(self) -> None:
        self.volumes: list[Volume] = []

    def __call__(self) -> list[Volume]:
        return list(self.volumes)


def window_for(
    qtbot: QtBot, office: Catalogue, volumes: FakeVolumes
) -> tuple[QMainWindow, ExchangeActions]:
    window = QMainWindow()
    window.resize(1200, 800)
    qtbot.addWidget(window)
    window.show()
    actions = install_exchange_actions(window, lambda: None, catalogue=lambda: office,
                                       volumes=volumes)  # fmt: skip
    return window, actions


def sync_in_window(
    qtbot: QtBot, actions: ExchangeActions, root: Path, *, trust: bool = True,
    cancel_previews: bool = False,
) -> SyncReport:  # fmt: skip
    """Sync as a user does: every preview is trusted and imported (or cancelled)."""
    controller = actions.syncer
    reports: list[SyncReport] = []
    controller.finished.connect(reports.append)
    controller.sync_with(root)
    while not reports:
        qtbot.waitUntil(lambda: bool(reports) or controller.preview is not None, timeout=WAIT)
        preview = controller.preview
        if reports or preview is None:
            continue
        if cancel_previews:
            preview.cancel_button.click()
            qtbot.waitUntil(lambda p=preview: controller.preview is not p, timeout=WAIT)
            continue
        if trust and preview.trust_check.isVisible():
            preview.trust_check.setChecked(True)
        with qtbot.waitSignal(controller.imported, timeout=WAIT):
            preview.import_button.click()
    summary = controller.summary
    assert isinstance(summary, SyncSummaryDialog)
    summary.close()
    return reports[0]


def test_the_banner_appears_with_a_stick_that_holds_the_exchange(
    qtbot: QtBot, make_office: MakeOffice, stick: Path, tmp_path: Path
) -> None:
    volumes = FakeVolumes()
    _window, actions = window_for(qtbot, make_office("Bamako"), volumes)
    banner = actions.sync_banner
    assert actions.stick_watcher.timer.isActive()
    assert 1000 <= actions.stick_watcher.timer.interval() <= 10_000
    other = tmp_path / "camera"
    other.mkdir()
    volumes.volumes = [Volume("CAMERA", other)]
    actions.stick_watcher.poll()
    assert not banner.isVisible()  # no ccn-exchange folder: not a stick of the exchange
    (stick / "ccn-exchange").mkdir()
    volumes.volumes.append(Volume("NAIROBI-STICK", stick))
    actions.stick_watcher.poll()
    assert banner.isVisible()
    assert banner.sync_button.text() == "Sync with NAIROBI-STICK"
    banner.later_button.click()
    actions.stick_watcher.poll()
    assert not banner.isVisible()  # not now: quiet until the stick is put in again
    volumes.volumes = []
    actions.stick_watcher.poll()
    volumes.volumes = [Volume("NAIROBI-STICK", stick)]
    actions.stick_watcher.poll()
    assert banner.isVisible()


def test_the_banner_syncs_and_the_summary_says_what_came_and_what_was_left(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    city = nairobi.add("city", city_values(name="Mombasa", country_code="KE", country="Kenya"))
    sync_folder(nairobi, stick)
    volumes = FakeVolumes()
    volumes.volumes = [Volume("NAIROBI-STICK", stick)]
    _window, actions = window_for(qtbot, bamako, volumes)
    actions.stick_watcher.poll()
    controller = actions.syncer
    reports: list[SyncReport] = []
    controller.finished.connect(reports.append)
    actions.sync_banner.sync_button.click()
    qtbot.waitUntil(lambda: controller.preview is not None, timeout=WAIT)
    preview = controller.preview
    assert preview is not None
    # an office not met yet: its fingerprint is shown and Import waits for trust
    assert preview.trust_check.isVisible()
    assert not preview.import_button.isEnabled()
    preview.trust_check.setChecked(True)
    preview.import_button.click()
    qtbot.waitUntil(lambda: bool(reports), timeout=WAIT)
    assert bamako.get("city", city)["name"] == "Mombasa"
    summary = controller.summary
    assert isinstance(summary, SyncSummaryDialog) and summary.isVisible()
    rows = {office: (came, left) for office, came, left in summary.rows()}
    assert rows["Nairobi"][0] == "Cities: 1 new"
    assert rows["Nairobi"][1].startswith("to Nairobi from Bamako ")
    assert rows["new offices"][1].startswith("to new offices from Bamako ")
    assert "each office's bundle is on the stick" in summary.heading.text()
    assert not summary.skipped.isVisible()
    assert actions.settings.value(sync_flow.SYNC_FOLDER_KEY) == str(stick)


def test_a_cancelled_preview_skips_that_bundle_only(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    nairobi.add("city", city_values())
    sync_folder(nairobi, stick)
    (stick / "ccn-exchange" / "broken.ccnbundle.json").write_text("{", encoding="utf-8")
    _window, actions = window_for(qtbot, bamako, FakeVolumes())
    report = sync_in_window(qtbot, actions, stick, cancel_previews=True)
    assert bamako.count("city") == 0
    assert sorted(item.path.name for item in report.skipped)[0] == "broken.ccnbundle.json"
    assert any("you cancelled" in item.reason for item in report.skipped)
    assert not report.complete


def test_the_menu_asks_for_the_folder_and_remembers_it(
    qtbot: QtBot, make_office: MakeOffice, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []

    def choose(_parent: object, start: Path) -> Path:
        asked.append(start)
        return stick

    monkeypatch.setattr(sync_flow, "choose_sync_folder", choose)
    _window, actions = window_for(qtbot, make_office("Bamako"), FakeVolumes())
    assert actions.menu.actions()[0] is actions.sync_action
    reports: list[SyncReport] = []
    actions.syncer.finished.connect(reports.append)
    actions.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=WAIT)
    actions.syncer.summary.close()  # type: ignore[union-attr]
    actions.sync_action.trigger()
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=WAIT)
    assert asked[1] == stick
    assert (stick / "ccn-exchange").is_dir()


def test_three_offices_converge_through_the_window(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    offices = [make_office(name) for name in ("Nairobi", "Bamako", "Dakar")]
    windows = []
    for office in offices:
        office.add("city", city_values(name=f"Home of {office.office.name}"))
        windows.append(window_for(qtbot, office, FakeVolumes())[1])
    for _round in range(2):
        for actions in windows:
            assert sync_in_window(qtbot, actions, stick).complete
    first = state(offices[0])
    assert all(state(office) == first for office in offices[1:])
    assert len(first["city"]) == 3


def test_a_refused_folder_is_one_sentence(
    qtbot: QtBot, make_office: MakeOffice, tmp_path: Path
) -> None:
    _window, actions = window_for(qtbot, make_office("Bamako"), FakeVolumes())
    actions.syncer.sync_with(tmp_path / "gone")
    box = actions.syncer.message
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("The folder") and "does not exist" in box.text()


def test_the_real_volume_list_is_read() -> None:
    watcher = StickWatcher(None, mounted_volumes, interval_ms=3000)
    watcher.poll()  # the system's own list: whatever it holds, polling it works
    assert all(isinstance(volume, Volume) for volume in mounted_volumes())


def test_a_locked_stick_is_said_in_the_summary(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    from tests.exchange.syncing import folder_hashes
    from tests.locked_folder import locked

    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    nairobi.add("city", city_values())
    sync_folder(nairobi, stick)
    before = folder_hashes(stick)
    _window, actions = window_for(qtbot, bamako, FakeVolumes())
    reports: list[SyncReport] = []
    actions.syncer.finished.connect(reports.append)
    with locked(stick):
        actions.syncer.sync_with(stick)
        qtbot.waitUntil(lambda: actions.syncer.preview is not None, timeout=WAIT)
        preview = actions.syncer.preview
        preview.trust_check.setChecked(True)  # type: ignore[union-attr]
        preview.import_button.click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: bool(reports), timeout=WAIT)
    summary = actions.syncer.summary
    assert isinstance(summary, SyncSummaryDialog)
    assert "read-only" in summary.heading.text()
    assert bamako.count("city") == 1  # what was on the stick came in
    assert folder_hashes(stick) == before
