from __future__ import annotations

import pytest

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
