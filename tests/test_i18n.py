"""Choosing the language: the system's, the saved choice, a sheet's own; one thread at a time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from ccn_desktop import i18n
from ccn_desktop.cli_language import language_option


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "es_EC.UTF-8"}, "es"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_CO.UTF-8", "LANG": "fr_SN.UTF-8"}, "es"),
        ({"LC_ALL": "fr_CA.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "fr"),
        # LANGUAGE is a list of preferences; the first one the program has wins
        ({"LANGUAGE": "de:es:fr", "LANG": "fr_FR.UTF-8"}, "es"),
        ({"LANGUAGE": "de", "LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "es-419"}, "es"),
    ],
)
def test_system_language_follows_the_posix_order(environ: dict[str, str], expected: str) -> None:
    assert i18n.system_language(environ) == expected


def test_saved_choice_comes_before_the_system_and_the_option_before_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "es")
    assert i18n.choose_language(None, tmp_path) == "es"
    i18n.save_language(tmp_path, "fr")
    assert i18n.saved_language(tmp_path) == "fr"
    assert i18n.choose_language(None, tmp_path) == "fr"
    assert i18n.choose_language("en", tmp_path) == "en"
    i18n.save_language(tmp_path, None)  # back to the system's
    assert i18n.choose_language(None, tmp_path) == "es"
    (tmp_path / i18n.LANGUAGE_FILE_NAME).write_text("klingon\n", encoding="utf-8")
    assert i18n.saved_language(tmp_path) is None
    with pytest.raises(ValueError, match="unknown language"):
        i18n.save_language(tmp_path, "de")


def test_use_language_translates_core_messages() -> None:
    assert i18n._("Cities") == "Cities"
    i18n.use_language("fr")
    assert (i18n._("Cities"), i18n.current_language()) == ("Villes", "fr")
    i18n.use_language("es")
    assert i18n.ngettext("{n} city", "{n} cities", 3).format(n=3) == "3 ciudades"


def test_speaking_changes_this_thread_only() -> None:
    i18n.use_language("fr")
    seen: list[str] = []
    inside = threading.Event()
    leave = threading.Event()

    def other_thread() -> None:
        inside.wait(5)
        seen.append(i18n._("Cities"))
        leave.set()

    thread = threading.Thread(target=other_thread)
    thread.start()
    with i18n.speaking("es"):
        assert (i18n._("Cities"), i18n.current_language()) == ("Ciudades", "es")
        inside.set()
        leave.wait(5)
    thread.join(5)
    assert seen == ["Villes"]  # the program's language, not the sheet's
    assert (i18n._("Cities"), i18n.current_language()) == ("Villes", "fr")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--language", "fr", "info"], "fr"),
        (["--language=es", "info"], "es"),
        (["--data-dir", "x", "--language", "es"], "es"),
        (["factsheet", "--language", "es", "--all"], None),  # the sheet's, not the program's
        (["--language", "de", "info"], None),  # argparse says what is wrong
        (["info"], None),
    ],
)
def test_language_option_is_read_before_the_command(argv: list[str], expected: str | None) -> None:
    assert language_option(argv) == expected
