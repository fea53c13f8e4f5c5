"""Short runs of the campaigns under tests/campaigns/ (the long runs: docs/reliability.md)."""

from __future__ import annotations

import pytest

from tests.campaigns import crash, disk
from tests.campaigns.common import exchange_available


@pytest.mark.slow
def test_a_few_kills() -> None:
    outcomes = crash.run(list(crash.CORE_SCENARIOS), trials=2, seed=11, verbose=False)
    assert [(o.scenario, o.trials, o.failures) for o in outcomes] == [
        (scenario, 2, []) for scenario in crash.CORE_SCENARIOS
    ]


@pytest.mark.slow
def test_a_few_kills_during_import_and_export() -> None:
    if not exchange_available():
        pytest.skip("the exchange engine is not in this checkout")
    outcomes = crash.run(
        list(crash.EXCHANGE_SCENARIOS), trials=2, seed=11, verbose=False, bundle_records=1_000
    )
    assert [(o.scenario, o.trials, o.failures) for o in outcomes] == [
        (scenario, 2, []) for scenario in crash.EXCHANGE_SCENARIOS
    ]


@pytest.mark.slow
def test_full_and_read_only_disk() -> None:
    try:
        scenarios = [name for name in disk.SCENARIOS if name != "export" or exchange_available()]
        results = disk.run(scenarios, rounds=2, seed=11)
    except disk.MountUnavailable as reason:
        pytest.skip(f"cannot mount a small disk here: {reason}")
    assert [result.failures for result in results] == [[] for _ in results]
    refused = {result.scenario: result.refused for result in results}
    assert refused["save, disk full"] + results[0].fitted == 2
    assert refused["back up now, disk full"] == 2
    assert refused["restore, disk full"] == 2


@pytest.mark.slow
def test_a_few_hundred_fuzzed_bundles() -> None:
    if not exchange_available():
        pytest.skip("the exchange engine is not in this checkout")
    from tests.campaigns import fuzz

    findings = fuzz.run(cases=300, seed=11, verbose=False)
    assert sum(findings.cases.values()) == 300
    assert findings.failures == []
    assert sum(findings.refusals.values()) > 150  # most mutations are refused…
    assert findings.accepted  # …and bundles signed again by their office go in


@pytest.mark.slow
def test_a_few_soak_rounds() -> None:
    if not exchange_available():
        pytest.skip("the exchange engine is not in this checkout")
    from tests.campaigns import soak

    result = soak.run(rounds=5, seed=11, verbose=False)
    assert result.rounds == 5
    assert result.failures == []
