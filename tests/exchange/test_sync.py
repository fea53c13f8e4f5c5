"""Three offices and one folder: `sync` alone carries every edit everywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.sync import sync_folder
from ccn_desktop.exchange.verify import read_bundle
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import state
from tests.exchange.syncing import bundle_files, folder_hashes, settled_hash, sync
from tests.helpers import city_values


def three(make_office: MakeOffice) -> list[Catalogue]:
    """Three offices, each with a city, a conference and a project linked to it, and a
    deleted city."""
    offices = [make_office(name) for name in ("Nairobi", "Bamako", "Dakar")]
    for office in offices:
        name = office.office.name
        home = office.add("city", city_values(name=f"Home of {name}"))
        office.add("conference", {"year": 2026, "host_city_uuids": [home]})
        office.add("project", {"title": f"Project of {name}", "status": "Ongoing",
                               "city_uuids": [home]})  # fmt: skip
        office.delete("city", office.add("city", city_values(name=f"Gone from {name}")))
    return offices


def converged(offices: list[Catalogue]) -> bool:
    first = state(offices[0])
    return all(state(office) == first for office in offices[1:])


def test_three_offices_converge_in_two_rounds(make_office: MakeOffice, stick: Path) -> None:
    offices = three(make_office)
    for _round in range(2):
        for office in offices:
            assert sync(office, stick).complete
    assert converged(offices)
    assert offices[0].count("city") == 3 and offices[0].count("conference") == 3
    # one bundle per (sender, receiver) and one full bundle per sender, nothing else
    names = bundle_files(stick)
    assert len(names) == 3 * 2 + 3
    for name in names:
        manifest = read_bundle(stick / "ccn-exchange" / name).manifest
        sender = manifest.office.name
        receiver = "new offices" if manifest.for_office is None else _name(offices, manifest)
        assert name.startswith(f"to {receiver} from {sender} ")


def _name(offices: list[Catalogue], manifest) -> str:  # type: ignore[no-untyped-def]
    return next(o.office.name for o in offices if o.office.uuid == manifest.for_office)


def test_edits_travel_and_are_relayed_when_a_bundle_is_lost(
    make_office: MakeOffice, stick: Path
) -> None:
    nairobi, bamako, dakar = offices = three(make_office)
    for _round in range(2):
        for office in offices:
            sync(office, stick)
    city = nairobi.add("city", city_values(name="Relayed", country_code="KE", country="Kenya"))
    sync(nairobi, stick)
    lost = [
        p for p in (stick / "ccn-exchange").iterdir() if p.name.startswith("to Dakar from Nairobi")
    ]
    assert len(lost) == 1
    lost[0].unlink()  # the bundle Nairobi left for Dakar never reaches it
    sync(bamako, stick)
    report = sync(dakar, stick)
    assert dakar.get("city", city)["name"] == "Relayed"
    assert any(a.office_name == "Bamako" and not a.nothing_new for a in report.arrivals)


def test_a_lost_round_leaves_no_gap(make_office: MakeOffice, stick: Path) -> None:
    offices = three(make_office)
    nairobi, _bamako, dakar = offices
    for _round in range(2):
        for office in offices:
            sync(office, stick)
    for number, office in enumerate(offices):
        office.add("city", city_values(name=f"Month 2 in {number}"))
    sync(nairobi, stick)
    sync(dakar, stick)  # Bamako skips the month
    for number, office in enumerate(offices):
        office.add("city", city_values(name=f"Month 3 in {number}"))
    for _round in range(2):
        for office in offices:
            sync(office, stick)
    assert converged(offices)
    assert nairobi.count("city") == 9


def test_a_sync_with_nothing_new_changes_nothing(make_office: MakeOffice, stick: Path) -> None:
    offices = three(make_office)
    for _round in range(3):
        for office in offices:
            sync(office, stick)
    for office in offices:
        before = (settled_hash(office), folder_hashes(stick))
        report = sync(office, stick)
        assert report.complete
        assert not report.changed_catalogue
        assert not any(item.written for item in report.left)
        assert (settled_hash(office), folder_hashes(stick)) == before


def test_sync_twice_in_a_row_writes_once(make_office: MakeOffice, stick: Path) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    nairobi.add("city", city_values())
    sync(nairobi, stick)
    sync(bamako, stick)
    before = (settled_hash(bamako), folder_hashes(stick))
    assert not any(item.written for item in sync(bamako, stick).left)
    assert (settled_hash(bamako), folder_hashes(stick)) == before


def test_a_new_day_replaces_the_previous_bundle_only(make_office: MakeOffice, stick: Path) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    sync(nairobi, stick)
    sync(bamako, stick)
    sync(nairobi, stick)
    # somebody else's file with the very name the next bundle would take
    foreign = stick / "ccn-exchange" / "to Bamako from Nairobi 2030-01-02.ccnbundle.json"
    foreign.write_bytes(b"not mine")
    nairobi.add("city", city_values())
    report = sync_folder(nairobi, stick, trust=True, today=dt.date(2030, 1, 2))
    names = bundle_files(stick)
    assert foreign.read_bytes() == b"not mine"
    assert "to Bamako from Nairobi 2030-01-02 (2).ccnbundle.json" in names
    assert sum(name.startswith("to Bamako from Nairobi") for name in names) == 2
    assert [item.path.name for item in report.skipped] == [foreign.name]
    assert not report.complete


def test_bundles_for_other_offices_are_left_alone(make_office: MakeOffice, stick: Path) -> None:
    nairobi, bamako, dakar = three(make_office)
    for office in (nairobi, bamako, nairobi):
        sync(office, stick)
    for_bamako = next(
        p for p in (stick / "ccn-exchange").iterdir() if p.name.startswith("to Bamako")
    )
    before = for_bamako.read_bytes()
    report = sync(dakar, stick)
    # Dakar met neither: it takes both full bundles, not the one made for Bamako
    assert sorted(a.office_name for a in report.arrivals) == ["Bamako", "Nairobi"]
    assert for_bamako.read_bytes() == before


def test_a_renamed_bundle_is_still_recognised_and_replaced(
    make_office: MakeOffice, stick: Path
) -> None:
    nairobi, bamako = make_office("Nairobi"), make_office("Bamako")
    sync(nairobi, stick)
    sync(bamako, stick)
    sync(nairobi, stick)
    mine = next(p for p in (stick / "ccn-exchange").iterdir() if p.name.startswith("to Bamako"))
    renamed = mine.with_name("for bamako.ccnbundle.json")
    mine.rename(renamed)
    nairobi.rename_office("Nairobi Regional Office")
    report = sync(nairobi, stick)
    names = bundle_files(stick)
    assert "for bamako.ccnbundle.json" not in names  # recognised by its manifest, replaced
    assert sum(name.startswith("to Bamako from Nairobi Regional Office ") for name in names) == 1
    assert report.complete and all(item.written for item in report.left)


def test_a_stick_taken_out_before_the_bundles_are_left(
    make_office: MakeOffice, stick: Path
) -> None:
    from ccn_desktop.exchange.sync import SyncRun

    nairobi = make_office("Nairobi")
    run = SyncRun(nairobi, stick)
    run.start()
    (stick / "ccn-exchange").rmdir()
    report = run.finish()
    assert report.write_problem.startswith("The folder")
    assert "no longer there" in report.write_problem
    assert report.left == []


def test_a_half_written_bundle_of_this_office_is_cleared_at_the_next_sync(
    make_office: MakeOffice, stick: Path
) -> None:
    nairobi = make_office("Nairobi")
    sync(nairobi, stick)
    folder = stick / "ccn-exchange"
    ours = folder / ".to new offices from Nairobi 2026-12-05.ccnbundle.json.0a1b2c3d.partial"
    theirs = folder / ".to new offices from Bamako 2026-12-05.ccnbundle.json.0a1b2c3d.partial"
    for path in (ours, theirs):
        path.write_bytes(b'{"manifest":')  # the stick was taken out while writing
    sync(nairobi, stick)
    assert not ours.exists()
    assert theirs.exists()  # another office's: never touched


def test_only_manifests_are_read_to_sort_the_folder(make_office: MakeOffice, stick: Path) -> None:
    from ccn_desktop.exchange.errors import BundleError
    from ccn_desktop.exchange.sync_folder import survey
    from ccn_desktop.exchange.verify import read_manifest

    nairobi, bamako, dakar = three(make_office)
    for office in (nairobi, bamako, nairobi, dakar):
        sync(office, stick)
    for_bamako = next(
        p for p in (stick / "ccn-exchange").iterdir() if p.name.startswith("to Bamako from Nairobi")
    )
    data = for_bamako.read_bytes()
    for_bamako.write_bytes(data[:-100])  # its payload is not Dakar's business
    found = survey(dakar, stick / "ccn-exchange")
    assert for_bamako in [entry.path for entry in found.elsewhere]
    assert found.damaged == []
    # a manifest read from the head is still checked: a changed byte in it is refused
    forged = data.replace(b'"name":"Nairobi"', b'"name":"Nairobl"', 1)
    assert forged != data
    for_bamako.write_bytes(forged)
    with pytest.raises(BundleError, match="signature"):
        read_manifest(for_bamako)


def test_a_damaged_bundle_of_this_office_is_replaced_though_nothing_changed(
    make_office: MakeOffice, stick: Path
) -> None:
    from ccn_desktop.exchange.verify import read_bundle

    nairobi = make_office("Nairobi")
    nairobi.add("city", city_values())
    sync(nairobi, stick)
    (mine,) = (stick / "ccn-exchange").iterdir()
    mine.write_bytes(mine.read_bytes()[:-300])  # the copy was cut short; its head is whole
    report = sync(nairobi, stick)
    assert [item.written for item in report.left] == [True]
    assert read_bundle(report.left[0].path).counts["cities"] == 1


def test_what_systems_and_sync_tools_leave_in_a_folder_is_not_named(
    make_office: MakeOffice, stick: Path
) -> None:
    nairobi = make_office("Nairobi")
    folder = stick / "ccn-exchange"
    folder.mkdir()
    for name in ("desktop.ini", "Thumbs.db", ".DS_Store", "._to Bamako.ccnbundle.json"):
        (folder / name).write_bytes(b"\x00")
    (folder / ".stversions").mkdir()
    report = sync(nairobi, stick)
    assert report.complete and report.skipped == []
