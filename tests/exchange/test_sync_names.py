"""The names a sync gives its bundles are readable and safe on a FAT-formatted stick."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.exchange.sync_names import bundle_name

# FAT's rules, written out here rather than taken from the code under test.
FAT_FORBIDDEN = set('<>:"/\\|?*') | {chr(code) for code in range(32)} | {"\x7f"}

office_names = st.text(min_size=1, max_size=200)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2999, 12, 31))


def test_the_name_a_person_reads() -> None:
    name = bundle_name("Bamako Field Office", "Nairobi Regional Office", dt.date(2026, 12, 5))
    assert name == "to Bamako Field Office from Nairobi Regional Office 2026-12-05.ccnbundle.json"
    assert bundle_name("A: B / C?", "Paris*", dt.date(2026, 1, 2), 3) == (
        "to A- B - C- from Paris- 2026-01-02 (3).ccnbundle.json"
    )


@settings(max_examples=300)
@given(office_names, office_names, days, st.integers(min_value=1, max_value=99))
def test_names_are_safe_on_fat(receiver: str, sender: str, day: dt.date, number: int) -> None:
    name = bundle_name(receiver, sender, day, number)
    assert not (set(name) & FAT_FORBIDDEN)
    assert name.endswith(".ccnbundle.json")
    assert name == name.strip() and not name.startswith(".")
    assert len(name.encode("utf-16-le")) // 2 <= 255
    assert len(name.encode("utf-8")) <= 255
    assert name.startswith("to ")
    assert f" {day:%Y-%m-%d}" in name
    name.encode("utf-8")  # no lone surrogate: the name can be written at all
    stem = name.removesuffix(".ccnbundle.json")
    assert stem == stem.rstrip(". ")


@settings(max_examples=40, deadline=None)
@given(office_names, office_names)
def test_names_can_be_created(tmp_path_factory, receiver: str, sender: str) -> None:  # type: ignore[no-untyped-def]
    folder: Path = tmp_path_factory.mktemp("names")
    path = folder / bundle_name(receiver, sender, dt.date(2026, 12, 5))
    path.write_bytes(b"{}")
    assert [p.name for p in folder.iterdir()] == [path.name]
