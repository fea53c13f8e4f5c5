"""The words of the import preview that depend on the signer alone."""

from __future__ import annotations

from ccn_desktop.exchange.offices import SignerStatus
from ccn_desktop.ui.exchange.preview_text import trust_text


def test_each_trust_level_has_its_own_sentence() -> None:
    texts = {status: trust_text(status) for status in SignerStatus}
    assert len(set(texts.values())) == len(SignerStatus)
    assert "do not import" in texts[SignerStatus.UNKNOWN]
    assert "Compare the fingerprint" in texts[SignerStatus.NOT_TRUSTED]
    assert "no trust step" in texts[SignerStatus.REFERENCE]
