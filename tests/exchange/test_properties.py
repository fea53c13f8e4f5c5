"""The three properties of the exchange (hypothesis).

1. Export then import into a fresh catalogue reproduces every record, link,
   tombstone, conflict and alias.
2. Three offices edit different or the same fields, add, delete, restore, resolve and
   merge at random, and exchange bundles at random — lost, delivered twice, delivered
   late, relayed, full and "for office" mixed. After a final round in which every
   office has seen every change, the three catalogues are identical (values, field
   versions, flags), and every field holds exactly the values of the writes made
   anywhere that no later write of that field had seen — computed by an oracle in this
   file from the rule, not from the program's merge: every edit is a current value, a
   kept side of a field conflict, or was knowingly replaced by a write that saw it.
3. Mutated valid bundles never raise anything but a refusal, and a refused
   bundle leaves the catalogue file byte for byte as it was (test_mutated_bundles.py).

The example counts of the default run are kept small enough for the suite; set
CCN_PROPERTY_EXAMPLES for a longer run, or run the `slow` mark (500 examples of the
field-level property; docs/bundle-format.md has the commands and the figures).
"""

from __future__ import annotations

import contextlib
import functools
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
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.errors import CatalogueError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.paths import DataPaths
from tests.exchange.exchanging import export, import_file, knows, state
from tests.exchange.field_rule_oracle import Expected, Write, resolved_with, seen
from tests.helpers import city_values

EXAMPLES = int(os.environ.get("CCN_PROPERTY_EXAMPLES", "0"))
# Example counts by run: a developer's `pytest` (quick), CI (`.ci/run` sets
# CCN_PROPERTY_PROFILE=ci) and the long `slow` run (docs/bundle-format.md, "Properties tested").
PROFILE = os.environ.get("CCN_PROPERTY_PROFILE", "dev")
PROFILES = {"dev": 1, "ci": 6.25, "slow": 50}  # times the developer's counts
OFFICES = ("A", "B", "C", "D")


def examples(default: int) -> int:
    """`default` examples in a developer's run; 500 and more for mutated bundles in CI;
    many more in the slow run. (The field-level convergence runs 50, and 500 slow.)"""
    return EXAMPLES or max(1, round(default * PROFILES.get(PROFILE, 1)))


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
# Fields an edit changes, per entity; values drawn from a small set collide on purpose
# (two offices typing the same value is no conflict), or are unique to the edit.
EDITED = {"city": ("notes", "description", "focal_point_name"),
          "conference": ("notes", "theme", "venue"),
          "project": ("notes", "summary", "outputs")}  # fmt: skip
SHARED_VALUES = ("same text", "other text")
# Notes more often than the other two: the same field changed in two offices is the case
# a bug would hide in.
edit = st.tuples(st.just("edit"), office_index, pick, st.sampled_from([0, 0, 0, 1, 2]),
                 st.integers(0, 3))  # fmt: skip
ACTIONS = st.one_of(
    st.tuples(st.just("add_city"), office_index, st.integers(0, 4)),
    st.tuples(st.just("add_conference"), office_index, pick, pick),
    st.tuples(st.just("add_project"), office_index, pick),
    edit,
    edit,
    edit,
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


# The oracle (the field-level rule, written from docs/bundle-format.md, not imported from
# the code it checks) is in field_rule_oracle.py.


@dataclass
class World:
    offices: list[Catalogue]
    writes: dict[tuple[str, str], list[Write]] = field(default_factory=dict)
    late: list[tuple[int, Path]] = field(default_factory=list)
    edits: int = 0

    def before(self, office: Catalogue, entity: str, *uuids: str) -> dict[str, dict[str, Any]]:
        return {snapshot["uuid"]: snapshot for snapshot in office.get_many(entity, list(uuids))}

    def remember(
        self, office: Catalogue, entity: str, kind: str, before: dict[str, dict[str, Any]],
        *uuids: str,
    ) -> None:  # fmt: skip
        """Record the write an action made, as the rule describes it."""
        for after in office.get_many(entity, list(uuids)):
            uuid = after["uuid"]
            prior = before.get(uuid)
            if prior is not None and prior["version"] == after["version"]:
                continue  # nothing was written (a merge that kept the values, say)
            me = office.office.uuid
            names = ENTITIES[entity].field_names
            history = self.writes.setdefault((entity, uuid), [])
            with office.session() as session:  # the merges this office knew of then
                cities = alias_map(session)
            view = Expected.of(
                entity,
                [w for w in history if prior and seen(prior["version"], w.office, w.counter)],
                functools.partial(resolved_with, cities),
            )
            conflicting = set(view.conflicting()) if prior else set()
            if prior is None:
                written = set(names)
            elif kind in ("delete", "merge-away"):
                written = conflicting  # a deletion settles the fields in conflict as shown
            else:
                written = {name for name in names if after[name] != prior[name]}
                if kind == "resolve":
                    written |= conflicting
            register = None
            if kind in ("delete", "merge-away") or (kind == "resolve" and after["deleted"]):
                register = "delete"
            elif kind == "restore" or (kind == "resolve" and any(
                    w.register == "delete" for w in view.register)):  # fmt: skip
                register = "restore"
            history.append(Write(me, after["version"][me], after["modified_at"],
                                 dict(after["version"]), {n: after[n] for n in written},
                                 register))  # fmt: skip


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
            world.remember(office, "city", "add", {}, uuid)
        elif kind == "add_conference":
            hosts = [h for h in (chosen(records(office, "city"), i) for i in args[1:]) if h]
            values = {"year": 2020 + args[1] % 5, "venue": "Somewhere", "notes": note,
                      "host_city_uuids": list(dict.fromkeys(hosts))}  # fmt: skip
            world.remember(office, "conference", "add", {}, office.add("conference", values))
        elif kind == "add_project":
            city = chosen(records(office, "city"), args[1])
            values = {"title": f"Project {args[1] % 4}", "status": "Planned", "notes": note,
                      "city_uuids": [city] if city else []}  # fmt: skip
            world.remember(office, "project", "add", {}, office.add("project", values))
        elif kind == "edit":
            target = chosen([f"{e}/{u}" for e, u in every_record(office, False)], args[1])
            if target:
                entity, uuid = target.split("/")
                name = EDITED[entity][args[2]]
                value = SHARED_VALUES[args[3]] if args[3] < len(SHARED_VALUES) else note
                before = world.before(office, entity, uuid)
                office.update(entity, uuid, {name: value})
                world.remember(office, entity, "edit", before, uuid)
        elif kind == "edit_links":
            conference = chosen(records(office, "conference"), args[1])
            city = chosen(records(office, "city"), args[2])
            if conference and city:
                before = world.before(office, "conference", conference)
                office.update("conference", conference, {"host_city_uuids": [city]})
                world.remember(office, "conference", "edit", before, conference)
        elif kind in ("delete", "restore"):
            target = chosen([f"{e}/{u}" for e, u in every_record(office, kind == "restore")],
                            args[1])  # fmt: skip
            if target:
                entity, uuid = target.split("/")
                before = world.before(office, entity, uuid)
                getattr(office, kind)(entity, uuid)
                world.remember(office, entity, kind, before, uuid)
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
                before = world.before(office, entity, uuid)
                office.resolve_conflict(entity, uuid, values, deleted=side["deleted"])
                world.remember(office, entity, "resolve", before, uuid)
        elif kind == "merge":
            cities = records(office, "city")
            keep, merged = chosen(cities, args[1]), chosen(cities, args[2])
            if keep and merged and keep != merged:
                before = world.before(office, "city", keep, merged)
                office.merge_records("city", keep, merged)
                world.remember(office, "city", "merge", before, keep)
                world.remember(office, "city", "merge-away", before, merged)
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
    event(f"writes made: {min(sum(len(v) for v in world.writes.values()) // 10 * 10, 50)}+")
    fields = sum(len(snapshot["shown"]["field_versions"].get("conflicts", {}))
                 for e in ENTITIES for snapshot in final[e].values())  # fmt: skip
    event(f"fields in conflict: {min(fields, 3)}")


def check_no_edit_lost(world: World) -> None:
    """Every office shows, field by field, what the oracle says the writes leave."""
    office = world.offices[0]
    with office.session() as session:
        cities = alias_map(session)

    def resolved(value: Any) -> Any:
        return resolve_list(cities, value) if isinstance(value, list) else value

    for (entity, uuid), writes in world.writes.items():
        expected = Expected.of(entity, writes, resolved)
        shown = office.get(entity, uuid)
        sides = office.conflict_versions(entity, uuid)
        where = f"{entity} {uuid}"
        assert shown["deleted"] == expected.deleted, f"{where}: deleted"
        assert office.rows(entity, [office.id_of(entity, uuid)])[
            office.id_of(entity, uuid)
        ].needs_review == expected.needs_review, f"{where}: review flag"  # fmt: skip
        assert office.conflicting_fields(entity, uuid) == expected.conflicting(), where
        for name in ENTITIES[entity].field_names:
            wanted = expected.values(name)
            held = [resolved(shown[name])]
            for side in sides:
                if resolved(side[name]) not in held:
                    held.append(resolved(side[name]))
            assert sorted(map(repr, held)) == sorted(map(repr, wanted)), f"{where}.{name}"
            assert resolved(shown[name]) == resolved(expected.shown(name)), f"{where}.{name}"


def three_offices_converge_and_lose_no_edit(
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


@settings(max_examples=EXAMPLES or {"slow": 500}.get(PROFILE, 50), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(st.lists(ACTIONS, min_size=8, max_size=18))
def test_three_offices_converge_and_lose_no_edit(
    templates: Path, actions: list[tuple[Any, ...]]
) -> None:
    three_offices_converge_and_lose_no_edit(templates, actions)


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
