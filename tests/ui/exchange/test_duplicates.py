"""Exchange ▸ Likely duplicates: merging two records through the dialog leaves an alias."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import Alias
from ccn_desktop.ui.exchange.duplicates import DuplicatesDialog, MergeDialog, duplicate_groups
from tests.helpers import city_values
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import export_in_window, import_in_window


def aliases(catalogue: Catalogue) -> list[tuple[str, str, str]]:
    with catalogue.session() as session:
        rows = session.scalars(select(Alias))
        return sorted((row.entity, row.alias_uuid, row.target_uuid) for row in rows)


def make_duplicates(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> tuple[Catalogue, Catalogue, str, str]:
    """Both offices typed in the same new city (the regional office first); the regional
    office imported Dakar's."""
    dakar = make_office("Dakar")
    regional = make_office("Regional office")
    mine = regional.add("city", city_values(name="KAOLACK", country_code="SN", country="Senegal",
                                            notes="Typed in from the letter"))  # fmt: skip
    theirs = dakar.add("city", city_values(name="Kaolack", country_code="SN", country="Senegal",
                                           focal_point_email="culture@kaolack.sn"))  # fmt: skip
    regional.add("conference", {"year": 2027, "host_city_uuids": [mine], "format": "Online"})
    import_in_window(
        qtbot, bare_window, regional, export_in_window(qtbot, bare_window, dakar, stick).path
    )
    return dakar, regional, mine, theirs


def test_merging_duplicates_through_the_dialog_leaves_an_alias(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar, regional, mine, theirs = make_duplicates(qtbot, bare_window, make_office, stick)
    dialog = DuplicatesDialog(bare_window, regional)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() in ("Kaolack / KAOLACK", "KAOLACK / Kaolack")
    merge = dialog.open_merge()
    assert isinstance(merge, MergeDialog)
    model = merge.model
    # The record kept is the older one (mine); its empty fields are filled from the other.
    assert merge.records[merge.keep]["uuid"] == mine
    other = 1 - merge.keep
    assert model.choice("focal_point_email") == other
    assert model.choice("notes") == merge.keep
    # The user takes the other record's spelling of the name.
    row = model.fields.index("name")
    model.setData(
        model.index(row, other + 1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    merge.merge_button.click()
    box = merge.confirm_box
    assert isinstance(box, QMessageBox) and "cannot be undone" in box.informativeText()
    with qtbot.waitSignal(dialog.merged):
        merge.confirm_merge.click()

    kept = regional.get("city", mine)
    assert (kept["name"], kept["focal_point_email"], kept["notes"]) == (
        "Kaolack", "culture@kaolack.sn", "Typed in from the letter",
    )  # fmt: skip
    assert regional.get("city", theirs)["deleted"]
    assert aliases(regional) == [("city", theirs, mine)]
    assert duplicate_groups(regional) == []
    assert dialog.model.rowCount() == 0 and not dialog.merge_button.isEnabled()

    # The merge travels: Dakar ends with the same single record, and the alias.
    import_in_window(
        qtbot, bare_window, dakar, export_in_window(qtbot, bare_window, regional, stick).path
    )
    assert aliases(dakar) == [("city", theirs, mine)]
    assert dakar.get("city", theirs)["deleted"] and not dakar.get("city", mine)["deleted"]
    assert dakar.get("city", mine)["name"] == "Kaolack"


def test_cancelling_the_merge_confirmation_merges_nothing(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    _dakar, regional, mine, theirs = make_duplicates(qtbot, bare_window, make_office, stick)
    merge = MergeDialog(bare_window, regional, "city", (mine, theirs))
    qtbot.addWidget(merge)
    merge.keep_combo.setCurrentIndex(1)  # keep the other one instead
    assert merge.records[merge.keep]["uuid"] == theirs
    assert merge.model.choice("notes") == 0  # still filled from the record that has it
    merge.merge_button.click()
    merge.confirm_box.button(QMessageBox.StandardButton.Cancel).click()
    assert aliases(regional) == []
    assert not regional.get("city", theirs)["deleted"]
    assert len(duplicate_groups(regional)) == 1
