"""Reference updates: a catalogue made by the first release takes the newer reference data
with nothing it typed lost or silently overridden."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.starter import REFERENCE_RELEASE, STARTER_OFFICE_UUID
from ccn_desktop.exchange import reference
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.reference import (
    ReferenceError,
    apply_update,
    catalogue_release,
    plan_update,
    update_available,
)
from ccn_desktop.exchange.verify import parse_bundle
from ccn_desktop.paths import DataPaths
from tests.exchange.exchanging import send, state

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "offices"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def office_copy(name: str, tmp_path: Path) -> DataPaths:
    """A copy of an office's data folder as the first release (reference release 1) left it."""
    folder = tmp_path / name
    shutil.copytree(FIXTURES / f"release-1-{name}", folder)
    return DataPaths.in_folder(folder)


def city_uuid(catalogue: Catalogue, text: str, field: str, *, deleted: bool = False) -> str:
    query = RecordQuery(text=text, deleted=deleted)
    for record_id in catalogue.ids("city", query):
        uuid = catalogue.uuid_of("city", record_id)
        if catalogue.get("city", uuid)["creative_field"] == field:
            return uuid
    raise LookupError(text)


def test_a_new_office_holds_the_current_release_and_is_offered_nothing(
    catalogue: Catalogue,
) -> None:
    assert catalogue_release(catalogue) == REFERENCE_RELEASE
    assert not update_available(catalogue)
    file = catalogue.paths.catalogue_file
    before = file_hash(file)
    update = plan_update(catalogue)
    assert update.nothing_new
    assert "nothing new" in update.summary()
    apply_update(catalogue, update)
    assert file_hash(file) == before


def test_a_first_release_catalogue_takes_the_update_with_nothing_lost(tmp_path: Path) -> None:
    paths = office_copy("dakar", tmp_path)
    with Catalogue.open(paths) as dakar:
        assert catalogue_release(dakar) == 1 and update_available(dakar)
        assert dakar.count("city") == 404  # 405 of release 1, Kashan deleted
        sarajevo = city_uuid(dakar, "sarajevo", "Film")
        lodz = city_uuid(dakar, "lodz", "Film")
        kashan = city_uuid(dakar, "kashan", "Architecture", deleted=True)
        pending_before = dakar.conflict_versions("city", lodz)
        before = file_hash(paths.catalogue_file)

        update = plan_update(dakar)
        assert update.new("city") == 1
        assert [change.uuid for change in update.kept_deleted] == [kashan]
        assert "1 new city" in update.headline() and "4 conference dates" in update.headline()
        assert file_hash(paths.catalogue_file) == before  # planning writes nothing

        result = apply_update(dakar, update)
        assert result.backup_path is not None and result.backup_path.exists()

        assert catalogue_release(dakar) == REFERENCE_RELEASE and not update_available(dakar)
        assert dakar.count("city") == 405  # Hebron arrived; Kashan did not come back
        (hebron,) = dakar.ids("city", RecordQuery(text="hebron"))
        assert dakar.get("city", dakar.uuid_of("city", hebron))["latitude"] is not None
        assert dakar.get("city", kashan)["deleted"] is True
        history = dakar.history("city", kashan)
        assert history[0].action == "delete" and history[0].origin == "reference-2"
        # The edited text stays what Dakar typed, and the coordinates arrive beside it:
        # different fields merge without a review.
        assert dakar.get("city", sarajevo)["description"] == "Home of the Sarajevo Film Festival."
        assert dakar.get("city", sarajevo)["latitude"] == pytest.approx(43.84864)
        assert dakar.conflicting_fields("city", sarajevo) == []
        assert "notes" in dakar.conflicting_fields("city", lodz)  # a true disagreement waits
        # The conflict that was pending still is, with Nairobi's side kept.
        pending_after = dakar.conflict_versions("city", lodz)
        assert {side["notes"] for side in pending_before} <= {
            side["notes"] for side in pending_after
        } | {dakar.get("city", lodz)["notes"]}
        assert dakar.get("city", lodz)["notes"] in {
            "Festival dates to confirm (Dakar).",
            "Focal point moved to the film school (Nairobi).",
        }
        # Untouched cities are located; conferences dated.
        (krakow,) = dakar.ids("city", RecordQuery(text="krakow"))
        assert dakar.get("city", dakar.uuid_of("city", krakow))["latitude"] == pytest.approx(
            50.06143
        )
        entries = dakar.history("city", dakar.uuid_of("city", krakow))
        assert entries[0].origin == "reference-2"

        after = file_hash(paths.catalogue_file)
        second = plan_update(dakar)  # a second run: nothing new, not a byte changed
        assert second.nothing_new
        apply_update(dakar, second)
        assert file_hash(paths.catalogue_file) == after


def test_dry_run_and_second_run_change_nothing_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ccn_desktop.cli import main

    paths = office_copy("dakar", tmp_path)
    Catalogue.open(paths).close()  # the copy's schema is upgraded once, on first opening
    data = str(paths.data_dir)
    before = file_hash(paths.catalogue_file)
    assert main(["--data-dir", data, "update-reference", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 new city" in out and "1 kept deleted" in out and "Dry run" in out
    assert file_hash(paths.catalogue_file) == before
    assert main(["--data-dir", data, "update-reference"]) == 0
    assert "backup made before" in capsys.readouterr().out
    after = file_hash(paths.catalogue_file)
    assert after != before
    assert main(["--data-dir", data, "update-reference"]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert file_hash(paths.catalogue_file) == after
    assert main(["--data-dir", data, "info"]) == 0
    assert f"release {REFERENCE_RELEASE} (this program ships" in capsys.readouterr().out


def test_two_offices_that_both_update_then_exchange_converge(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with (
        Catalogue.open(office_copy("dakar", tmp_path)) as dakar,
        Catalogue.open(office_copy("nairobi", tmp_path)) as nairobi,
    ):
        for office in (dakar, nairobi):
            apply_update(office, plan_update(office))
        for _ in range(2):
            send(dakar, nairobi, stick)
            send(nairobi, dakar, stick)
        assert state(dakar) == state(nairobi)
        kashan = city_uuid(nairobi, "kashan", "Architecture", deleted=True)
        assert nairobi.get("city", kashan)["deleted"] is True  # Dakar's deletion travelled


def test_a_catalogue_with_a_newer_release_is_told_so_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = office_copy("dakar", tmp_path)
    Catalogue.open(paths).close()  # the copy's schema is upgraded once, on first opening
    with Catalogue.open(paths) as dakar:
        before = file_hash(paths.catalogue_file)
        monkeypatch.setattr(reference, "REFERENCE_RELEASE", 0)
        newer = r"release 1 .* newer than this program.s release 0"
        with pytest.raises(ReferenceError, match=newer):
            plan_update(dakar)
    assert file_hash(paths.catalogue_file) == before


def test_a_damaged_reference_file_is_named(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "starter.ccnbundle.json"
    broken.write_text('{"manifest": {', encoding="utf-8")
    monkeypatch.setattr(reference, "resource_path", lambda name: broken)
    before = file_hash(catalogue.paths.catalogue_file)
    with pytest.raises(ReferenceError, match=r"starter\.ccnbundle\.json\) is damaged"):
        plan_update(catalogue)
    assert file_hash(catalogue.paths.catalogue_file) == before


def test_no_bundle_can_pose_as_the_reference(tmp_path: Path) -> None:
    from ccn_desktop.exchange.export import export_bundle

    with Catalogue.open(DataPaths.in_folder(tmp_path / "forger")) as forger:
        path = export_bundle(forger, tmp_path).path
    document = json.loads(path.read_text(encoding="utf-8"))
    document["manifest"]["office"]["uuid"] = STARTER_OFFICE_UUID
    with pytest.raises(BundleError, match="reference data"):
        parse_bundle(json.dumps(document).encode())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["manifest"]["knowledge"][STARTER_OFFICE_UUID] = REFERENCE_RELEASE + 1
    with pytest.raises(BundleError, match=f"release {REFERENCE_RELEASE + 1} of the network"):
        parse_bundle(json.dumps(document).encode())


def test_the_summary_names_every_kind(tmp_path: Path) -> None:
    with Catalogue.open(office_copy("dakar", tmp_path)) as dakar:
        text = plan_update(dakar).summary()
    for word in ("new", "updated", "unchanged", "to review", "kept deleted"):
        assert word in text
