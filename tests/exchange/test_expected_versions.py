"""A write names the version the person saw; a record that moved on is not overwritten
blindly (issue 13: "undo after an import overwrites another office's edit")."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccn_desktop.catalogue.errors import StaleRecordError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.versions import covers
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import send
from tests.helpers import city_values, database_dump


def _two_offices(make_office: MakeOffice, stick: Path) -> tuple[Catalogue, Catalogue, str]:
    here, there = make_office("Here"), make_office("There")
    uuid = here.add("city", city_values(name="Łódź", notes="Founded 1423."))
    send(here, there, stick)
    return here, there, uuid


def test_undo_after_an_import_of_the_same_field_keeps_both_versions(
    make_office: MakeOffice, stick: Path
) -> None:
    here, there, uuid = _two_offices(make_office, stick)
    edit = here.update("city", uuid, {"notes": "Our note."})  # the edit, then its undo
    seen = edit.snapshot("city", uuid)
    assert seen is not None
    send(here, there, stick)
    there.update("city", uuid, {"notes": "Their later note."})
    send(there, here, stick)  # the import moves the record on

    undo = here.update("city", uuid, {"notes": "Founded 1423."}, expected=seen["version"])

    assert undo.conflicts == [("city", uuid)]
    versions = [here.get("city", uuid), *here.conflict_versions("city", uuid)]
    assert sorted(v["notes"] for v in versions) == ["Founded 1423.", "Their later note."]
    theirs = next(v for v in versions if v["notes"] == "Their later note.")
    mine = next(v for v in versions if v["notes"] == "Founded 1423.")
    assert not covers(mine["version"], theirs["version"])  # the undo does not beat theirs
    assert here.count("city") == 1
    # Reviewing settles it like any conflict, and the result travels.
    here.resolve_conflict("city", uuid, {"notes": "Their later note."})
    assert here.conflict_versions("city", uuid) == []
    send(here, there, stick)
    assert there.get("city", uuid)["notes"] == "Their later note."
    assert there.conflict_versions("city", uuid) == []


def test_undo_after_an_import_of_another_field_applies(
    make_office: MakeOffice, stick: Path
) -> None:
    here, there, uuid = _two_offices(make_office, stick)
    seen = here.update("city", uuid, {"notes": "Our note."}).snapshot("city", uuid)
    assert seen is not None
    send(here, there, stick)
    there.update("city", uuid, {"website": "https://lodz.example.org"})
    send(there, here, stick)

    undo = here.update("city", uuid, {"notes": "Founded 1423."}, expected=seen["version"])

    assert undo.conflicts == []
    record = here.get("city", uuid)
    assert (record["notes"], record["website"]) == ("Founded 1423.", "https://lodz.example.org")
    assert here.conflict_versions("city", uuid) == []


def test_undo_after_an_import_of_another_record_applies(
    make_office: MakeOffice, stick: Path
) -> None:
    here, there, uuid = _two_offices(make_office, stick)
    other = there.add("city", city_values(name="Katowice", country_code="PL"))
    seen = here.update("city", uuid, {"notes": "Our note."}).snapshot("city", uuid)
    assert seen is not None
    send(there, here, stick)
    assert here.get("city", other)["name"] == "Katowice"

    undo = here.update("city", uuid, {"notes": "Founded 1423."}, expected=seen["version"])

    assert undo.conflicts == []
    assert here.get("city", uuid)["notes"] == "Founded 1423."
    assert undo.snapshot("city", uuid) == here.get("city", uuid)


def test_a_stale_form_keeps_what_was_typed_beside_the_import(
    make_office: MakeOffice, stick: Path
) -> None:
    here, there, uuid = _two_offices(make_office, stick)
    shown = here.get("city", uuid)  # the form is loaded
    there.update("city", uuid, {"notes": "Their note.", "focal_point_name": "A. Nowak"})
    send(there, here, stick)  # ... an import arrives while the person types
    typed = {name: shown[name] for name in ("name", "notes", "focal_point_name")}
    typed["notes"] = "Typed here."

    save = here.update("city", uuid, typed, expected=shown["version"])

    assert save.conflicts == [("city", uuid)]
    versions = [here.get("city", uuid), *here.conflict_versions("city", uuid)]
    assert sorted(v["notes"] for v in versions) == ["Their note.", "Typed here."]
    mine = next(v for v in versions if v["notes"] == "Typed here.")
    assert mine["focal_point_name"] == ""  # what the form showed, not a blend


def test_a_stale_delete_of_a_record_changed_meanwhile_is_reviewed(
    make_office: MakeOffice, stick: Path
) -> None:
    here, there, uuid = _two_offices(make_office, stick)
    seen = here.get("city", uuid)
    there.update("city", uuid, {"notes": "Still active, see report."})
    send(there, here, stick)

    undo_add = here.delete("city", uuid, expected=seen["version"])

    assert undo_add.conflicts == [("city", uuid)]
    shown = here.get("city", uuid)
    assert not shown["deleted"]  # an edit concurrent with a delete stays in sight
    assert [v["deleted"] for v in here.conflict_versions("city", uuid)] == [True]


def test_an_unchanged_record_is_written_as_usual(make_office: MakeOffice) -> None:
    here = make_office("Here")
    uuid = here.add("city", city_values())
    seen = here.get("city", uuid)
    report = here.update("city", uuid, {"notes": "n"}, expected=seen["version"])
    assert report.conflicts == []
    assert report.records == {"city": {uuid: here.get("city", uuid)}}
    assert not report.counts_changed
    assert here.delete("city", uuid, expected=here.get("city", uuid)["version"]).counts_changed


def test_a_save_from_another_window_is_not_overwritten_blindly(make_office: MakeOffice) -> None:
    """Two windows of the program on one catalogue file: each names what it saw."""
    here = make_office("Here")
    uuid = here.add("city", city_values(name="Łódź", notes="start"))
    other_window = Catalogue.open(here.paths)
    try:
        shown = here.get("city", uuid)  # both windows show the same version
        other_window.update("city", uuid, {"notes": "typed in the other window"})
        before = database_dump(here.paths.catalogue_file)
        # One office's versions cannot be concurrent: the save is refused, not applied.
        with pytest.raises(StaleRecordError, match="changed in another window"):
            here.update("city", uuid, {"notes": "typed here"}, expected=shown["version"])
        assert database_dump(here.paths.catalogue_file) == before
        assert here.get("city", uuid)["notes"] == "typed in the other window"
        # A field the other window left alone is saved as usual.
        report = here.update("city", uuid, {"website": "https://lodz.example.org"},
                             expected=shown["version"])  # fmt: skip
        assert report.conflicts == []
        assert here.get("city", uuid)["notes"] == "typed in the other window"
    finally:
        other_window.close()
