"""Which failures reach the user as a sentence."""

from __future__ import annotations

from ccn_desktop.catalogue.errors import NotACatalogueError
from ccn_desktop.catalogue.starter import StarterError
from ccn_desktop.errors import user_message


def test_known_failures_are_sentences_and_bugs_are_not() -> None:
    assert user_message(NotACatalogueError("x is not a catalogue.")) == "x is not a catalogue."
    assert user_message(StarterError("The starter bundle is damaged.")) == (
        "The starter bundle is damaged."
    )
    assert user_message(OSError(28, "No space left on device", "/stick/a.json")) == (
        "No space left on device: /stick/a.json"
    )
    assert user_message(KeyError("bug")) is None
