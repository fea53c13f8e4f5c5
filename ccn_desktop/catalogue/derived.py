"""What a record's row holds besides its values: its folded title and its search text.

Both are computed from a snapshot and the titles of the records it links to, by
the rules entities.py declares (`title_field`, `title_links`, `FieldSpec.searched`),
and only here: the writer (catalogue/writer.py) stores them for every write, local
or imported, so a record is found by the same words in every office.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.validation import country_name

SEARCH_KEY_LENGTH = 500
_WEB_ADDRESS = re.compile(r"\bhttps?://\S+", re.IGNORECASE)


def title_of(entity: str, values: Mapping[str, Any], linked: Mapping[str, Sequence[str]]) -> str:
    """The words a person calls the record by ("Łódź", "2018 Kraków / Katowice").

    `linked` maps each link field to the titles of the records it names, in order.
    """
    spec = ENTITIES[entity]
    return spec.title(values, linked.get(spec.title_links, ()) if spec.title_links else ())


def search_key(entity: str, values: Mapping[str, Any], linked: Mapping[str, Sequence[str]]) -> str:
    """The folded title kept in the row, for duplicates and short searches."""
    return fold(title_of(entity, values, linked))[:SEARCH_KEY_LENGTH]


def search_text(entity: str, values: Mapping[str, Any], linked: Mapping[str, Sequence[str]]) -> str:
    """Folded words a person may type to find the record: its searched fields, country
    names, years, and the titles of the records it links to.

    Web addresses are left out: a source link such as krakowcityofliterature.com in
    Gothenburg's notes must not make "krakow" find Gothenburg.
    """
    parts: list[str] = []
    link_parts: list[str] = []
    for field in ENTITIES[entity].fields:
        if not field.searched:
            continue
        value = values.get(field.name)
        if field.kind == Kind.LINKS:
            link_parts.extend(linked.get(field.name, ()))
        elif field.kind == Kind.TEXT_LIST:
            parts.extend(value or [])
        elif field.kind == Kind.COUNTRY:
            if value:
                parts.extend((value, country_name(value)))
        elif field.kind in (Kind.YEAR, Kind.INT, Kind.FLOAT):
            if value is not None:
                parts.append(str(value))
        else:
            text = str(value or "")
            parts.append(_WEB_ADDRESS.sub(" ", text) if "://" in text else text)
    parts.extend(link_parts)
    return fold(" \n ".join(part for part in parts if part))
