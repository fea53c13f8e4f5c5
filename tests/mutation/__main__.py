"""Break one merge rule at a time, run the example tests, report which tests catch it.

    nice .venv/bin/python -m tests.mutation                  # every mutation (~20 min)
    nice .venv/bin/python -m tests.mutation dominance-flipped # some, by key
    .venv/bin/python -m tests.mutation --list
    .venv/bin/python -m tests.mutation tie-break-lost --tests tests/catalogue/test_field_merge.py

The example tests only: the hypothesis properties of the files below are left out
(found by their `@given`), so a mutation counts as caught only when a test that names
the rule fails, not when a random example happens on it. Each patched file is put back
byte for byte before the next mutation, also on Ctrl-C or SIGTERM; the check refuses to
start when a file it patches has uncommitted changes. It is not part of `pytest`
(pyproject.toml's norecursedirs); docs/bundle-format.md, "Mutation check", has the
last results.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.mutation.mutants import MUTATIONS, Mutation

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_FILES = (
    "tests/catalogue/test_field_merge.py",
    "tests/catalogue/test_conflicts.py",
    "tests/catalogue/test_versions.py",
    "tests/exchange/test_merge_examples.py",
    "tests/exchange/test_field_merge.py",
    "tests/exchange/test_one_write_path.py",
    "tests/exchange/test_expected_versions.py",
    "tests/exchange/test_apply.py",
    "tests/exchange/test_plan.py",
    "tests/exchange/test_export.py",
    "tests/exchange/test_sync.py",
    "tests/exchange/test_knowledge_claims.py",
    "tests/exchange/test_reference.py",
)
_GIVEN = re.compile(r"^@given\(.*?^def (\w+)", re.MULTILINE | re.DOTALL)


def properties(path: str) -> list[str]:
    """Node ids of the hypothesis tests in `path`: left out of the example run."""
    text = (ROOT / path).read_text(encoding="utf-8")
    return [f"{path}::{name}" for name in _GIVEN.findall(text)]


def run_examples(timeout: float, files: tuple[str, ...] = EXAMPLE_FILES) -> tuple[int, list[str]]:
    """(tests run, node ids of the tests that failed) of one example run."""
    with tempfile.TemporaryDirectory(prefix="mutation-") as scratch:
        report = Path(scratch) / "report.xml"
        deselect = [arg for path in files for node in properties(path.partition("::")[0])
                    for arg in ("--deselect", node)]  # fmt: skip
        command = [sys.executable, "-m", "pytest", "-q", "--tb=no", "-p", "no:cacheprovider",
                   f"--junitxml={report}", *deselect, *files]  # fmt: skip
        # A fresh bytecode cache each run: a patch of the same size in the same second
        # must not be read back from a stale .pyc.
        env = os.environ | {"PYTHONPYCACHEPREFIX": str(Path(scratch) / "pycache")}
        try:
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return 0, ["(the run did not finish: timed out)"]
        if not report.exists():
            return 0, ["(pytest wrote no report)"]
        failed, total = [], 0
        for case in ET.parse(report).getroot().iter("testcase"):
            if case.find("skipped") is not None:
                continue
            total += 1
            if case.find("failure") is not None or case.find("error") is not None:
                module = case.get("classname", "").replace(".", "/")
                failed.append(f"{module}.py::{case.get('name')}")
        return total, failed


class Patched:
    """One mutation applied; the file restored on exit, whatever happens."""

    def __init__(self, mutation: Mutation) -> None:
        self.path = ROOT / mutation.path
        self.original = self.path.read_bytes()
        text = self.original.decode("utf-8")
        for old, new in mutation.patches:
            count = text.count(old)
            if count != 1:
                raise SystemExit(
                    f"{mutation.key}: the patch matches {count} times in {mutation.path}, "
                    f"not once; update tests/mutation/mutants.py:\n{old}"
                )
            text = text.replace(old, new)
        self.mutated = text.encode("utf-8")

    def __enter__(self) -> Patched:
        self.path.write_bytes(self.mutated)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.path.write_bytes(self.original)


def markdown(results: list[tuple[Mutation, list[str]]], shown: int = 3) -> str:
    """The table of docs/bundle-format.md: each mutation and the tests that caught it."""
    lines = ["| mutation | rule broken | where | caught by (failed example tests) |",
             "| --- | --- | --- | --- |"]  # fmt: skip
    for mutation, failed in results:
        names = [f"`{node.removeprefix('tests/').replace('.py::', '::')}`" for node in failed]
        if len(names) <= shown + 1:  # no "and 1 more"
            more = ""
        else:
            more, names = f" and {len(names) - shown} more", names[:shown]
        caught = f"{len(failed)}: {', '.join(names)}{more}" if failed else "**survived**"
        where = mutation.path.removeprefix("ccn_desktop/")
        lines.append(f"| `{mutation.key}`: {mutation.mutation} | {mutation.rule} | `{where}` "
                     f"| {caught} |")  # fmt: skip
    return "\n".join(lines)


def _clean(paths: set[str]) -> None:
    dirty = subprocess.run(["git", "status", "--porcelain", "--", *sorted(paths)], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    if dirty.strip():
        raise SystemExit(f"Commit or stash these first; the check patches them:\n{dirty}")


def _terminate(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # so that Patched.__exit__ puts the file back


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.mutation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("keys", nargs="*", help="mutations to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument(
        "--tests",
        nargs="+",
        metavar="PATH",
        help="run these test files or node ids instead of the example set",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="end with the table for docs/bundle-format.md"
    )
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per run")
    args = parser.parse_args(argv)
    known = {mutation.key: mutation for mutation in MUTATIONS}
    unknown = [key for key in args.keys if key not in known]
    if unknown:
        parser.error(f"no mutation named {', '.join(unknown)}; see --list")
    chosen = [known[key] for key in args.keys] or list(MUTATIONS)
    if args.list:
        for mutation in chosen:
            print(f"{mutation.key:26} {mutation.path}: {mutation.mutation}")
        return 0
    _clean({mutation.path for mutation in chosen})
    signal.signal(signal.SIGTERM, _terminate)
    for mutation in chosen:
        Patched(mutation)  # every patch still matches, before spending time on runs
    files = tuple(args.tests or EXAMPLE_FILES)
    total, failed = run_examples(args.timeout, files)
    if failed:
        print("The example tests fail without a mutation:", *failed, sep="\n  ")
        return 1
    print(f"Unmutated: {total} example tests pass.", flush=True)
    survivors, results = [], []
    for mutation in chosen:
        with Patched(mutation):
            _ran, failed = run_examples(args.timeout, files)
        print(f"\n{mutation.key} ({mutation.path}): {mutation.mutation}")
        print(f"  caught by {len(failed)}:" if failed else "  SURVIVED", *failed, sep="\n    ")
        sys.stdout.flush()
        results.append((mutation, failed))
        if not failed:
            survivors.append(mutation.key)
    _clean({mutation.path for mutation in chosen})
    print(f"\n{len(chosen) - len(survivors)} of {len(chosen)} mutations caught.")
    if args.markdown:
        print(f"\n{markdown(results)}")
    if survivors:
        print("Survived:", ", ".join(survivors))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
