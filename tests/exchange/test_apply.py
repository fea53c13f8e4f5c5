"""Applying an import: trust, one transaction after a backup, and the merge rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccn_desktop.catalogue.backups import list_backups
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.exchange.apply import apply_plan
from ccn_desktop.exchange.errors import ExchangeCancelled, UntrustedSignerError
from ccn_desktop.exchange.offices import exchange_log, known_offices
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.verify import read_bundle
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import export, import_file, send, state
from tests.exchange.test_plan import settled_hash
from tests.helpers import city_values


def test_an_unknown_office_is_imported_only_when_trusted(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values())
    path = export(dakar, stick)
    before = settled_hash(paris)
    with pytest.raises(UntrustedSignerError, match=dakar.office.fingerprint):
        import_file(paris, path, trust=False)
    import_backups = [b for b in list_backups(paris.paths.backups_dir)
                      if b.trigger.startswith("before-import")]  # fmt: skip
    assert settled_hash(paris) == before and import_backups == []
    result = import_file(paris, path, trust=True)
    assert paris.get("city", city)["version"] == {dakar.office.uuid: 1}
    (office,) = known_offices(paris)
    assert (office.uuid, office.name, office.trusted) == (dakar.office.uuid, "Dakar", True)
    assert office.knowledge == {dakar.office.uuid: 1}
    assert result.backup_path is not None and result.backup_path.exists()
    (entry,) = exchange_log(paris)
    assert (entry.direction, entry.backup_path) == ("import", str(result.backup_path))
    # Trusted from now on: the next bundle needs no --trust.
    dakar.update("city", city, {"notes": "second"})
    import_file(paris, export(dakar, stick), trust=False)
    assert paris.get("city", city)["notes"] == "second"


def test_importing_the_same_bundle_again_changes_nothing(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    dakar.add("city", city_values())
    path = export(dakar, stick)
    import_file(paris, path)
    before = settled_hash(paris)
    backups = list(paris.paths.backups_dir.iterdir())
    result = import_file(paris, path)
    assert result.nothing_new and result.backup_path is None
    assert settled_hash(paris) == before and list(paris.paths.backups_dir.iterdir()) == backups


def test_an_old_bundle_cannot_bring_a_deleted_record_back(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values())
    old = export(dakar, stick)
    dakar.delete("city", city)
    send(dakar, paris, stick)
    import_file(paris, old)
    assert paris.get("city", city)["deleted"] is True
    assert paris.count("city") == 0


def test_an_edit_concurrent_with_a_delete_is_a_conflict_kept_in_sight(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values())
    send(dakar, paris, stick)
    paris.update("city", city, {"notes": "edited in Paris"})
    dakar.delete("city", city)
    send(dakar, paris, stick)
    send(paris, dakar, stick)
    for office in (dakar, paris):
        shown = office.get("city", city)
        assert (shown["deleted"], shown["notes"]) == (False, "edited in Paris")
        (side,) = office.conflict_versions("city", city)
        assert side["deleted"] is True
        assert office.count("city", RecordQuery(needs_review=True)) == 1
    assert state(dakar) == state(paris)
    history = {(h.origin, h.action) for h in paris.history("city", city)}
    assert ("bundle", "received") in history  # the deletion as Dakar sent it


def test_a_conflict_resolved_in_one_office_settles_everywhere(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values())
    send(dakar, paris, stick)
    dakar.update("city", city, {"notes": "Dakar"})
    paris.update("city", city, {"notes": "Paris"})
    send(dakar, paris, stick)
    paris.resolve_conflict("city", city, {"notes": "Dakar and Paris"})
    send(paris, dakar, stick)
    for office in (dakar, paris):
        assert office.get("city", city)["notes"] == "Dakar and Paris"
        assert office.conflict_versions("city", city) == []
    assert state(dakar) == state(paris)


def test_a_merge_travels_and_redirects_links(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    keep = dakar.add("city", city_values(name="Łódź", country_code="PL"))
    send(dakar, paris, stick)
    twin = paris.add("city", city_values(name="Lodz", country_code="PL", creative_field="Music"))
    conference = paris.add("conference", {"year": 2024, "host_city_uuids": [twin]})
    send(paris, dakar, stick)
    dakar.merge_records("city", keep, twin)
    project = paris.add("project", {"title": "Made before the merge arrived",
                                    "status": "Planned", "city_uuids": [twin]})  # fmt: skip
    send(dakar, paris, stick)
    assert paris.get("conference", conference)["host_city_uuids"] == [keep]
    assert paris.get("project", project)["city_uuids"] == [keep]
    assert paris.get("city", twin)["deleted"] is True
    send(paris, dakar, stick)
    assert dakar.get("project", project)["city_uuids"] == [keep]
    assert state(dakar) == state(paris)


def test_a_renamed_city_renames_what_links_to_it(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values(name="Bombay", country_code="IN"))
    dakar.add("conference", {"year": 2024, "host_city_uuids": [city]})
    send(dakar, paris, stick)
    dakar.update("city", city, {"name": "Mumbai"})
    send(dakar, paris, stick)
    (conference_id,) = paris.ids("conference", RecordQuery(text="mumbai"))
    assert paris.label("conference", paris.uuid_of("conference", conference_id)) == "2024 Mumbai"


def test_a_plan_made_before_a_local_edit_is_made_again(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values())
    send(dakar, paris, stick)
    dakar.update("city", city, {"notes": "Dakar"})
    plan = make_plan(paris, read_bundle(export(dakar, stick)))
    paris.update("city", city, {"notes": "Paris, while the preview was open"})
    apply_plan(paris, plan)
    assert {side["notes"] for side in paris.conflict_versions("city", city)} | {
        paris.get("city", city)["notes"]
    } == {"Dakar", "Paris, while the preview was open"}


def test_cancelling_an_import_changes_nothing(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    dakar.add("city", city_values())
    plan = make_plan(paris, read_bundle(export(dakar, stick)))
    before = settled_hash(paris)
    with pytest.raises(ExchangeCancelled):
        apply_plan(paris, plan, trust=True, cancel=lambda: True)
    assert settled_hash(paris) == before
    assert paris.count("city") == 0 and known_offices(paris) == []
