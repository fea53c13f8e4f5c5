"""Known offices, trust, and the exchange log."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.offices import (
    Signer,
    SignerStatus,
    exchange_log,
    known_offices,
    set_trusted,
)
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import send
from tests.helpers import city_values


def test_trust_can_be_withdrawn_and_given_again(make_office: MakeOffice, stick: Path) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    send(dakar, paris, stick)
    set_trusted(paris, dakar.office.uuid, False)
    (office,) = known_offices(paris)
    assert not office.trusted and office.fingerprint == dakar.office.fingerprint
    set_trusted(paris, dakar.office.uuid, True)
    assert known_offices(paris)[0].trusted
    with pytest.raises(BundleError, match="No bundle from office"):
        set_trusted(paris, paris.office.uuid, True)


def test_the_log_lists_exports_and_imports_newest_first(
    make_office: MakeOffice, stick: Path
) -> None:
    dakar, paris = make_office("Dakar"), make_office("Paris")
    send(dakar, paris, stick)
    assert exchange_log(paris)[0].backup_path == ""  # nothing new came: no backup
    paris.add("city", city_values(name="Paris"))
    send(paris, dakar, stick, incremental=True)
    log = exchange_log(dakar)
    assert [(entry.direction, entry.office_name) for entry in log] == [
        ("import", "Paris"),
        ("export", "Dakar"),
    ]
    assert log[0].backup_path and Path(log[0].backup_path).exists()
    (paris_export,) = [entry for entry in exchange_log(paris) if entry.direction == "export"]
    assert (paris_export.scope, paris_export.office_name) == ("for-office", "Dakar")


def test_a_signer_describes_itself() -> None:
    key = "A" * 43 + "="
    signer = Signer("0b9a3c1e-5f0e-4d55-9a0b-1c2d3e4f5a6b", "Dakar", key, SignerStatus.UNKNOWN)
    assert signer.describe().startswith('"Dakar" (0b9a3c1e-5f0e-4d55-9a0b-1c2d3e4f5a6b), key')
    assert signer.describe().endswith("unknown to this catalogue") and not signer.trusted
