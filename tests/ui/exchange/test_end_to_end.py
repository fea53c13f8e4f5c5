"""Done when: two offices (two data folders) exchange bundles both ways from the window,
review and resolve a conflict, merge a duplicate, and end with identical catalogues."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.exchange.export import ExportResult
from ccn_desktop.ui.exchange.actions import ExchangeActions
from ccn_desktop.ui.exchange.conflicts import ConflictsDialog
from tests.exchange.exchanging import state
from tests.helpers import city_values
from tests.ui.conftest import open_window
from tests.ui.exchange.conftest import Choosers, MakeOffice
from tests.ui.exchange.exchanging import WAIT


class Office:
    """One office at its computer: its catalogue, its main window, the exchange in it."""

    def __init__(self, qtbot: QtBot, catalogue: Catalogue) -> None:
        self.qtbot = qtbot
        self.catalogue = catalogue
        self.window = open_window(qtbot, catalogue)
        self.exchange: ExchangeActions = self.window.exchange_actions

    def export(self, chooser: Choosers, stick: Path, *, for_other: Catalogue | None = None
               ) -> ExportResult:  # fmt: skip
        """File ▸ Export bundle…, folder chosen with Change…, everything or for the other."""
        self.exchange.export_action.trigger()
        dialog = self.exchange.dialog
        chooser.folder = stick
        dialog.folder_button.click()
        if for_other is not None:
            dialog.select_office(for_other.office.uuid)
        with self.qtbot.waitSignal(dialog.exported, timeout=WAIT) as signal:
            dialog.export_button.click()
        dialog.close_button.click()
        return signal.args[0]

    def import_(self, chooser: Choosers, path: Path) -> QMessageBox:
        """File ▸ Import bundle…, the file chosen, trusted if asked, imported; the summary."""
        chooser.file = path
        importer = self.exchange.importer
        self.exchange.import_action.trigger()
        self.qtbot.waitUntil(lambda: importer.preview is not None or importer.message is not None,
                             timeout=WAIT)  # fmt: skip
        preview = importer.preview
        assert preview is not None
        if preview.trust_check.isVisible():
            assert preview.fingerprint_label.text() != self.catalogue.office.fingerprint
            preview.trust_check.setChecked(True)
        with self.qtbot.waitSignal(importer.imported, timeout=WAIT):
            preview.import_button.click()
        assert importer.message is not None
        return importer.message


def test_two_offices_exchange_both_ways_resolve_a_conflict_merge_a_duplicate_and_agree(
    qtbot: QtBot, make_office: MakeOffice, stick: Path, chooser: Choosers
) -> None:
    dakar = Office(qtbot, make_office("Dakar", starter=True))
    regional = Office(qtbot, make_office("Regional office", starter=True))
    query = RecordQuery(text="Dakar")
    dakar_city = dakar.catalogue.uuid_of("city", dakar.catalogue.ids("city", query)[0])
    # Both offices change the same starter city, and both type in the same new city.
    dakar.catalogue.update("city", dakar_city, {"notes": "Music festival in June",
                                                "focal_point_name": "Moussa Ndiaye"})  # fmt: skip
    regional.catalogue.update("city", dakar_city, {"focal_point_name": "Awa Diop"})
    dakar.catalogue.add("city", city_values(name="Ziguinchor", country_code="SN",
                                            country="Senegal", creative_field="Crafts and Folk Art",
                                            notes="Wood carving"))  # fmt: skip
    regional.catalogue.add("city", city_values(name="ZIGUINCHOR", country_code="SN",
                                               country="Senegal",
                                               creative_field="Crafts and Folk Art",
                                               website="https://ziguinchor.sn"))  # fmt: skip

    # Dakar → regional office: a conflict and a likely duplicate arrive.
    regional.window.tab_for("city").select_row(3)
    selected = regional.window.tab_for("city").current_uuid
    summary = regional.import_(chooser, dakar.export(chooser, stick).path)
    assert "1 new" in summary.informativeText() and "1 conflict" in summary.informativeText()
    assert regional.window.review_label.text() == "1 record needs review"
    cities = regional.window.tab_for("city")
    assert cities.model.rowCount() == 408  # the new city is in the table at once
    assert cities.current_uuid == selected  # and the record selected stays selected
    regional.exchange.importer.conflicts_button.click()  # "Review conflicts…" in the summary
    qtbot.waitUntil(lambda: isinstance(regional.exchange.dialog, ConflictsDialog), timeout=WAIT)
    conflicts = regional.exchange.dialog
    review = conflicts.open_review()
    model = review.model
    assert model.fields == ["focal_point_name", "notes"]
    review.all_buttons[review.theirs].click()  # take Dakar's notes and name…
    row = model.fields.index("focal_point_name")
    index = model.index(row, review.mine + 1)  # …but keep this office's focal point
    qtbot.mouseClick(review.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=review.view.visualRect(index).center())  # fmt: skip
    review.save_button.click()
    resolved = regional.catalogue.get("city", dakar_city)
    assert (resolved["focal_point_name"], resolved["notes"]) == (
        "Awa Diop", "Music festival in June",
    )  # fmt: skip
    assert regional.window.review_label.isHidden()
    conflicts.reject()

    duplicates = regional.exchange.show_duplicates()
    groups = [duplicates.model.group_at(row) for row in range(duplicates.model.rowCount())]
    # The starter catalogue holds two conferences of 2008 (they really are two): left alone.
    assert [group.entity for group in groups] == ["city", "conference"]
    duplicates.view.selectRow(0)
    merge = duplicates.open_merge()
    assert merge.records[merge.keep]["notes"] == "Wood carving"  # Dakar's: added first
    assert merge.model.choice("notes") == merge.keep
    assert merge.model.choice("website") != merge.keep  # filled from the other record
    merge.merge_button.click()
    merge.confirm_merge.click()
    assert [duplicates.model.group_at(0).entity] == ["conference"]
    duplicates.reject()
    ziguinchor = [
        snapshot for snapshot in regional.catalogue.get_many("city", _all_uuids(regional.catalogue))
        if snapshot["name"].lower() == "ziguinchor"
    ]  # fmt: skip
    live = [snapshot for snapshot in ziguinchor if not snapshot["deleted"]]
    assert len(ziguinchor) == 2 and len(live) == 1
    assert (live[0]["notes"], live[0]["website"]) == ("Wood carving", "https://ziguinchor.sn")

    # Regional office → Dakar, only what Dakar lacks: the resolution and the merge travel.
    back = regional.export(chooser, stick, for_other=dakar.catalogue)
    assert back.for_office == dakar.catalogue.office.uuid
    summary = dakar.import_(chooser, back.path)
    assert "conflict" not in summary.informativeText()
    assert dakar.catalogue.get("city", dakar_city)["focal_point_name"] == "Awa Diop"
    assert dakar.window.review_label.isHidden()

    assert state(dakar.catalogue) == state(regional.catalogue)

    # And once more the other way: no record changes; importing it notes what Dakar has.
    regional_before = state(regional.catalogue)
    again = dakar.export(chooser, stick, for_other=regional.catalogue).path
    chooser.file = again
    regional.exchange.import_action.trigger()
    importer = regional.exchange.importer
    qtbot.waitUntil(lambda: importer.preview is not None, timeout=WAIT)
    assert importer.preview.changes_model.rowCount() == 0
    assert "Every record in this bundle is already here" in importer.preview.summary_label.text()
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        importer.preview.import_button.click()
    assert state(regional.catalogue) == regional_before == state(dakar.catalogue)
    # Importing the same bundle twice: nothing new, nothing written.
    importer.message.button(QMessageBox.StandardButton.Close).click()
    regional.exchange.import_action.trigger()
    qtbot.waitUntil(lambda: importer.message is not None, timeout=WAIT)
    assert importer.preview is None and "Nothing new" in importer.message.text()


def _all_uuids(catalogue: Catalogue) -> list[str]:
    ids = catalogue.ids("city") + catalogue.ids("city", RecordQuery(deleted=True))
    return [row.uuid for row in catalogue.rows("city", ids, ()).values()]
