"""A number of changes of one kind, as the command line and the window say it."""

from __future__ import annotations

import pytest

from ccn_desktop import i18n
from ccn_desktop.exchange.record_changes import ChangeKind, counted


@pytest.mark.parametrize(
    ("language", "kind", "count", "said"),
    [
        ("en", ChangeKind.NEW, 1, "1 new"),
        ("en", ChangeKind.CONFLICT, 2, "2 conflicts"),
        ("fr", ChangeKind.NEW, 1, "1 nouvelle"),  # une fiche: singular up to 1
        ("fr", ChangeKind.UPDATED, 3, "3 mises à jour"),
        ("fr", ChangeKind.UNCHANGED, 1, "1 inchangée"),
        ("fr", ChangeKind.UNCHANGED, 420495, "420\u202f495 inchangées"),
        ("es", ChangeKind.NEW, 1, "1 nuevo"),
        ("es", ChangeKind.UPDATED, 2, "2 actualizados"),
    ],
)
def test_a_count_of_changes_in_each_language(
    language: str, kind: ChangeKind, count: int, said: str
) -> None:
    with i18n.speaking(language):
        assert counted(kind, count) == said
