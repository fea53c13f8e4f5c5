"""A bundle's knowledge is a claim: a wrong one must neither stop exports nor open a gap.

Defect 3: a trusted bundle claiming this office's counter far beyond its own was taken
(with a "restored from an older copy" warning), the counter jumped, and every export
after it was refused. Defect 4: a claim with no records behind it made the next "for
office" bundle to the sender empty, so the sender never got the edits. Now a claim about
this office beyond what it has made is refused naming the sender, and knowledge is taken
only as far as the bundle's own versions prove it. The property at the end lets one
peer lie at random and checks, with an oracle of its own, that no edit of an honest
office is kept from the other.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.identity import load_private_key
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.format import MAX_COUNTER
from ccn_desktop.exchange.offices import known_offices
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.paths import DataPaths
from tests.exchange.bundles import resign, write
from tests.exchange.exchanging import export, import_file
from tests.exchange.test_plan import settled_hash
from tests.exchange.test_properties import FAST_TMP, examples
from tests.helpers import city_values


def counter_of(office: Catalogue) -> int:
    """The highest counter `office` has used (its own edits)."""
    from sqlalchemy import select

    from ccn_desktop.catalogue.models import Office

    with office.session() as session:
        return session.scalars(select(Office)).one().counter


def lie(office: Catalogue, path: Path, claims: dict[str, int]) -> Path:
    """The bundle at `path`, with its manifest's knowledge changed as `claims` says and
    signed again by the office that made it (a trusted office whose catalogue is wrong).
    A counter beyond 2^53 has no RFC 8785 form: that lie is told in format 1."""
    document = json.loads(path.read_bytes())
    document["manifest"]["knowledge"].update(claims)
    if max(claims.values()) > MAX_COUNTER:
        document["manifest"]["format_version"] = 1
    signed = resign(document, load_private_key(office.paths.keys_dir))
    return write(path.with_name("lie-" + path.name), signed)


@pytest.fixture
def three(tmp_path: Path) -> Iterator[list[Catalogue]]:
    opened = [
        Catalogue.open(DataPaths.in_folder(tmp_path / name), office_name=name, starter=False)
        for name in ("Paris", "Nairobi", "Dakar")
    ]
    (tmp_path / "stick").mkdir()
    yield opened
    for catalogue in opened:
        catalogue.close()


def test_a_claim_beyond_this_offices_counter_is_refused_naming_the_sender(
    three: list[Catalogue], tmp_path: Path
) -> None:
    paris, nairobi, _dakar = three
    stick = tmp_path / "stick"
    paris.add("city", city_values(name="Paris"))
    import_file(nairobi, export(paris, stick))
    import_file(paris, export(nairobi, stick))  # Nairobi is trusted in Paris
    honest = export(nairobi, stick)
    for claim in (counter_of(paris) + 1, 2**53 - 1, 2**62):
        before = settled_hash(paris)
        wrong = lie(nairobi, honest, {paris.office.uuid: claim})
        with pytest.raises(BundleError) as caught:
            import_file(paris, wrong)
        message = str(caught.value)
        assert "\n" not in message
        if claim <= MAX_COUNTER:
            assert '"Nairobi"' in message and "this office" in message, message
        else:
            assert f"manifest.knowledge.{paris.office.uuid}" in message
        assert settled_hash(paris) == before
    # Exports still work everywhere, and Paris's counter did not move.
    assert counter_of(paris) == 1
    import_file(nairobi, export(paris, stick, for_office=nairobi.office.uuid))
    paris.update("city", paris.uuid_of("city", 1), {"notes": "after the lie"})
    import_file(nairobi, export(paris, stick, for_office=nairobi.office.uuid))
    assert nairobi.get("city", paris.uuid_of("city", 1))["notes"] == "after the lie"


def test_a_claim_with_no_records_behind_it_does_not_empty_the_next_bundle(
    three: list[Catalogue], tmp_path: Path
) -> None:
    """Nairobi claims to know all of Paris and all of Dakar, holding none of it."""
    paris, nairobi, dakar = three
    stick = tmp_path / "stick"
    for number in range(3):
        paris.add("city", city_values(name=f"Paris {number}"))
        dakar.add("city", city_values(name=f"Dakar {number}", country_code="SN"))
    import_file(paris, export(dakar, stick))  # Paris holds Dakar's three cities
    import_file(nairobi, export(dakar, stick))
    import_file(dakar, export(nairobi, stick))
    nairobi.add("city", city_values(name="Nairobi", country_code="KE"))
    claims = {paris.office.uuid: counter_of(paris), dakar.office.uuid: 10**6}
    import_file(paris, lie(nairobi, export(nairobi, stick), claims))
    # Paris's view of Nairobi: only what Nairobi's bundle proves.
    view = next(office for office in known_offices(paris) if office.uuid == nairobi.office.uuid)
    assert view.knowledge.get(paris.office.uuid, 0) == 0
    assert view.knowledge[dakar.office.uuid] == 3  # Dakar's three cities, which it holds
    # Paris's own knowledge of Dakar did not grow past what Paris holds.
    for_nairobi = read_bundle(export(paris, stick, for_office=nairobi.office.uuid))
    assert for_nairobi.manifest.knowledge[dakar.office.uuid] == 3
    assert {record["name"] for record in for_nairobi.payload["cities"]} >= {
        "Paris 0", "Paris 1", "Paris 2"
    }  # fmt: skip
    import_file(nairobi, export(paris, stick, for_office=nairobi.office.uuid))
    assert nairobi.count("city") == 7


# -- the property: one lying peer ----------------------------------------------------------

HONEST = ("A", "B")
LIAR = "L"
NAMES = (*HONEST, LIAR)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lying-templates")
    for name in NAMES:
        Catalogue.open(DataPaths.in_folder(root / name), office_name=name, starter=False).close()
    return root


@contextlib.contextmanager
def world(templates: Path) -> Iterator[dict[str, Catalogue]]:
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder:
        opened: dict[str, Catalogue] = {}
        try:
            for name in NAMES:
                shutil.copytree(templates / name, Path(folder) / name)
                opened[name] = Catalogue.open(DataPaths.in_folder(Path(folder) / name))
            (Path(folder) / "stick").mkdir()
            yield opened
        finally:
            for catalogue in opened.values():
                catalogue.close()


office_name = st.sampled_from(NAMES)
ACTIONS = st.one_of(
    st.tuples(st.just("add"), office_name),
    st.tuples(st.just("edit"), office_name, st.integers(0, 100)),
    st.tuples(st.just("send"), office_name, office_name, st.booleans(), st.booleans()),
    st.tuples(
        st.just("lie"),
        st.sampled_from(HONEST),
        st.booleans(),
        st.dictionaries(office_name, st.integers(0, 50), min_size=1),
    ),
)


def for_office_if_known(source: Catalogue, target: Catalogue) -> str | None:
    known = {office.uuid for office in known_offices(source)}
    return target.office.uuid if target.office.uuid in known else None


def city_notes(office: Catalogue) -> dict[str, str]:
    ids = office.ids("city", RecordQuery())
    return {office.uuid_of("city", i): office.get("city", office.uuid_of("city", i))["notes"]
            for i in ids}  # fmt: skip


@settings(
    max_examples=examples(6),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(ACTIONS, min_size=6, max_size=24))
def test_one_lying_peer_never_keeps_an_edit_from_an_honest_office(
    templates: Path, actions: list[tuple[Any, ...]]
) -> None:
    """A and B edit and exchange (bundles lost at random, "for office" where they can); L
    is trusted by both and exchanges too, but its knowledge claims are wrong at random. The
    oracle is what the test made: each honest office's last note on each city. After two
    lossless "for office" rounds between A and B, each holds every city A or B made, with
    the note last written by the office that wrote last — whatever L said."""
    with world(templates) as offices:
        stick = offices["A"].paths.data_dir.parent / "stick"
        made: dict[str, tuple[int, str, str]] = {}  # uuid -> (step, office, note) of A's and B's
        for step, action in enumerate(actions):
            kind, name, *rest = action
            office = offices[name]
            if kind == "add":
                uuid = office.add("city", city_values(name=f"{name} {step}", notes=f"{name}{step}"))
                if name in HONEST:
                    made[uuid] = (step, name, f"{name}{step}")
            elif kind == "edit":
                held = list(city_notes(office))
                if held:
                    uuid = held[rest[0] % len(held)]
                    office.update("city", uuid, {"notes": f"{name}{step}"})
                    if name in HONEST:
                        made[uuid] = (step, name, f"{name}{step}")
            elif kind == "send":
                target_name, incremental, lost = rest
                if target_name == name:
                    continue
                target = offices[target_name]
                for_office = for_office_if_known(office, target) if incremental else None
                path = export(office, stick, for_office=for_office)
                if not lost:
                    import_file(target, path)
            else:  # L sends a bundle whose knowledge is wrong
                target = offices[name]
                incremental, inflation = rest
                liar = offices[LIAR]
                for_office = for_office_if_known(liar, target) if incremental else None
                honest = read_bundle(export(liar, stick, for_office=for_office))
                claims = {
                    offices[who].office.uuid: honest.manifest.knowledge.get(
                        offices[who].office.uuid, 0
                    ) + extra
                    for who, extra in inflation.items()
                    if extra
                }  # fmt: skip
                if not claims:
                    continue
                before = settled_hash(target)
                try:
                    import_file(target, lie(liar, honest.path, claims))
                    event("a lie taken, as far as the bundle proves it")
                except BundleError as exc:  # a claim about the target beyond its counter
                    assert "this office" in str(exc)
                    assert settled_hash(target) == before
                    event("a lie refused: more changes of the receiver than it made")
        a, b = offices["A"], offices["B"]
        for source, target in ((a, b), (b, a), (a, b)):
            import_file(
                target, export(source, stick, for_office=for_office_if_known(source, target))
            )
        held_a, held_b = city_notes(a), city_notes(b)
        for uuid in made:
            assert uuid in held_a and uuid in held_b, f"{uuid} kept from an honest office"
        assert held_a == held_b
        # The last honest note survives where no one wrote after it (L may have edited).
        for uuid, (step, who, note) in made.items():
            later_by_liar = any(
                action[0] == "edit" and action[1] == LIAR and index > step
                for index, action in enumerate(actions)
            )
            if not later_by_liar:
                assert held_a[uuid] == note or a.conflict_versions("city", uuid), (uuid, who)
