"""The exchange dialogs in the pseudo-language: export, import preview and summary, conflicts,
duplicates and merging, offices, the log — every visible text went through the catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.ui.exchange.conflicts import ConflictReviewDialog, ConflictsDialog
from ccn_desktop.ui.exchange.duplicates import DuplicatesDialog
from ccn_desktop.ui.exchange.exchange_log import ExchangeLogDialog
from ccn_desktop.ui.exchange.export_dialog import ExportDialog
from ccn_desktop.ui.exchange.offices import OfficesDialog
from ccn_desktop.ui.exchange.settings import exchange_settings
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import WAIT, export_in_window, open_preview
from tests.ui.exchange.test_conflicts import make_conflict
from tests.ui.exchange.test_duplicates import make_duplicates
from tests.ui.pseudo import pseudo_language, untranslated


@pytest.fixture
def pseudo(qapp: object) -> Iterator[None]:
    with pseudo_language():
        yield


def office_data(*offices: Catalogue) -> set[str]:
    data = {APP_NAME}
    for office in offices:
        data.update((office.office.name, office.office.uuid, office.office.fingerprint))
        data.add(str(office.paths.data_dir))
        for entity in ("city", "conference", "project"):
            uuids = [row.uuid for row in office.rows(entity, office.ids(entity), ()).values()]
            for snapshot in office.get_many(entity, uuids):
                data.update(str(v) for v in snapshot.values() if isinstance(v, str | int))
    return data


def check(widget: QWidget, data: set[str]) -> None:
    bare = untranslated(widget, data)
    assert not bare, "texts that escaped translation:\n" + "\n".join(
        f"  {where}: {text!r}" for where, text in bare
    )


def test_export_import_preview_and_summary(
    qtbot: QtBot,
    bare_window: QMainWindow,
    make_office: MakeOffice,
    stick: Path,
    pseudo: Any,
) -> None:
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    data = office_data(dakar, regional) | {str(stick)}
    dialog = ExportDialog(bare_window, dakar, exchange_settings(dakar.paths))
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, data)
    dialog.close()
    result = export_in_window(qtbot, bare_window, dakar, stick)
    data.add(result.path.name)
    controller, preview = open_preview(qtbot, bare_window, regional, result.path)
    preview.show()
    check(preview, data)
    if preview.trust_check.isVisible():
        preview.trust_check.setChecked(True)
    with qtbot.waitSignal(controller.imported, timeout=WAIT):
        preview.import_button.click()
    summary = controller.message
    assert summary is not None
    check(summary, data)
    summary.close()

    offices = OfficesDialog(bare_window, regional, lambda _name: None)
    qtbot.addWidget(offices)
    offices.show()
    check(offices, data)
    log = ExchangeLogDialog(bare_window, regional, lambda _catalogue: None)
    qtbot.addWidget(log)
    log.show()
    check(log, data)


def test_conflicts_and_their_review(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path, pseudo: Any
) -> None:
    dakar, regional, uuid = make_conflict(qtbot, bare_window, make_office, stick)
    data = office_data(dakar, regional)
    dialog = ConflictsDialog(bare_window, regional)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, data)
    review = ConflictReviewDialog(bare_window, regional, "city", uuid)
    qtbot.addWidget(review)
    review.show()
    check(review, data)


def test_duplicates_and_merging(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path, pseudo: Any
) -> None:
    dakar, regional, _mine, _theirs = make_duplicates(qtbot, bare_window, make_office, stick)
    data = office_data(dakar, regional)
    dialog = DuplicatesDialog(bare_window, regional)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, data)
    merge = dialog.open_merge()
    assert merge is not None
    merge.show()
    check(merge, data)
