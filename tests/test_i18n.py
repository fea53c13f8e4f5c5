"""Choosing the language: the system's, the saved choice, a sheet's own; one thread at a time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# -- numbers -------------------------------------------------------------------------------

# How each language groups thousands, as CLDR writes it: a comma; U+202F NARROW NO-BREAK
# SPACE; a full stop. Written out here, not asked of Babel, so that the test is an oracle.
GROUP = {"en": ",", "fr": "\u202f", "es": "."}
DECIMAL_MARK = {"en": ".", "fr": ",", "es": ","}


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "420,495"), ("fr", "420\u202f495"), ("es", "420.495")]
)
def test_a_count_is_grouped_as_the_language_writes_it(language: str, expected: str) -> None:
    i18n.use_language(language)
    assert i18n.number(420495) == expected
    assert i18n.number(7) == "7"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ("1,234.5", "0.2", "3")), ("fr", ("1\u202f234,5", "0,2", "3")),
     ("es", ("1.234,5", "0,2", "3"))],
)  # fmt: skip
def test_a_decimal_has_the_languages_mark_and_its_places(
    language: str, expected: tuple[str, str, str]
) -> None:
    i18n.use_language(language)
    assert (i18n.decimal(1234.5, 1), i18n.decimal(0.2, 1), i18n.decimal(3.0, 0)) == expected


def test_numbers_follow_a_sheet_printed_in_another_language() -> None:
    i18n.use_language("fr")
    with i18n.speaking("es"):
        assert i18n.number(420495) == "420.495"
    assert i18n.number(420495) == "420\u202f495"


def grouped(value: int, separator: str) -> str:
    """The oracle: the digits in threes from the right, joined by `separator`."""
    digits = str(abs(value))
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return ("-" if value < 0 else "") + separator.join(groups)


@given(st.integers(min_value=-(10**18), max_value=10**18), st.sampled_from(sorted(GROUP)))
def test_any_count_reads_in_groups_of_three_digits(value: int, language: str) -> None:
    with i18n.speaking(language):
        assert i18n.number(value) == grouped(value, GROUP[language])


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_a_decimal_keeps_exactly_its_places(whole: int, hundredths: int) -> None:
    """A value written with two decimals, shown with two: nothing rounds, so the text is
    the whole part grouped, the language's decimal mark, then the same two digits."""
    value = float(f"{whole}.{hundredths:02d}")
    for language in GROUP:
        with i18n.speaking(language):
            expected = f"{grouped(whole, GROUP[language])}{DECIMAL_MARK[language]}{hundredths:02d}"
            assert i18n.decimal(value, 2) == expected
