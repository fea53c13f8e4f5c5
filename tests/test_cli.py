"""`ccn-desktop`'s own handling around every command: an unexpected error is one line,
and a console whose code page lacks a character still gets the whole message."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from ccn_desktop.cli import main
from tests.exchange.bundles import make_bundle, office_key, sample_payload, write


def test_an_unexpected_error_is_one_line_with_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ccn_desktop.commands import info

    def broken(*args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(info, "run", broken)
    assert main(["--data-dir", str(tmp_path), "info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ccn-desktop: unexpected error (RuntimeError: boom)"), err
    assert err.count("\n") == 1


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "ascii"])
def test_a_code_page_without_the_narrow_space_still_gets_the_size(
    encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Windows console redirected to a file writes in its code page; French's U+202F
    (thousands) is not in it, so a no-break space (or a space) stands in."""
    bundle = write(tmp_path / "b.ccnbundle.json", make_bundle(sample_payload(), office_key()))
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    args = ["--language", "fr", "--data-dir", str(tmp_path / "nowhere"), "verify", str(bundle)]
    assert main(args) == 0
    stream.flush()
    out = raw.getvalue().decode(encoding)
    size = bundle.stat().st_size
    space = "\u00a0" if encoding != "ascii" else " "  # cp1252 and cp850 have U+00A0
    assert f"({size:,} octets)".replace(",", space) in out, out
