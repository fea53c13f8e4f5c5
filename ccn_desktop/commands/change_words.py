"""The words the command line prints for one change of an import plan, in the user's language.

The plan's `ChangeKind` values and entity names are identifiers ("updated", "city");
printed raw they stayed English in a French or Spanish listing.
"""

from __future__ import annotations

from ccn_desktop.i18n import _, pgettext


def kind_word(kind: str) -> str:
    """'new', 'updated', … for a `ChangeKind` (lower case: a listing's first column)."""
    words = {
        "new": pgettext("change", "new"),
        "updated": pgettext("change", "updated"),
        "merged": pgettext("change", "merged"),
        "deleted": pgettext("change", "deleted"),
        "restored": pgettext("change", "restored"),
        "conflict": pgettext("change", "conflict"),
        "unchanged": pgettext("change", "unchanged"),
    }
    return words.get(str(kind), str(kind))


def entity_word(entity: str) -> str:
    """'city', 'conference', 'project' as the user's language names the record type."""
    from ccn_desktop.catalogue.entities import ENTITIES

    spec = ENTITIES.get(entity)
    return _(spec.label).lower() if spec is not None else entity


def column(text: str, width: int) -> str:
    """`text` padded to `width` characters (a longer translation is not cut)."""
    return text.ljust(width)
