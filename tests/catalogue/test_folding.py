from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.folding import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łódź", "lodz"),
        ("Östersund", "ostersund"),
        ("osterSUND", "ostersund"),
        ("Niš", "nis"),
        ("Québec City", "quebec city"),
        ("Kırşehir", "kirsehir"),
        ("Bistrița", "bistrita"),
        ("  São   Paulo ", "sao paulo"),
        ("釜山", "釜山"),
        ("Straße", "strasse"),
    ],
)
def test_fold_removes_accents_case_and_extra_spaces(text: str, folded: str) -> None:
    assert fold(text) == folded


def _reference_fold(text: str) -> str:
    """fold() as first written, on the whole string at once."""
    import re
    import unicodedata

    from ccn_desktop.catalogue.folding import _SPECIAL_LETTERS

    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped.casefold().translate(_SPECIAL_LETTERS)).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.text(alphabet="aeiouŁłÅåÉéØøßẞǅ̧̨͂ﬁ①㎏ \t\n", max_size=200))
def test_folding_by_character_equals_folding_the_whole_text(text: str) -> None:
    assert fold(text) == _reference_fold(text)
    assert fold(text * 10) == _reference_fold(text * 10)
