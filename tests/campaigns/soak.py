"""Soak campaign: three offices edit and exchange for a long time; the merge property holds.

    python -m tests.campaigns.soak --rounds 1000 [--seed N]

The same three catalogues live through every round, so they grow and their
histories lengthen as an office's would. Each round, random offices add, edit,
relink, delete, restore, merge and resolve conflicts, and send bundles to each other
that are lost, delivered twice, delivered late, relayed, full or "for office".
Then every office sees every change (A→B→C→A→B→C), and the checks of the merge
property run: the three catalogues are identical (records, vectors, field versions,
review flags, aliases), and no edit was lost (field by field, each write made is a
current value, a kept value of a field conflict, or was knowingly replaced — the
exchange engine's own property oracle, reused): every round for the records written in
that round, every 25 rounds for every record. Every 50 rounds each file also
passes SQLite's full integrity check. Once an office holds 150 records, additions
become edits, so that a round's cost stops growing. The backups each import makes are rotated
after every round, as the daily backup would, to keep the folders bounded; the files
live in /dev/shm where there is one (real files, without a laptop disk's fsync).

The actions and the checks are the exchange engine's property test
(tests/exchange/test_properties.py), driven here by a seeded random generator
for far longer than a test run. Needs the exchange engine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from ccn_desktop.catalogue.backups import rotate_backups
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.integrity import check_file
from ccn_desktop.paths import DataPaths
from tests.campaigns.common import exchange_available, print_table, scratch

NAMES = ("A", "B", "C")
FATES = ("deliver", "deliver", "lose", "twice", "later")
INTEGRITY_EVERY = 50
FULL_CHECK_EVERY = 25
# Above this many records in an office, additions become edits: the per-round checks
# grow with the catalogue, and a thousand rounds must finish within hours.
MAX_RECORDS = 150


def records_held(offices: list[Catalogue]) -> int:
    return max(sum(office.counts().values()) for office in offices)


@dataclass
class Soak:
    rounds: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    seconds_per_round: list[float] = field(default_factory=list)


def random_action(rng: random.Random) -> tuple[Any, ...]:
    """One action in the vocabulary of the property test (office indexes, picks)."""
    office, pick = (lambda: rng.randrange(3)), (lambda: rng.randrange(1001))
    kind = rng.choice(["add_city", "add_conference", "add_project", "edit", "edit",
                       "edit_links", "delete", "restore", "resolve", "merge", "send", "send",
                       "send", "deliver_late"])  # fmt: skip
    if kind == "add_city":
        return (kind, office(), rng.randrange(5))
    if kind in ("add_conference", "edit_links", "resolve", "merge"):
        return (kind, office(), pick(), pick())
    if kind == "edit":  # which of three fields, and a shared or a new value
        return (kind, office(), pick(), rng.choice([0, 0, 0, 1, 2]), rng.randrange(4))
    if kind in ("add_project", "delete", "restore"):
        return (kind, office(), pick())
    if kind == "send":
        return (kind, office(), office(), rng.random() < 0.5, rng.choice(FATES))
    return (kind, pick())


def run(rounds: int, seed: int, verbose: bool = True) -> Soak:
    from tests.exchange.exchanging import state
    from tests.exchange.test_properties import (
        World,
        act,
        check_no_edit_lost,
        final_round,
        shared_start,
    )

    rng = random.Random(seed)
    soak = Soak()
    with scratch("soak", memory=True) as root:
        offices = []
        for name in NAMES:
            paths = DataPaths.in_folder(root / name)
            Catalogue.open(paths, office_name=name, starter=False).close()
            offices.append(Catalogue.open(paths))
        (root / "stick").mkdir()
        try:
            world = World(offices)
            shared_start(world)
            for number in range(1, rounds + 1):
                started = time.monotonic()
                made_before = {key: len(writes) for key, writes in world.writes.items()}
                for _ in range(rng.randint(3, 10)):
                    action = random_action(rng)
                    if action[0].startswith("add_") and records_held(offices) >= MAX_RECORDS:
                        action = ("edit", action[1], rng.randrange(1001), 0, 3)
                    soak.actions[action[0]] += 1
                    act(world, action)
                final_round(world)
                for office in offices:  # as the daily backup would: keep the folder bounded
                    rotate_backups(office.paths.backups_dir)
                first = state(offices[0])
                for other in offices[1:]:
                    if state(other) != first:
                        soak.failures.append(f"round {number}: {other.office.name} differs from A")
                # every version made this round; every version ever made, now and then
                whole = number % FULL_CHECK_EVERY == 0 or number == rounds
                touched = {key: writes for key, writes in world.writes.items()
                           if whole or made_before.get(key) != len(writes)}  # fmt: skip
                try:
                    check_no_edit_lost(SimpleNamespace(offices=offices, writes=touched))
                except AssertionError as exc:
                    soak.failures.append(f"round {number}: {exc}")
                if number % INTEGRITY_EVERY == 0 or number == rounds:
                    for office in offices:
                        problems = check_file(office.paths.catalogue_file, full=True)
                        if problems:
                            soak.failures.append(f"round {number}: {office.office.name}: "
                                                 f"{problems[0]}")  # fmt: skip
                soak.rounds = number
                soak.seconds_per_round.append(time.monotonic() - started)
                if verbose and number % 10 == 0:
                    print(f"round {number}: {sum(len(v) for v in first.values())} records "
                          f"and aliases, {len(soak.failures)} failures, "
                          f"{soak.seconds_per_round[-1]:.1f} s per round", flush=True)  # fmt: skip
                if soak.failures and len(soak.failures) > 20:
                    break
            final = state(offices[0])
            soak.sizes = {key: len(value) for key, value in final.items()}
            soak.sizes["writes made"] = sum(len(w) for w in world.writes.values())
        finally:
            for office in offices:
                office.close()
            shutil.rmtree(root / "stick", ignore_errors=True)
    return soak


def report(soak: Soak) -> None:
    rows = [(kind, str(count)) for kind, count in sorted(soak.actions.items())]
    print_table(f"Soak campaign: {soak.rounds} rounds", rows, ("action", "count"))
    rows = [(name, str(size)) for name, size in soak.sizes.items()]
    print_table("The catalogues at the end (identical in the three offices)", rows,
                ("what", "count"))  # fmt: skip
    if soak.seconds_per_round:
        first, last = soak.seconds_per_round[0], soak.seconds_per_round[-1]
        print(f"\nseconds per round: first {first:.2f}, last {last:.2f}")
    print(f"Failures: {len(soak.failures)}")
    for failure in soak.failures[:10]:
        print(f"FAILURE {failure}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    if not exchange_available():
        print("SKIPPED: the exchange engine is not in this checkout")
        return 0
    started = time.monotonic()
    soak = run(args.rounds, args.seed)
    report(soak)
    print(f"\n{time.monotonic() - started:.0f} s; seed {args.seed}")
    return 1 if soak.failures else 0


if __name__ == "__main__":
    sys.exit(main())
