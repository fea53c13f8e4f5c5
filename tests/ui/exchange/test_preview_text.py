"""The words of the import preview that depend on the signer alone."""

from __future__ import annotations

from pathlib import Path

from ccn_desktop.commands.import_bundle import counts_text
from ccn_desktop.exchange.offices import SignerStatus
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.ui.exchange.import_flow import counts_lines
from ccn_desktop.ui.exchange.preview_text import summary_text, trust_text
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import export, send
from tests.helpers import city_values


def test_each_trust_level_has_its_own_sentence() -> None:
    texts = {status: trust_text(status) for status in SignerStatus}
    assert len(set(texts.values())) == len(SignerStatus)
    assert "do not import" in texts[SignerStatus.UNKNOWN]
    assert "Compare the fingerprint" in texts[SignerStatus.NOT_TRUSTED]
    assert "no trust step" in texts[SignerStatus.REFERENCE]


def test_a_merge_of_different_fields_is_counted_everywhere_it_is_summed_up(
    make_office: MakeOffice, stick: Path
) -> None:
    """Concurrent edits of different fields join without review (ChangeKind.MERGED): the
    preview, the window's result and the command line each count them."""
    dakar, paris = make_office("Dakar"), make_office("Paris")
    city = dakar.add("city", city_values(website="https://a.example.org"))
    send(dakar, paris, stick)
    dakar.update("city", city, {"website": "https://dakar.example.org"})
    paris.update("city", city, {"notes": "Paris was here"})
    plan = make_plan(paris, read_bundle(export(dakar, stick)))
    assert [change.kind for change in plan.changes] == [ChangeKind.MERGED]
    assert summary_text(plan).startswith("1 merged;")
    assert counts_lines(plan.counts) == ["Cities: 1 merged"]
    assert counts_text(plan.counts).startswith("cities 1 merged;")
