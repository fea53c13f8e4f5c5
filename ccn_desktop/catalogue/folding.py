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


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of `text` for matching."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold().translate(_SPECIAL_LETTERS)).strip()
