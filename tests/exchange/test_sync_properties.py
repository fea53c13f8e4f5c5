"""Property: three offices that edit at random and sync through one folder at random
(syncs skipped, bundles lost from the folder) converge after two rounds of syncs, lose
no edit, and then settle: a round with nothing new changes no file anywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.facade import Catalogue
from tests.exchange.exchanging import state
from tests.exchange.syncing import folder_hashes, settled_hash, sync
from tests.exchange.test_properties import (  # noqa: F401 (templates is a fixture)
    ACTIONS,
    World,
    act,
    check_no_edit_lost,
    examples,
    offices,
    shared_start,
    stick_of,
    templates,
)


def _as_sync(action: tuple[Any, ...]) -> tuple[Any, ...]:
    """The exchange's random life, with a sync where it sends and a lost file where a
    bundle arrives late."""
    if action[0] == "send":
        return ("sync", action[1])
    if action[0] == "deliver_late":
        return ("lose", action[1])
    return action


SYNC_ACTIONS = ACTIONS.map(_as_sync)


def sync_or_edit(world: World, action: tuple[Any, ...]) -> None:
    folder = stick_of(world.offices[0])
    if action[0] == "sync":
        sync(world.offices[action[1]], folder)
    elif action[0] == "lose":  # a bundle deleted from the folder (or never copied)
        files = (
            sorted((folder / "ccn-exchange").glob("*"))
            if (folder / "ccn-exchange").is_dir()
            else []
        )
        if files:
            files[action[1] % len(files)].unlink()
    else:
        act(world, action)


def fingerprint(three: list[Catalogue], folder: Path) -> tuple[Any, ...]:
    return tuple(settled_hash(office) for office in three), folder_hashes(folder)


@settings(max_examples=examples(5), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(st.lists(SYNC_ACTIONS, min_size=8, max_size=25))
def test_offices_syncing_through_one_folder_converge_and_settle(
    templates: Path,  # noqa: F811
    actions: list[tuple[Any, ...]],
) -> None:
    with offices(templates, ("A", "B", "C")) as three:
        world = World(three)
        shared_start(world)
        for action in actions:
            sync_or_edit(world, action)
        folder = stick_of(three[0])
        for _round in range(2):
            for office in three:
                assert sync(office, folder).complete
        first = state(three[0])
        assert state(three[1]) == first
        assert state(three[2]) == first
        check_no_edit_lost(world)
        before = fingerprint(three, folder)
        for _round in range(4):  # the offices learn what the others know, then settle
            for office in three:
                sync(office, folder)
            after = fingerprint(three, folder)
            if after == before:
                break
            before = after
        else:
            raise AssertionError("syncs with nothing new still change files")
        for office in three:
            report = sync(office, folder)
            assert not report.changed_catalogue
            assert not any(item.written for item in report.left)
        assert fingerprint(three, folder) == before
