"""Accent- and case-folding, so that "lodz" finds Łódź and "nis" finds Niš.

Unicode decomposition removes most accents; a few letters are not decomposable
(ł, ø, đ, ß, æ …) and are mapped by hand. Scripts without case or accents
(釜山) pass through unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "þ": "th", "Þ": "th", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ŀ": "l", "Ŀ": "l",
        "‘": "'", "’": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def _fold_character(character: str) -> str:
    """Every step of folding but the squeeze of white space, for one character."""
    decomposed = unicodedata.normalize("NFKD", character.translate(_SPECIAL_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_SPECIAL_LETTERS)


class _FoldTable(dict[int, str]):
    """Character → its folded text, worked out on first sight (`str.translate` reads it).

    Folding acts on one character at a time — decomposition's reordering only moves
    combining marks, which are all dropped — so translating through this table and
    then squeezing white space gives the same text as folding the whole string, at
    C speed on long paragraphs (an import folds the text of every record).
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_character(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of `text` for matching."""
    if len(text) <= 64:
        return _fold_short(text)
    return _SPACES.sub(" ", text.translate(_TABLE)).strip()


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_TABLE)).strip()
