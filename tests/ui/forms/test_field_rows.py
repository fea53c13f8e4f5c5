"""The rows of a record form: each label's Alt letter."""

from __future__ import annotations

from ccn_desktop.ui.forms.field_rows import with_mnemonic


def test_with_mnemonic_prefers_word_starts_and_skips_used_letters() -> None:
    used: set[str] = {"n"}
    assert with_mnemonic("Name", used) == "N&ame"
    assert with_mnemonic("Country name", used) == "&Country name"
    assert with_mnemonic("File", set()) == "F&ile"  # F belongs to the File menu
