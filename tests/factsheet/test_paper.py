"""Paper sizes: names typed by people, and the locale's default."""

from __future__ import annotations

import pytest

from ccn_desktop.factsheet.paper import (
    PaperError,
    known_paper,
    paper_for_locale_name,
    paper_for_territory,
)


@pytest.mark.parametrize(
    ("name", "paper"),
    [("en_US.UTF-8", "Letter"), ("fr_CA", "Letter"), ("es-MX", "Letter"), ("en_PH@euro", "Letter"),
     ("fr_FR.UTF-8", "A4"), ("de_DE", "A4"), ("en", "A4"), ("C", "A4"), ("", "A4")],
)  # fmt: skip
def test_locale_names(name: str, paper: str) -> None:
    assert paper_for_locale_name(name) == paper


def test_territories_and_typed_names() -> None:
    assert (paper_for_territory("us"), paper_for_territory("BR")) == ("Letter", "A4")
    assert (known_paper(" a4 "), known_paper("LETTER")) == ("A4", "Letter")
    with pytest.raises(PaperError, match="Unknown paper size 'A3'; choose A4 or Letter"):
        known_paper("A3")
