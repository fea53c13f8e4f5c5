"""Planning an import: what changes, field by field, and who signed — writing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.offices import SignerStatus, set_trusted
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.verify import read_bundle
from tests.exchange import bundles
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import export, import_file, send
from tests.helpers import city_values


def settled_hash(catalogue: Catalogue) -> str:
    """The catalogue file's hash once every committed write is in it (WAL checkpointed)."""
    path = catalogue.paths.catalogue_file
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return bundles.file_hash(path)


def plan_of(target: Catalogue, path: Path):  # type: ignore[no-untyped-def]
    return make_plan(target, read_bundle(path))


def test_each_kind_of_change_with_its_differences(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    edited = dakar.add("city", city_values(name="Edited", notes="before"))
    gone = dakar.add("city", city_values(name="Gone"))
    back = dakar.add("city", city_values(name="Back"))
    same = dakar.add("city", city_values(name="Same"))
    dakar.delete("city", back)
    send(dakar, paris, stick)
    dakar.update("city", edited, {"notes": "after"})
    dakar.delete("city", gone)
    dakar.restore("city", back)
    new = dakar.add("city", city_values(name="New"))
    before = settled_hash(paris)
    plan = plan_of(paris, export(dakar, stick))
    assert settled_hash(paris) == before
    kinds = {change.uuid: change.kind for change in plan.changes}
    assert kinds == {edited: ChangeKind.UPDATED, gone: ChangeKind.DELETED,
                     back: ChangeKind.RESTORED, new: ChangeKind.NEW}  # fmt: skip
    assert same not in kinds and plan.counts["city"][ChangeKind.UNCHANGED] == 1
    (diff,) = next(change for change in plan.changes if change.uuid == edited).diffs
    assert (diff.field, diff.label, diff.mine, diff.theirs) == ("notes", "Notes", "before", "after")
    assert plan.signer.status == SignerStatus.TRUSTED and plan.trusted


def test_conferences_are_named_by_year_and_hosts(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    known = dakar.add("city", city_values(name="Kraków", country_code="PL"))
    send(dakar, paris, stick)
    new = dakar.add("city", city_values(name="Katowice", country_code="PL", creative_field="Music"))
    dakar.add("conference", {"year": 2018, "host_city_uuids": [known, new]})
    plan = plan_of(paris, export(dakar, stick))
    titles = {change.entity: change.title for change in plan.changes}
    assert titles == {"city": "Katowice", "conference": "2018 Kraków / Katowice"}


def test_concurrent_edits_of_different_fields_merge(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values(website="https://a.example.org"))
    send(dakar, paris, stick)
    dakar.update("city", city, {"website": "https://dakar.example.org"})
    paris.update("city", city, {"notes": "Paris was here"})
    (change,) = plan_of(paris, export(dakar, stick)).changes
    assert change.kind == ChangeKind.MERGED
    assert (change.fields_here, change.fields_there) == (["notes"], ["website"])
    assert {diff.field for diff in change.diffs} == {"website"}  # notes stay as they are here
    assert change.theirs["notes"] == "Paris was here"


def test_concurrent_edits_of_one_field_are_a_conflict(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values(website="https://a.example.org"))
    send(dakar, paris, stick)
    dakar.update("city", city, {"website": "https://dakar.example.org", "notes": "Dakar"})
    paris.update("city", city, {"website": "https://paris.example.org"})
    (change,) = plan_of(paris, export(dakar, stick)).changes
    assert change.kind == ChangeKind.CONFLICT
    assert change.conflicting == ["website"]
    assert change.fields_there == ["website", "notes"]


def test_likely_duplicates_are_reported(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    theirs = dakar.add("city", city_values(name="Łódź", country_code="PL"))
    mine = paris.add("city", city_values(name="LODZ", country_code="PL"))
    plan = plan_of(paris, export(dakar, stick))
    (duplicate,) = plan.duplicates
    assert (duplicate.incoming_uuid, duplicate.existing_uuid) == (theirs, mine)
    assert (duplicate.incoming_title, duplicate.existing_title) == ("Łódź", "LODZ")


def test_signer_status(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    path = export(dakar, stick)
    assert plan_of(paris, path).signer.status == SignerStatus.UNKNOWN
    assert plan_of(dakar, path).signer.status == SignerStatus.THIS_OFFICE
    send(dakar, paris, stick)
    set_trusted(paris, dakar.office.uuid, False)
    plan = plan_of(paris, path)
    assert plan.signer.status == SignerStatus.NOT_TRUSTED and not plan.trusted
    assert plan.signer.fingerprint == dakar.office.fingerprint


def test_a_known_office_with_another_key_is_refused(
    make_office: MakeOffice, stick: Path, tmp_path: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    send(dakar, paris, stick)
    forged = bundles.make_bundle(bundles.sample_payload(), bundles.office_key(),
                                 office=dakar.office.uuid, name="Dakar")  # fmt: skip
    path = bundles.write(tmp_path / "forged.ccnbundle.json", forged)
    with pytest.raises(BundleError, match='claims to come from "Dakar" but is signed with another'):
        plan_of(paris, path)
    mine = bundles.make_bundle(bundles.sample_payload(), bundles.office_key(),
                               office=paris.office.uuid)  # fmt: skip
    with pytest.raises(BundleError, match="claims to come from this office"):
        plan_of(paris, bundles.write(tmp_path / "mine.ccnbundle.json", mine))


def test_a_bundle_made_for_another_office_is_refused(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris, lima = make_office("Dakar"), make_office("Paris"), make_office("Lima")
    send(paris, dakar, stick)
    dakar.add("city", city_values())
    for_paris = export(dakar, stick, for_office=paris.office.uuid)
    with pytest.raises(BundleError, match=f"made for office {paris.office.uuid} and holds only"):
        plan_of(lima, for_paris)
    send(paris, lima, stick)
    with pytest.raises(BundleError, match='made for office "Paris"') as caught:
        plan_of(lima, for_paris)
    assert 'ask "Dakar" for a full bundle' in str(caught.value)
    assert plan_of(paris, for_paris).counts["city"][ChangeKind.NEW] == 1


def test_a_link_to_a_city_nowhere_is_refused(make_office: MakeOffice, tmp_path: Path) -> None:
    paris = make_office("Paris")
    payload = bundles.sample_payload()
    payload["cities"] = payload["cities"][:1]
    bundle = bundles.make_bundle(payload, bundles.office_key(), scope="for-office",
                                 for_office=paris.office.uuid)  # fmt: skip
    path = bundles.write(tmp_path / "b.ccnbundle.json", bundle)
    with pytest.raises(BundleError) as caught:
        plan_of(paris, path)
    assert str(caught.value) == (
        f"The bundle is not valid at links[1].to: city {bundles.CITY_B} is neither in the "
        "bundle nor in this catalogue."
    )


def test_the_forms_rules_apply_to_incoming_records(make_office: MakeOffice, tmp_path: Path) -> None:
    paris = make_office("Paris")
    payload = bundles.sample_payload()
    payload["cities"][1]["country_code"] = "ZZ"
    payload["projects"][0]["end_year"] = 2020  # before its start year
    path = bundles.write(tmp_path / "b.json", bundles.make_bundle(payload, bundles.office_key()))
    with pytest.raises(BundleError) as caught:
        plan_of(paris, path)
    assert "cities[1].country_code: 'ZZ' is not an ISO 3166-1 alpha-2 country code." in str(
        caught.value
    )
    payload["cities"][1]["country_code"] = "SE"
    path = bundles.write(tmp_path / "b.json", bundles.make_bundle(payload, bundles.office_key()))
    with pytest.raises(BundleError, match=r"projects\[0\].end_year: must not be before"):
        plan_of(paris, path)


def test_a_plan_for_a_bundle_already_imported_has_nothing_to_do(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    dakar.add("city", city_values())
    path = export(dakar, stick)
    assert not plan_of(paris, path).nothing_to_do
    send(dakar, paris, stick)
    plan = plan_of(paris, path)
    assert plan.nothing_to_do and plan.changes == []
    assert plan.counts["city"][ChangeKind.UNCHANGED] == 1


def test_a_version_already_seen_is_not_checked_again(
    make_office: MakeOffice, tmp_path: Path
) -> None:
    """Rule: a version whose vector the record here includes brings nothing, so it is not
    looked at — an old bundle whose records a later program's rules would refuse (here a
    project ending before it starts) still imports what it has that is new, and the
    versions already seen change nothing."""
    paris = make_office("Paris")
    key = bundles.office_key()
    payload = bundles.sample_payload()
    import_file(paris, bundles.write(tmp_path / "first.json", bundles.make_bundle(payload, key)))
    before = settled_hash(paris)
    payload["projects"][0]["end_year"] = 2020  # before its start year; the version is seen
    path = bundles.write(tmp_path / "again.json", bundles.make_bundle(payload, key))
    plan = plan_of(paris, path)
    assert plan.nothing_to_do and plan.changes == []
    assert plan.counts["project"][ChangeKind.UNCHANGED] == 1
    assert settled_hash(paris) == before
