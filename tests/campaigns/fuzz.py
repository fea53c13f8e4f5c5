"""Fuzz campaign: mutated and generated bundles through verify and import.

    python -m tests.campaigns.fuzz --cases 10000 [--seed N]

Each case is written to a file and read (`read_bundle`: size, JSON, format,
checksum, signature, schema, references, dates), planned and imported into an
office's catalogue, as `ccn-desktop verify` and `ccn-desktop import --trust` do;
one case in 25 also goes through those commands themselves. Counted: cases by
kind, refusals by kind of sentence, imports of bundles that stayed valid (a
mutation signed again by their office is a genuine bundle). A failure is any
traceback, a refusal that is not one sentence, a refused bundle that changed the
catalogue file by one byte, or a damaged bundle that was imported.

Needs the exchange engine.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import io
import json
import random
import re
import shutil
import sqlite3
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from tests.campaigns.common import exchange_available, print_table, scratch
from tests.helpers import city_values

CLI_EVERY = 25
ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 2**70, 1.5, -0.0, 1e308, "", " ", "x" * 30_000, "2026-13-45",
    "1999-12-31T23:59:59+00:00", "9999-01-01T00:00:00.000000+00:00", "\u202e\u0000",
    "00000000-0000-0000-0000-000000000000", [], {}, [[[[]]]], {"entity": "festival"},
    "<script>alert(1)</script>", "Robert'); DROP TABLE city;--",
]  # fmt: skip


@dataclass
class Findings:
    cases: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    cli_runs: int = 0
    failures: list[str] = field(default_factory=list)


def settled_hash(path: Path) -> str:
    """The catalogue file's hash once every committed write is in it (WAL checkpointed)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refusal_kind(message: str) -> str:
    """The sentence without its particulars (where, which value), to count kinds."""
    text = re.sub(r" \(and \d+ more problems?\)", "", message)
    text = re.sub(r"\bat [^ :]*:", "at …:", text)
    text = re.sub(r"key fingerprint [0-9A-F ]+:", "key fingerprint …:", text)
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "UUID", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    text = re.sub(r"'…'(, '…')*( or '…')?", "one of …", text)
    text = re.sub(r"/[^ ]+", "…", text)
    text = re.sub(r"-?\d+", "N", text.replace("UTF-8", "UTF~")).replace("UTF~", "UTF-8")
    return text[:120]


# -- the seeds: real bundles from real offices -----------------------------------------


def seed_bundles(root: Path) -> tuple[list[bytes], Path, Path]:
    """Real bundles holding every section (records, links, deletion, conflict, merge), the
    signing office's folder, and an empty target office's folder."""
    from ccn_desktop.exchange.apply import apply_plan
    from ccn_desktop.exchange.export import export_bundle
    from ccn_desktop.exchange.plan import make_plan
    from ccn_desktop.exchange.verify import read_bundle

    def send(source: Catalogue, target: Catalogue) -> Path:
        path = export_bundle(source, stick).path
        apply_plan(target, make_plan(target, read_bundle(path)), trust=True)
        return path

    stick = root / "stick"
    stick.mkdir(parents=True)
    folders = {name: root / name for name in ("A", "B", "C")}
    for name, folder in folders.items():
        Catalogue.open(DataPaths.in_folder(folder), office_name=name, starter=False).close()
    a = Catalogue.open(DataPaths.in_folder(folders["A"]))
    b = Catalogue.open(DataPaths.in_folder(folders["B"]))
    try:
        one = a.add("city", city_values(name="Łódź", country_code="PL", country="Poland"))
        two = a.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
        gone = a.add("city", city_values(name="Gone"))
        a.add("conference", {"year": 2024, "host_city_uuids": [one, two]})
        a.add("project", {"title": "Film school", "status": "Planned", "city_uuids": [two]})
        first = send(a, b)
        a.update("city", one, {"notes": "A"})
        b.update("city", one, {"notes": "B"})
        twin = b.add("city", city_values(name="Lodz", country_code="PL", creative_field="Music"))
        a.delete("city", gone)
        send(b, a)
        a.merge_records("city", one, twin)
        rich = export_bundle(a, stick).path
        apply_plan(b, make_plan(b, read_bundle(rich)), trust=True)
        a.update("city", two, {"notes": "for B only"})
        incremental = export_bundle(a, stick, for_office=b.office.uuid).path
    finally:
        a.close()
        b.close()
    seeds = [rich.read_bytes(), first.read_bytes(), incremental.read_bytes()]
    document = json.loads(seeds[0])
    for section in ("cities", "conferences", "projects", "tombstones", "links", "aliases"):
        assert document["payload"][section], f"the seed bundle has no {section}"
    # Format 2 keeps a field conflict in its record's field versions.
    assert any(city["field_versions"].get("conflicts") for city in document["payload"]["cities"])
    return seeds, folders["A"], folders["C"]


# -- mutations and generated cases -------------------------------------------------------


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    found: list[tuple[tuple[Any, ...], Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += leaves(item, (*path, index))
    found.append((path, value))
    return found


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


def mutate(rng: random.Random, data: bytes) -> tuple[str, bytes, bool]:
    """(kind, mutated bytes, whether the document is to be signed again)."""
    kind = rng.choice(["flip", "truncate", "splice", "swap", "retype", "drop", "add", "dup"])
    if kind == "flip":
        mutated = bytearray(data)
        for _ in range(rng.choice([1, 1, 1, 2, 8])):
            mutated[rng.randrange(len(mutated))] ^= 1 << rng.randrange(8)
        return kind, bytes(mutated), False
    if kind == "truncate":
        return kind, data[: rng.randrange(len(data))], False
    if kind == "splice":
        start = rng.randrange(len(data))
        return kind, data[:start] + rng.randbytes(rng.randint(1, 64)) + data[start:], False
    from ccn_desktop.catalogue.canonical import canonical_bytes

    document = json.loads(data)
    spots = [spot for spot in leaves(document) if spot[0]]
    path, value = rng.choice(spots)
    if kind == "swap":
        other, other_value = rng.choice(spots)
        if other[: len(path)] != path and path[: len(other)] != other:
            parent_of(document, path)[path[-1]] = copy.deepcopy(other_value)
            parent_of(document, other)[other[-1]] = copy.deepcopy(value)
    elif kind == "retype":
        parent_of(document, path)[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
    elif kind == "drop":
        parent = parent_of(document, path)
        del parent[path[-1]]
    elif kind == "add":
        parent = parent_of(document, path)
        if isinstance(parent, dict):
            parent[rng.choice(["surprise", "uuid", "version", "deleted", "entity"])] = (
                copy.deepcopy(rng.choice(ODD_VALUES))
            )
        else:
            parent.append(copy.deepcopy(rng.choice([*ODD_VALUES, value])))
    elif kind == "dup":
        parent = parent_of(document, path)
        if isinstance(parent, list):
            parent.append(copy.deepcopy(value))
    return kind, canonical_bytes(document), rng.random() < 0.6


def random_json(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(7 if depth < 4 else 4)
    if choice == 0:
        return rng.choice(ODD_VALUES[:9])
    if choice == 1:
        return "".join(rng.choice('aé釜\u0000"\\{}[]') for _ in range(rng.randint(0, 20)))
    if choice == 2:
        return rng.randint(-(2**64), 2**64)
    if choice == 3:
        return rng.random() * 10 ** rng.randint(-5, 300)
    if choice == 4:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    keys = ["manifest", "payload", "format", "cities", "links", "x", "signature", "uuid"]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def generated(rng: random.Random, seed: bytes, key: Any) -> tuple[str, bytes, bool]:
    """Bundles made from nothing, or shaped like bundles from odd offices."""
    from ccn_desktop.catalogue.canonical import canonical_bytes
    from tests.exchange.bundles import make_bundle, office_key, sample_payload

    kind = rng.choice(["bytes", "json", "nesting", "bom", "built", "stranger", "newer", "fields"])
    if kind == "bytes":
        return kind, rng.randbytes(rng.randint(0, 4096)), False
    if kind == "json":
        return kind, json.dumps(random_json(rng)).encode(), False
    if kind == "nesting":
        depth = rng.choice([100, 1_000, 100_000])
        return kind, b'{"manifest":' + b"[" * depth + b"]" * depth + b"}", False
    if kind == "bom":
        return kind, b"\xef\xbb\xbf" + seed, False
    document = json.loads(seed)
    if kind == "built":  # a well-formed bundle from the sample payload, by the known office
        return kind, canonical_bytes(make_bundle(sample_payload(), key)), False
    if kind == "stranger":  # the same, signed by an office nobody has trusted
        return kind, canonical_bytes(make_bundle(sample_payload(), office_key())), False
    if kind == "newer":
        document["manifest"]["format_version"] = rng.choice([3, 99, 0, -1])
        return kind, canonical_bytes(document), True
    # "fields": every value of one record replaced by odd ones, signed again
    section = rng.choice(["cities", "conferences", "projects"])
    records = document["payload"][section]
    if records:
        record = rng.choice(records)
        for name in rng.sample(sorted(record), k=min(len(record), rng.randint(1, 4))):
            record[name] = copy.deepcopy(rng.choice(ODD_VALUES))
    return kind, canonical_bytes(document), True


# -- one case ------------------------------------------------------------------------------


class Target:
    """The office that receives every case; put back as it was after a genuine import."""

    def __init__(self, template: Path, folder: Path) -> None:
        self.template = template
        self.folder = folder
        shutil.copytree(template, folder)
        self.catalogue = Catalogue.open(DataPaths.in_folder(folder))
        self.hash = settled_hash(self.catalogue.paths.catalogue_file)

    def reset(self) -> None:
        self.catalogue.close()
        shutil.rmtree(self.folder)
        shutil.copytree(self.template, self.folder)
        self.catalogue = Catalogue.open(DataPaths.in_folder(self.folder))
        self.hash = settled_hash(self.catalogue.paths.catalogue_file)


def run_case(
    findings: Findings,
    target: Target,
    path: Path,
    label: str,
    data: bytes,
    genuine: bool,
    trust: bool,
    through_cli: bool,
) -> None:
    from ccn_desktop.exchange.apply import apply_plan
    from ccn_desktop.exchange.errors import BundleError, UntrustedSignerError
    from ccn_desktop.exchange.plan import make_plan
    from ccn_desktop.exchange.verify import read_bundle

    findings.cases[label] += 1
    path.write_bytes(data)
    catalogue_file = target.catalogue.paths.catalogue_file
    try:
        plan = make_plan(target.catalogue, read_bundle(path))
        result = apply_plan(target.catalogue, plan, trust=trust)
    except (BundleError, UntrustedSignerError) as refusal:
        message = str(refusal)
        findings.refusals[refusal_kind(message)] += 1
        if "\n" in message or not message.endswith("."):
            findings.failures.append(f"{label}: not one sentence: {message!r}")
        if settled_hash(catalogue_file) != target.hash:
            findings.failures.append(f"{label}: a refused bundle changed the catalogue")
            target.reset()
    except Exception:
        findings.failures.append(f"{label}: traceback\n{traceback.format_exc()}")
        target.reset()
    else:
        if not genuine:
            findings.failures.append(f"{label}: a damaged bundle was imported")
        findings.accepted["nothing new" if result.nothing_new else "imported"] += 1
        if not result.nothing_new:
            target.reset()
    if through_cli:
        findings.cli_runs += 1
        check_cli(findings, label, target, path, trust)


def check_cli(findings: Findings, label: str, target: Target, path: Path, trust: bool) -> None:
    """`ccn-desktop verify` and `import --dry-run`: exit 0, or 1 with one line on stderr."""
    from ccn_desktop.cli import main

    data_dir = str(target.catalogue.paths.data_dir)
    for argv in (["verify", str(path)],
                 ["--data-dir", data_dir, "import", str(path), "--dry-run",
                  *(["--trust"] if trust else [])]):  # fmt: skip
        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                status = main(argv)
            except SystemExit as exc:  # argparse
                status = int(exc.code or 0)
        text = err.getvalue()
        if status not in (0, 1) or (status == 1 and text.count("\n") != 1):
            findings.failures.append(f"{label}: `{argv[-2]}` exit {status}: {text!r}")
        elif "unexpected error" in text:
            findings.failures.append(f"{label}: `{' '.join(argv[:3])}`: {text.strip()}")
    if settled_hash(target.catalogue.paths.catalogue_file) != target.hash:
        findings.failures.append(f"{label}: a dry run changed the catalogue")
        target.reset()


def run(cases: int, seed: int, verbose: bool = True) -> Findings:
    from ccn_desktop.catalogue.canonical import canonical_bytes
    from ccn_desktop.catalogue.identity import load_private_key
    from tests.exchange.bundles import resign

    rng = random.Random(seed)
    findings = Findings()
    with scratch("fuzz") as root:
        seeds, signer, target_template = seed_bundles(root / "offices")
        key = load_private_key(DataPaths.in_folder(signer).keys_dir)
        target = Target(target_template, root / "target")
        path = root / "case.ccnbundle.json"
        started = time.monotonic()
        try:
            for number in range(cases):
                seed_data = rng.choice(seeds)
                if rng.random() < 0.75:
                    kind, data, sign_again = mutate(rng, seed_data)
                    label = f"mutated/{kind}"
                else:
                    kind, data, sign_again = generated(rng, seed_data, key)
                    label = f"generated/{kind}"
                genuine = kind in ("built", "stranger")
                if sign_again:
                    with contextlib.suppress(
                        ValueError, TypeError, KeyError, AttributeError, RecursionError
                    ):
                        data = canonical_bytes(resign(json.loads(data), key))
                        genuine = True
                if not genuine:
                    with contextlib.suppress(ValueError, RecursionError):
                        genuine = json.loads(data) == json.loads(seed_data)
                trust = kind != "stranger" or rng.random() < 0.5
                run_case(findings, target, path, label, data, genuine, trust,
                         number % CLI_EVERY == 0)  # fmt: skip
                if verbose and (number + 1) % 500 == 0:
                    rate = (number + 1) / (time.monotonic() - started)
                    print(f"{number + 1} cases, {len(findings.failures)} failures "
                          f"({rate:.0f} cases/s)", flush=True)  # fmt: skip
        finally:
            target.catalogue.close()
    return findings


def report(findings: Findings) -> None:
    total = sum(findings.cases.values())
    rows = [(label, str(count)) for label, count in sorted(findings.cases.items())]
    print_table(f"Fuzz campaign: {total} cases ({findings.cli_runs} also through the CLI)",
                rows, ("case", "count"))  # fmt: skip
    refused = sum(findings.refusals.values())
    rows = [(kind, str(count)) for kind, count in findings.refusals.most_common()]
    print_table(f"Refusals: {refused}, of {len(findings.refusals)} kinds", rows,
                ("sentence (particulars removed)", "count"))  # fmt: skip
    rows = [(kind, str(count)) for kind, count in sorted(findings.accepted.items())]
    print_table("Accepted (genuine bundles: signed again by their office)", rows,
                ("outcome", "count"))  # fmt: skip
    print(f"\nFailures: {len(findings.failures)}")
    for failure in findings.failures[:10]:
        print(f"FAILURE {failure}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    if not exchange_available():
        print("SKIPPED: the exchange engine is not in this checkout")
        return 0
    started = time.monotonic()
    findings = run(args.cases, args.seed)
    report(findings)
    print(f"\n{time.monotonic() - started:.0f} s; seed {args.seed}")
    return 1 if findings.failures else 0


if __name__ == "__main__":
    sys.exit(main())
