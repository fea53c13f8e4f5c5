"""The three properties of the exchange (hypothesis).

1. Export then import into a fresh catalogue reproduces every record, link,
   tombstone, conflict and alias.
2. Three offices edit, add, delete, resolve and merge at random, and exchange
   bundles at random — lost, delivered twice, delivered late, relayed, full and
   "for office" mixed. After a final round in which every office has seen every
   change, the three catalogues are identical, and each record's versions are
   exactly the versions made anywhere that no later version includes: every edit
   is a current value, a conflict's pending side, or was knowingly replaced.
3. Mutated valid bundles never raise anything but a refusal, and a refused
   bundle leaves the catalogue file byte for byte as it was.

The example counts of the default run are small to keep the suite fast; set
CCN_PROPERTY_EXAMPLES for a longer run (docs/bundle-format.md has the figures).
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.aliases import alias_map, resolve_list
from ccn_desktop.catalogue.canonical import canonical_bytes
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import CatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.identity import load_private_key
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.exchange.errors import BundleError, UntrustedSignerError
from ccn_desktop.paths import DataPaths
from tests.exchange.bundles import resign
from tests.exchange.exchanging import export, import_file, knows, state
from tests.exchange.test_plan import settled_hash
from tests.helpers import city_values

EXAMPLES = int(os.environ.get("CCN_PROPERTY_EXAMPLES", "0"))
# Example counts by run: a developer's `pytest` (quick), CI (`.ci/run` sets
# CCN_PROPERTY_PROFILE=ci) and the long `slow` run (docs/exchange.md).
PROFILE = os.environ.get("CCN_PROPERTY_PROFILE", "dev")
PROFILES = {"dev": 1, "ci": 6.25, "slow": 50}  # times the developer's counts
OFFICES = ("A", "B", "C", "D")


def examples(default: int) -> int:
    """`default` examples in a developer's run; 50 and more for convergence and 500 and
    more for mutated bundles in CI; many more in the slow run."""
    return EXAMPLES or max(1, round(default * PROFILES.get(PROFILE, 1)))


def _includes(a: dict[str, int], b: dict[str, int]) -> bool:
    """The oracle's dominance: `a` has every edit `b` has. Written here, not imported
    from the code under test, so that a broken rule there cannot agree with itself."""
    return all(a.get(office, 0) >= counter for office, counter in b.items())


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four empty offices made once; each example works on fresh copies."""
    root = tmp_path_factory.mktemp("office-templates")
    for name in OFFICES:
        Catalogue.open(DataPaths.in_folder(root / name), office_name=name, starter=False).close()
    return root


# fsync is the slowest part of an exchange on a virtual disk; a memory file system keeps
# the files real and the examples fast.
FAST_TMP = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


@contextlib.contextmanager
def offices(templates: Path, names: tuple[str, ...] = OFFICES) -> Iterator[list[Catalogue]]:
    with tempfile.TemporaryDirectory(dir=FAST_TMP) as folder:
        opened = []
        try:
            for name in names:
                shutil.copytree(templates / name, Path(folder) / name)
                opened.append(Catalogue.open(DataPaths.in_folder(Path(folder) / name)))
            (Path(folder) / "stick").mkdir()
            yield opened
        finally:
            for catalogue in opened:
                catalogue.close()


def stick_of(catalogue: Catalogue) -> Path:
    return catalogue.paths.data_dir.parent / "stick"


# -- a random life of three offices ------------------------------------------------------

office_index = st.integers(0, 2)
pick = st.integers(0, 1_000)
ACTIONS = st.one_of(
    st.tuples(st.just("add_city"), office_index, st.integers(0, 4)),
    st.tuples(st.just("add_conference"), office_index, pick, pick),
    st.tuples(st.just("add_project"), office_index, pick),
    st.tuples(st.just("edit"), office_index, pick),
    st.tuples(st.just("edit"), office_index, pick),
    st.tuples(st.just("edit_links"), office_index, pick, pick),
    st.tuples(st.just("delete"), office_index, pick),
    st.tuples(st.just("restore"), office_index, pick),
    st.tuples(st.just("resolve"), office_index, pick, pick),
    st.tuples(st.just("merge"), office_index, pick, pick),
    st.tuples(st.just("send"), office_index, office_index, st.booleans(),
              st.sampled_from(["deliver", "deliver", "lose", "twice", "later"])),
    st.tuples(st.just("send"), office_index, office_index, st.booleans(),
              st.sampled_from(["deliver", "deliver", "lose", "twice", "later"])),
    st.tuples(st.just("deliver_late"), pick),
)  # fmt: skip


@dataclass
class World:
    offices: list[Catalogue]
    made: dict[tuple[str, str], dict[tuple[tuple[str, int], ...], dict[str, Any]]] = field(
        default_factory=dict
    )  # every version made anywhere, by record and vector
    late: list[tuple[int, Path]] = field(default_factory=list)
    edits: int = 0

    def remember(self, office: Catalogue, entity: str, *uuids: str) -> None:
        for snapshot in office.get_many(entity, list(uuids)):
            key = tuple(sorted(snapshot["version"].items()))
            self.made.setdefault((entity, snapshot["uuid"]), {})[key] = snapshot


def records(office: Catalogue, entity: str, **query: Any) -> list[str]:
    return [
        office.uuid_of(entity, record_id) for record_id in office.ids(entity, RecordQuery(**query))
    ]


def chosen(items: list[str], index: int) -> str | None:
    return items[index % len(items)] if items else None


def every_record(office: Catalogue, deleted: bool) -> list[tuple[str, str]]:
    return [
        (entity, uuid) for entity in ENTITIES for uuid in records(office, entity, deleted=deleted)
    ]


def act(world: World, action: tuple[Any, ...]) -> None:
    kind, *args = action
    if kind == "deliver_late":
        if world.late:
            target, path = world.late.pop(args[0] % len(world.late))
            import_file(world.offices[target], path)
        return
    if kind == "send":
        source, target, incremental, fate = args
        if source == target:
            return
        origin, destination = world.offices[source], world.offices[target]
        for_office = destination.office.uuid if incremental and knows(origin, destination) else None
        path = export(origin, stick_of(origin), for_office=for_office)
        if fate == "later":
            world.late.append((target, path))
        for _ in range({"deliver": 1, "twice": 2}.get(fate, 0)):
            import_file(destination, path)
        return
    office = world.offices[args[0]]
    world.edits += 1
    note = f"{office.office.name} edit {world.edits}"
    try:
        if kind == "add_city":
            uuid = office.add("city", city_values(name=f"City {args[1]}", notes=note))
            world.remember(office, "city", uuid)
        elif kind == "add_conference":
            hosts = [h for h in (chosen(records(office, "city"), i) for i in args[1:]) if h]
            values = {"year": 2020 + args[1] % 5, "venue": "Somewhere", "notes": note,
                      "host_city_uuids": list(dict.fromkeys(hosts))}  # fmt: skip
            world.remember(office, "conference", office.add("conference", values))
        elif kind == "add_project":
            city = chosen(records(office, "city"), args[1])
            values = {"title": f"Project {args[1] % 4}", "status": "Planned", "notes": note,
                      "city_uuids": [city] if city else []}  # fmt: skip
            world.remember(office, "project", office.add("project", values))
        elif kind == "edit":
            target = chosen([f"{e}/{u}" for e, u in every_record(office, False)], args[1])
            if target:
                entity, uuid = target.split("/")
                office.update(entity, uuid, {"notes": note})
                world.remember(office, entity, uuid)
        elif kind == "edit_links":
            conference = chosen(records(office, "conference"), args[1])
            city = chosen(records(office, "city"), args[2])
            if conference and city:
                office.update("conference", conference, {"host_city_uuids": [city]})
                world.remember(office, "conference", conference)
        elif kind in ("delete", "restore"):
            target = chosen([f"{e}/{u}" for e, u in every_record(office, kind == "restore")],
                            args[1])  # fmt: skip
            if target:
                entity, uuid = target.split("/")
                getattr(office, kind)(entity, uuid)
                world.remember(office, entity, uuid)
        elif kind == "resolve":
            flagged = [f"{e}/{u}" for e in ENTITIES
                       for u in records(office, e, needs_review=True)]  # fmt: skip
            flagged += [f"{e}/{u}" for e in ENTITIES
                        for u in records(office, e, needs_review=True, deleted=True)]  # fmt: skip
            target = chosen(flagged, args[1])
            if target:
                entity, uuid = target.split("/")
                sides = [office.get(entity, uuid), *office.conflict_versions(entity, uuid)]
                side = sides[args[2] % len(sides)]
                values = {name: side[name] for name in ENTITIES[entity].field_names}
                office.resolve_conflict(entity, uuid, values, deleted=side["deleted"])
                world.remember(office, entity, uuid)
        elif kind == "merge":
            cities = records(office, "city")
            keep, merged = chosen(cities, args[1]), chosen(cities, args[2])
            if keep and merged and keep != merged:
                office.merge_records("city", keep, merged)
                world.remember(office, "city", keep, merged)
    except CatalogueError:
        pass  # refused like a form would refuse it (a duplicate city, say): nothing was made


def shared_start(world: World) -> None:
    """Office A's first records reach B and C, so that later edits can collide."""
    a = world.offices[0]
    for action in (("add_city", 0, 0), ("add_city", 0, 1), ("add_city", 0, 2),
                   ("add_conference", 0, 0, 1), ("add_project", 0, 2)):  # fmt: skip
        act(world, action)
    for target in (1, 2):
        import_file(world.offices[target], export(a, stick_of(a)))


def final_round(world: World) -> None:
    """Every office sees every change: A→B, B→C, C→A, A→B, B→C, "for office" where known."""
    for source, target in ((0, 1), (1, 2), (2, 0), (0, 1), (1, 2)):
        act(world, ("send", source, target, True, "deliver"))


def _statistics(final: dict[str, Any], world: World) -> None:
    """What the example exercised (pytest --hypothesis-show-statistics)."""
    sides = sum(len(r["sides"]) for e in ENTITIES for r in final[e].values())
    deleted = sum(r["shown"]["deleted"] for e in ENTITIES for r in final[e].values())
    event(f"records: {min(sum(len(final[e]) for e in ENTITIES), 10)}+")
    event(f"pending conflict sides: {min(sides, 3)}")
    event(f"deleted records: {min(deleted, 3)}")
    event(f"merges: {min(len(final['aliases']), 2)}")
    event(f"versions made: {min(sum(len(v) for v in world.made.values()) // 10 * 10, 50)}+")


def held(office: Catalogue, entity: str, uuid: str) -> list[dict[str, Any]]:
    return [office.get(entity, uuid), *office.conflict_versions(entity, uuid)]


def check_no_edit_lost(world: World) -> None:
    office = world.offices[0]
    with office.session() as session:
        cities = alias_map(session)
    for (entity, uuid), versions in world.made.items():
        maxima = {key for key, snapshot in versions.items()
                  if not any(_includes(other["version"], snapshot["version"]) and other_key != key
                             for other_key, other in versions.items())}  # fmt: skip
        kept = {tuple(sorted(side["version"].items())): side for side in held(office, entity, uuid)}
        assert set(kept) == maxima, f"{entity} {uuid}: versions held differ from those made"
        for key, side in kept.items():
            made = versions[key]
            for name in (*ENTITIES[entity].field_names, "deleted", "modified_at", "modified_by"):
                expected, found = made[name], side[name]
                if name in ("host_city_uuids", "city_uuids"):
                    expected, found = resolve_list(cities, expected), resolve_list(cities, found)
                assert found == expected, f"{entity} {uuid}.{name}: {found!r} != {expected!r}"
        for catalogue in world.offices:
            seen = {tuple(sorted(h.version.items())) for h in catalogue.history(entity, uuid)}
            assert maxima <= seen, f"{entity} {uuid}: a current version is missing from history"


@settings(max_examples=examples(8), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(st.lists(ACTIONS, min_size=10, max_size=30))
def test_three_offices_converge_and_lose_no_edit(
    templates: Path, actions: list[tuple[Any, ...]]
) -> None:
    with offices(templates, OFFICES[:3]) as three:
        world = World(three)
        shared_start(world)
        for action in actions:
            act(world, action)
        final_round(world)
        first = state(three[0])
        _statistics(first, world)
        assert state(three[1]) == first
        assert state(three[2]) == first
        check_no_edit_lost(world)


@settings(max_examples=examples(5), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(st.lists(ACTIONS, min_size=4, max_size=20))
def test_export_then_import_into_a_fresh_catalogue_reproduces_it(
    templates: Path, actions: list[tuple[Any, ...]]
) -> None:
    with offices(templates) as (a, b, c, fresh):
        world = World([a, b, c])
        shared_start(world)
        for action in actions:
            act(world, action)
        import_file(fresh, export(a, stick_of(a)))
        assert state(fresh) == state(a)


# -- mutated bundles -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(templates: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    """A valid bundle holding every section (records, links, a deletion, a conflict, a merge),
    and the folder of the office that signed it."""
    folder = tmp_path_factory.mktemp("mutation-source")
    for name in ("A", "B"):
        shutil.copytree(templates / name, folder / name)
    a = Catalogue.open(DataPaths.in_folder(folder / "A"))
    b = Catalogue.open(DataPaths.in_folder(folder / "B"))
    stick = folder / "stick"
    stick.mkdir()
    one = a.add("city", city_values(name="Łódź", country_code="PL"))
    two = a.add("city", city_values(name="Niš", country_code="RS"))
    gone = a.add("city", city_values(name="Gone"))
    a.add("conference", {"year": 2024, "host_city_uuids": [one, two]})
    a.add("project", {"title": "Film school", "status": "Planned", "city_uuids": [two]})
    import_file(b, export(a, stick))
    a.update("city", one, {"notes": "A"})
    b.update("city", one, {"notes": "B"})
    twin = b.add("city", city_values(name="Lodz", country_code="PL", creative_field="Music"))
    a.delete("city", gone)
    import_file(a, export(b, stick))
    a.merge_records("city", one, twin)
    path = export(a, stick)
    data = path.read_bytes()
    document = json.loads(data)
    for section in ("cities", "conferences", "projects", "tombstones", "conflicts", "links",
                    "aliases"):  # fmt: skip
        assert document["payload"][section], f"the sample bundle has no {section}"
    a.close()
    b.close()
    return data, folder / "A"


def leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    yield path, value


def replace(document: Any, path: tuple[Any, ...], value: Any) -> None:
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


ODD_VALUES = [None, True, 0, -1, 2**70, 1.5, 1e308, "", "x" * 30_000, "2026-13-45", [], {},
              [[[[]]]], {"entity": "festival"}, "00000000-0000-0000-0000-000000000000"]  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> tuple[bytes, bool]:
    """(mutated bytes, re-signed?) — raw damage, or a changed document, signed again or not."""
    kind = draw(st.sampled_from(["flip", "truncate", "swap", "retype", "drop", "add"]))
    if kind == "flip":
        position = draw(st.integers(0, len(data) - 1))
        mutated = bytearray(data)
        mutated[position] ^= 1 << draw(st.integers(0, 7))
        return bytes(mutated), False
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))], False
    document = json.loads(data)
    spots = [spot for spot in leaves(document) if spot[0]]
    path, _value = draw(st.sampled_from(spots))
    if kind == "swap":
        other, other_value = draw(st.sampled_from(spots))
        if other[: len(path)] != path and path[: len(other)] != other:
            first_value = copy.deepcopy(_value)
            replace(document, path, copy.deepcopy(other_value))
            replace(document, other, first_value)
    elif kind == "retype":
        replace(document, path, draw(st.sampled_from(ODD_VALUES)))
    elif kind == "drop" and isinstance(path[-1], str):
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    elif kind == "add":
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            parent["surprise"] = draw(st.sampled_from(ODD_VALUES))
    signed = draw(st.booleans())
    return canonical_bytes(document), signed


@settings(max_examples=examples(80), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(st.data())
def test_mutated_bundles_are_refused_cleanly_and_change_nothing(
    templates: Path, sample: tuple[bytes, Path], data: st.DataObject
) -> None:
    original, signer_folder = sample
    mutated, resigned = data.draw(mutations(original))
    if resigned:
        try:
            document = json.loads(mutated)
            key = load_private_key(DataPaths.in_folder(signer_folder).keys_dir)
            mutated = canonical_bytes(resign(document, key))
        except (ValueError, TypeError, KeyError, AttributeError):
            pass  # not a document that can be signed again: import it as it is
    unchanged_content = _same_document(mutated, original)
    with offices(templates, ("C",)) as (target,):
        path = stick_of(target) / "mutated.ccnbundle.json"
        path.write_bytes(mutated)
        before = settled_hash(target)
        from ccn_desktop.exchange.apply import apply_plan
        from ccn_desktop.exchange.plan import make_plan
        from ccn_desktop.exchange.verify import read_bundle

        try:
            apply_plan(target, make_plan(target, read_bundle(path)), trust=True)
        except (BundleError, UntrustedSignerError) as refusal:
            message = str(refusal)
            assert "\n" not in message and message.endswith("."), message
            assert settled_hash(target) == before
            return
        assert resigned or unchanged_content, "a damaged bundle was imported"


def _same_document(data: bytes, original: bytes) -> bool:
    try:
        return json.loads(data) == json.loads(original)
    except ValueError:
        return False
