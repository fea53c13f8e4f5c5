"""Field-level merge between offices, example by example (docs/exchange.md, "Two offices
edited the same record")."""

from __future__ import annotations

from pathlib import Path

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.verify import read_bundle
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import export, send, state
from tests.helpers import city_values


def flagged(office: Catalogue) -> int:
    return office.count("city", RecordQuery(needs_review=True))


def two_offices(make_office: MakeOffice, stick: Path) -> tuple[Catalogue, Catalogue, str]:
    """Bamako's city reaches Nairobi: both hold the same version."""
    bamako, nairobi = make_office("Bamako"), make_office("Nairobi")
    city = bamako.add("city", city_values(name="Sarajevo", country_code="BA", notes="start"))
    send(bamako, nairobi, stick)
    return bamako, nairobi, city


def exchange_both_ways(a: Catalogue, b: Catalogue, stick: Path) -> None:
    send(a, b, stick)
    send(b, a, stick)


def test_different_fields_merge_without_review(make_office: MakeOffice, stick: Path) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    bamako.update("city", city, {"focal_point_email": "focal@sarajevo.ba"})
    nairobi.update("city", city, {"description": "City of Film since 2019."})
    plan = make_plan(nairobi, read_bundle(export(bamako, stick)))
    (change,) = plan.changes
    assert change.kind == ChangeKind.MERGED
    assert (change.fields_here, change.fields_there) == (["description"], ["focal_point_email"])
    send(bamako, nairobi, stick)
    send(nairobi, bamako, stick)
    for office in (bamako, nairobi):
        shown = office.get("city", city)
        assert shown["focal_point_email"] == "focal@sarajevo.ba"
        assert shown["description"] == "City of Film since 2019."
        assert office.conflicting_fields("city", city) == []
        assert office.conflict_versions("city", city) == []
        assert flagged(office) == 0
    assert state(bamako) == state(nairobi)


def test_one_field_to_different_values_is_a_field_conflict(
    make_office: MakeOffice, stick: Path
) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    bamako.update("city", city, {"notes": "Bamako's note", "website": "https://bamako.example"})
    nairobi.update("city", city, {"notes": "Nairobi's note"})
    plan = make_plan(nairobi, read_bundle(export(bamako, stick)))
    (change,) = plan.changes
    assert change.kind == ChangeKind.CONFLICT and change.conflicting == ["notes"]
    exchange_both_ways(bamako, nairobi, stick)
    shown = {office.get("city", city)["notes"] for office in (bamako, nairobi)}
    assert shown == {"Nairobi's note"}  # the later write, in both offices
    for office in (bamako, nairobi):
        assert office.conflicting_fields("city", city) == ["notes"]
        (side,) = office.conflict_versions("city", city)
        assert side["notes"] == "Bamako's note" and side["modified_by"] == bamako.office.uuid
        assert office.get("city", city)["website"] == "https://bamako.example"  # merged
        assert flagged(office) == 1
    assert state(bamako) == state(nairobi)


def test_one_field_to_the_same_value_is_no_conflict(make_office: MakeOffice, stick: Path) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    bamako.update("city", city, {"notes": "Corrected"})
    nairobi.update("city", city, {"notes": "Corrected"})
    exchange_both_ways(bamako, nairobi, stick)
    for office in (bamako, nairobi):
        assert office.get("city", city)["notes"] == "Corrected"
        assert office.conflicting_fields("city", city) == []
        assert flagged(office) == 0
    assert state(bamako) == state(nairobi)


def test_three_offices_each_change_a_different_field(make_office: MakeOffice, stick: Path) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    paris = make_office("Paris")
    send(bamako, paris, stick)
    bamako.update("city", city, {"focal_point_email": "focal@sarajevo.ba"})
    nairobi.update("city", city, {"description": "Described in Nairobi."})
    paris.update("city", city, {"objectives": ["Film schools", "Festivals"]})
    # Nairobi's change reaches Paris only through Bamako (relayed).
    send(nairobi, bamako, stick)
    send(bamako, paris, stick)
    send(paris, nairobi, stick)
    send(nairobi, bamako, stick)
    for office in (bamako, nairobi, paris):
        shown = office.get("city", city)
        assert shown["focal_point_email"] == "focal@sarajevo.ba"
        assert shown["description"] == "Described in Nairobi."
        assert shown["objectives"] == ["Film schools", "Festivals"]
        assert flagged(office) == 0
    assert state(bamako) == state(nairobi) == state(paris)


def test_a_field_conflict_resolved_in_one_office_travels(
    make_office: MakeOffice, stick: Path
) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    paris = make_office("Paris")
    send(bamako, paris, stick)
    bamako.update("city", city, {"notes": "Bamako's note"})
    nairobi.update("city", city, {"notes": "Nairobi's note", "website": "https://n.example"})
    send(bamako, paris, stick)
    send(nairobi, paris, stick)
    assert paris.conflicting_fields("city", city) == ["notes"]
    paris.resolve_conflict("city", city, {"notes": "Both offices' notes"})
    assert paris.conflicting_fields("city", city) == [] and flagged(paris) == 0
    send(paris, bamako, stick)
    send(paris, nairobi, stick)
    for office in (bamako, nairobi, paris):
        shown = office.get("city", city)
        assert (shown["notes"], shown["website"]) == ("Both offices' notes", "https://n.example")
        assert flagged(office) == 0
    assert state(bamako) == state(nairobi) == state(paris)


def test_an_edit_against_a_delete_stays_a_record_conflict(
    make_office: MakeOffice, stick: Path
) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    bamako.delete("city", city)
    nairobi.update("city", city, {"notes": "Still a member"})
    plan = make_plan(nairobi, read_bundle(export(bamako, stick)))
    assert [change.kind for change in plan.changes] == [ChangeKind.CONFLICT]
    exchange_both_ways(bamako, nairobi, stick)
    for office in (bamako, nairobi):
        shown = office.get("city", city)
        assert (shown["deleted"], shown["notes"]) == (False, "Still a member")
        (side,) = office.conflict_versions("city", city)
        assert side["deleted"] is True
        assert flagged(office) == 1
    assert state(bamako) == state(nairobi)
    bamako.resolve_conflict("city", city, {}, deleted=True)  # the review settles on deletion
    send(bamako, nairobi, stick)
    assert nairobi.get("city", city)["deleted"] and flagged(nairobi) == 0


def test_a_restore_is_an_edit(make_office: MakeOffice, stick: Path) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    bamako.delete("city", city)
    send(bamako, nairobi, stick)
    nairobi.restore("city", city)
    bamako.update("city", city, {"notes": "edited while deleted here"})  # stays deleted here
    assert bamako.get("city", city)["deleted"]
    exchange_both_ways(nairobi, bamako, stick)
    assert state(bamako) == state(nairobi)
    assert not nairobi.get("city", city)["deleted"]


def test_a_delete_that_saw_every_edit_is_no_conflict(make_office: MakeOffice, stick: Path) -> None:
    bamako, nairobi, city = two_offices(make_office, stick)
    nairobi.update("city", city, {"notes": "Nairobi"})
    send(nairobi, bamako, stick)
    bamako.delete("city", city)
    exchange_both_ways(bamako, nairobi, stick)
    for office in (bamako, nairobi):
        assert office.get("city", city)["deleted"] and flagged(office) == 0


def test_a_merge_that_breaks_a_form_rule_is_flagged(make_office: MakeOffice, stick: Path) -> None:
    bamako, nairobi = make_office("Bamako"), make_office("Nairobi")
    values = {"title": "Film school", "status": "Planned", "start_year": 2024, "end_year": 2026}
    project = bamako.add("project", values)
    send(bamako, nairobi, stick)
    bamako.update("project", project, {"start_year": 2026})
    nairobi.update("project", project, {"end_year": 2025})
    exchange_both_ways(bamako, nairobi, stick)
    for office in (bamako, nairobi):
        shown = office.get("project", project)
        assert (shown["start_year"], shown["end_year"]) == (2026, 2025)
        assert office.count("project", RecordQuery(needs_review=True)) == 1


def test_a_city_edited_here_takes_the_reference_coordinates_without_review(
    tmp_path: Path,
) -> None:
    from ccn_desktop.exchange.reference import apply_update, plan_update
    from tests.exchange.test_reference import city_uuid, office_copy

    paths = office_copy("dakar", tmp_path)
    with Catalogue.open(paths) as dakar:
        sarajevo = city_uuid(dakar, "sarajevo", "Film")  # Dakar edited its description
        assert dakar.get("city", sarajevo)["latitude"] is None
        update = plan_update(dakar)
        change = next(c for c in update.plan.changes if c.uuid == sarajevo)
        assert change.kind == ChangeKind.MERGED
        assert set(change.fields_there) >= {"latitude", "longitude"}
        assert change.fields_here == ["description"]
        apply_update(dakar, update)
        shown = dakar.get("city", sarajevo)
        assert shown["latitude"] is not None and shown["longitude"] is not None
        assert shown["description"] == "Home of the Sarajevo Film Festival."
        assert dakar.conflicting_fields("city", sarajevo) == []
        review = RecordQuery(needs_review=True, text="sarajevo")
        assert dakar.count("city", review) == 0
