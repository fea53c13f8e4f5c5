"""The property example counts each run promises (issue 13; docs/bundle-format.md,
"Properties tested"): CI runs at least 50 convergence and 200 mutated-bundle examples,
the slow run many more. Read from the tests' own hypothesis settings, in a fresh
interpreter per profile, since the profile is read once at import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROPERTIES = {  # the test's module (tests/exchange/) and name
    "convergence": ("test_properties", "test_three_offices_converge_and_lose_no_edit"),
    "mutated bundles": (
        "test_mutated_bundles",
        "test_mutated_bundles_are_refused_cleanly_and_change_nothing",
    ),
}
READ = """
import importlib, json
names = {names!r}
print(json.dumps({{
    key: getattr(importlib.import_module("tests.exchange." + module), name)
    ._hypothesis_internal_use_settings.max_examples
    for key, (module, name) in names.items()
}}))
"""


def counts(profile: str) -> dict[str, int]:
    env = {key: value for key, value in os.environ.items() if key != "CCN_PROPERTY_EXAMPLES"}
    env["CCN_PROPERTY_PROFILE"] = profile
    result = subprocess.run(
        [sys.executable, "-c", READ.format(names=PROPERTIES)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("profile", "least"),
    [
        ("ci", {"convergence": 50, "mutated bundles": 200}),
        ("slow", {"convergence": 500, "mutated bundles": 2000}),
    ],
)
def test_each_run_holds_at_least_its_promised_examples(profile: str, least: dict[str, int]) -> None:
    found = counts(profile)
    assert all(found[name] >= least[name] for name in least), (profile, found)
