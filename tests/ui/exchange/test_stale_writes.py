"""Undo, redo and a stale form after an import (issue 13): the window never writes back
over what the import brought unseen, and shows exactly what the import changed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.exchange.actions import ExchangeActions
from ccn_desktop.ui.exchange.conflicts import ConflictReviewDialog
from ccn_desktop.ui.main_window import MainWindow
from tests.exchange.exchanging import export, import_file
from tests.ui.conftest import open_window
from tests.ui.exchange.conftest import MakeOffice


class Offices:
    """This office at its window, and another office that edits and sends bundles."""

    def __init__(self, qtbot: QtBot, make_office: MakeOffice, stick: Path) -> None:
        self.here = make_office("Here", starter=True)
        self.there = make_office("There", starter=True)
        self.stick = stick
        self.window: MainWindow = open_window(qtbot, self.here)
        actions = self.window.exchange_actions
        assert actions is not None
        self.actions: ExchangeActions = actions

    def uuid(self, text: str) -> str:
        return self.here.uuid_of("city", self.here.ids("city", RecordQuery(text=text))[0])

    def select(self, uuid: str) -> None:
        tab = self.window.tab_for("city")
        tab.select_row(tab.model.row_of_id(self.here.id_of("city", uuid)))
        assert tab.current_uuid == uuid

    def save(self, values: dict[str, object]) -> None:
        self.window.current_tab().form.set_values(values)
        self.window.save_action.trigger()

    def import_from_there(self) -> None:
        """What File ▸ Import does once the preview is accepted."""
        result = import_file(self.here, export(self.there, self.stick))
        self.actions.importer.imported.emit(result)


def _offices(qtbot: QtBot, make_office: MakeOffice, stick: Path) -> Offices:
    offices = Offices(qtbot, make_office, stick)
    import_file(offices.there, export(offices.here, offices.stick))  # There knows Here
    return offices


def _review(offices: Offices) -> ConflictReviewDialog | None:
    dialog = offices.actions.dialog
    return dialog if isinstance(dialog, ConflictReviewDialog) else None


def test_undo_after_an_import_that_touched_the_same_record_opens_the_review(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    offices = _offices(qtbot, make_office, stick)
    lodz = offices.uuid("lodz")
    original = offices.here.get("city", lodz)["notes"]
    offices.select(lodz)
    offices.save({"notes": "Our note."})
    import_file(offices.there, export(offices.here, stick))
    offices.there.update("city", lodz, {"notes": "Their later note."})
    offices.import_from_there()
    # The import's value is shown at once, without re-reading every tab.
    assert offices.window.current_tab().form.values()["notes"] == "Their later note."

    offices.window.undo_action.trigger()

    review = _review(offices)
    assert review is not None and review.uuid == lodz
    notes = sorted(version["notes"] for version in review.versions)
    assert notes == sorted([original, "Their later note."])
    assert not offices.window.undo_stack.canUndo()  # the review is the next step
    versions = [offices.here.get("city", lodz), *offices.here.conflict_versions("city", lodz)]
    assert "Their later note." in [v["notes"] for v in versions]  # nothing overwritten
    review.reject()


def test_undo_after_an_import_that_touched_another_record_applies(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    offices = _offices(qtbot, make_office, stick)
    lodz, katowice = offices.uuid("lodz"), offices.uuid("katowice")
    original = offices.here.get("city", lodz)["notes"]
    offices.select(lodz)
    offices.save({"notes": "Our note."})
    offices.there.update("city", katowice, {"notes": "Their note on Katowice."})
    offices.import_from_there()

    offices.window.undo_action.trigger()

    assert _review(offices) is None
    assert offices.here.get("city", lodz)["notes"] == original
    assert offices.here.get("city", katowice)["notes"] == "Their note on Katowice."
    assert offices.here.conflict_versions("city", lodz) == []
    offices.window.redo_action.trigger()
    assert offices.here.get("city", lodz)["notes"] == "Our note."


def test_a_stale_form_keeps_the_typing_and_its_save_opens_the_review(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    offices = _offices(qtbot, make_office, stick)
    lodz = offices.uuid("lodz")
    offices.select(lodz)
    tab = offices.window.current_tab()
    tab.form.set_values({"notes": "Typed here."})  # typing, not saved yet
    offices.there.update("city", lodz, {"notes": "Their note."})
    offices.import_from_there()
    assert tab.is_dirty and tab.form.values()["notes"] == "Typed here."
    assert tab.pane is not None and "changed elsewhere" in tab.pane.state_label.text()

    offices.window.save_action.trigger()

    review = _review(offices)
    assert review is not None
    assert sorted(v["notes"] for v in review.versions) == ["Their note.", "Typed here."]
    assert not tab.is_dirty
    review.reject()


def test_a_stale_form_whose_fields_did_not_change_there_saves(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    offices = _offices(qtbot, make_office, stick)
    lodz = offices.uuid("lodz")
    offices.select(lodz)
    tab = offices.window.current_tab()
    tab.form.set_values({"notes": "Typed here."})
    offices.there.update("city", lodz, {"focal_point_name": "A. Nowak"})
    offices.import_from_there()

    offices.window.save_action.trigger()

    assert _review(offices) is None
    saved = offices.here.get("city", lodz)
    assert (saved["notes"], saved["focal_point_name"]) == ("Typed here.", "A. Nowak")
    assert tab.form.values()["focal_point_name"] == "A. Nowak"


def test_an_import_refreshes_the_rows_it_changed_in_every_tab(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    offices = _offices(qtbot, make_office, stick)
    here: Catalogue = offices.here
    conferences = offices.window.tab_for("conference")
    offices.window.tabs.setCurrentWidget(conferences)
    conferences.ensure_loaded()
    offices.window.tabs.setCurrentWidget(offices.window.tab_for("city"))
    host = next(
        uuid for uuid in (here.get("conference", c)["host_city_uuids"] for c in _all(here)) if uuid
    )[0]
    offices.there.update("city", host, {"name": "Renamed Host"})
    offices.import_from_there()
    conference = here.ids("conference", RecordQuery(text="renamed host"))
    assert conference
    row = conferences.model.row_of_id(conference[0])
    hosts_column = conferences.model.columns.index("hosts")
    assert "Renamed Host" in conferences.model.index(row, hosts_column).data()


def _all(catalogue: Catalogue) -> list[str]:
    ids = catalogue.ids("conference")
    return [row.uuid for row in catalogue.rows("conference", ids, ()).values()]
