"""Short runs of the campaigns under tests/campaigns/ (the long runs: docs/reliability.md)."""

from __future__ import annotations

import pytest

from tests.campaigns import crash, disk


@pytest.mark.slow
def test_a_few_kills() -> None:
    outcomes = crash.run(list(crash.SCENARIOS), trials=2, seed=11, verbose=False)
    assert [(o.scenario, o.trials, o.failures) for o in outcomes] == [
        (scenario, 2, []) for scenario in crash.SCENARIOS
    ]


@pytest.mark.slow
def test_full_and_read_only_disk() -> None:
    try:
        results = disk.run(list(disk.SCENARIOS), rounds=2, seed=11)
    except disk.MountUnavailable as reason:
        pytest.skip(f"cannot mount a small disk here: {reason}")
    assert [result.failures for result in results] == [[] for _ in results]
    refused = {result.scenario: result.refused for result in results}
    assert refused["save, disk full"] + results[0].fitted == 2
    assert refused["back up now, disk full"] == 2
    assert refused["restore, disk full"] == 2
