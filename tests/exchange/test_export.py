"""Export: full and for one office, relayed changes, and a file that is whole or absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange import export as export_module
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.exchange.export import ExportError, bundle_file_name, export_bundle
from ccn_desktop.exchange.offices import exchange_log
from ccn_desktop.exchange.verify import read_bundle
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import export, import_file, send
from tests.helpers import city_values


def uuids(path: Path, section: str) -> set[str]:
    return {record["uuid"] for record in read_bundle(path).payload[section]}


def test_a_full_export_holds_every_version_as_the_catalogue_shows_it(
    make_office: MakeOffice, stick: Path
) -> None:
    office = make_office("Dakar")
    city = office.add("city", city_values(name="Dakar", country_code="SN", objectives=["a", "b"]))
    gone = office.add("city", city_values(name="Gone"))
    office.delete("city", gone)
    conference = office.add("conference", {"year": 2025, "host_city_uuids": [city],
                                           "start_date": "2025-05-02"})  # fmt: skip
    path = export(office, stick)
    bundle = read_bundle(path)
    assert bundle.manifest.scope == "full" and bundle.manifest.for_office is None
    assert bundle.manifest.knowledge == {office.office.uuid: 4}
    shown = {version.record["uuid"]: {k: v for k, v in version.record.items() if k != "entity"}
             for version in bundle.versions()}  # fmt: skip
    for entity, uuid in (("city", city), ("city", gone), ("conference", conference)):
        assert shown[uuid] == office.get(entity, uuid)
    assert uuids(path, "tombstones") == {gone}
    assert bundle.payload["links"] == [
        {"type": "conference_host", "from": conference, "to": city, "position": 0}
    ]


def test_for_an_office_only_what_it_lacks_including_relayed_changes(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris, lima = make_office("Dakar"), make_office("Paris"), make_office("Lima")
    from_dakar = dakar.add("city", city_values(name="Dakar", country_code="SN"))
    send(dakar, paris, stick)
    from_lima = lima.add("city", city_values(name="Lima", country_code="PE"))
    send(lima, paris, stick)
    send(paris, dakar, stick)
    send(paris, lima, stick)  # Lima now holds Dakar's city, relayed by Paris
    assert lima.get("city", from_dakar)["name"] == "Dakar"
    # Paris judges by Lima's last bundle, which did not have Dakar's city yet: sent again.
    assert uuids(export(paris, stick, for_office=lima.office.uuid), "cities") == {from_dakar}
    send(lima, paris, stick, incremental=True)
    assert read_bundle(export(paris, stick, for_office=lima.office.uuid)).counts["cities"] == 0
    paris.update("city", from_lima, {"notes": "seen in Paris"})
    path = export(paris, stick, for_office=lima.office.uuid)
    assert uuids(path, "cities") == {from_lima}
    assert read_bundle(path).manifest.for_office == lima.office.uuid


def test_a_lost_bundle_leaves_no_gap(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    send(paris, dakar, stick)  # Dakar learns what Paris holds (nothing)
    first = dakar.add("city", city_values(name="First"))
    export(dakar, stick, for_office=paris.office.uuid)  # lost on the way
    second = dakar.add("city", city_values(name="Second"))
    path = export(dakar, stick, for_office=paris.office.uuid)
    assert uuids(path, "cities") == {first, second}
    import_file(paris, path)
    send(paris, dakar, stick)
    assert read_bundle(export(dakar, stick, for_office=paris.office.uuid)).counts["cities"] == 0


def test_an_export_for_an_unknown_office_is_refused(make_office: MakeOffice, stick: Path) -> None:
    dakar = make_office("Dakar")
    with pytest.raises(ExportError, match="export everything instead"):
        export(dakar, stick, for_office="7e7e7e7e-1111-4222-8333-444455556666")
    assert list(stick.iterdir()) == []


def test_writing_leaves_no_partial_file_when_the_disk_fails(
    make_office: MakeOffice, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dakar = make_office("Dakar")
    dakar.add("city", city_values())

    def full_disk(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module.os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left on device"):
        export(dakar, stick)
    assert list(stick.iterdir()) == []
    assert exchange_log(dakar) == []


def test_a_file_that_does_not_read_back_is_removed(
    make_office: MakeOffice, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dakar = make_office("Dakar")
    real_replace = os.replace

    def stick_pulled_out(source: Path, target: Path) -> None:
        real_replace(source, target)
        with open(target, "r+b") as handle:  # what reached the device: half of it
            handle.truncate(Path(target).stat().st_size // 2)

    monkeypatch.setattr(export_module.os, "replace", stick_pulled_out)
    with pytest.raises(ExportError, match="did not read back intact"):
        export(dakar, stick)
    assert list(stick.iterdir()) == []


def test_progress_and_cancel(make_office: MakeOffice, stick: Path) -> None:
    dakar = make_office("Dakar")
    dakar.add("city", city_values())
    seen: list[str] = []
    result = export_bundle(dakar, stick, progress=lambda what, done, total: seen.append(what))
    assert "Reading cities" in seen and "Writing" in seen and seen[-1].startswith("Checking")
    result.path.unlink()
    with pytest.raises(ExchangeCancelled):
        export_bundle(dakar, stick, cancel=lambda: True)
    assert list(stick.iterdir()) == []


def test_each_export_is_logged(make_office: MakeOffice, stick: Path) -> None:
    dakar = make_office("Dakar")
    path = export(dakar, stick)
    (entry,) = exchange_log(dakar)
    assert (entry.direction, entry.file_name, entry.scope) == ("export", str(path), "full")
    assert entry.bundle_uuid == read_bundle(path).bundle_uuid


def test_file_names_say_who_when_and_for_whom() -> None:
    import datetime as dt

    when = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    name = bundle_file_name("Bureau de Dakar", when, "Région Île-de-France")
    assert name == "bureau-de-dakar-20261123-093000-for-region-ile-de-france.ccnbundle.json"


def test_two_bundles_in_the_same_second_are_two_files(make_office: MakeOffice, stick: Path) -> None:
    dakar = make_office("Dakar")
    paths = {export(dakar, stick) for _ in range(3)}
    assert len(paths) == 3 and all(path.exists() for path in paths)


def test_export_to_a_named_file(make_office: MakeOffice, tmp_path: Path) -> None:
    dakar: Catalogue = make_office("Dakar")
    target = tmp_path / "monthly.ccnbundle.json"
    assert export_bundle(dakar, target).path == target
    with pytest.raises(ExportError, match="already exists"):
        export_bundle(dakar, target)
    assert export_bundle(dakar, target, overwrite=True).path == target
    with pytest.raises(ExportError, match="does not exist"):
        export_bundle(dakar, tmp_path / "missing" / "x.ccnbundle.json")
