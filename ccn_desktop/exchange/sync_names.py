"""Names of the bundles a sync leaves: readable by a person, safe on a FAT-formatted stick.

`to Bamako Field Office from Nairobi Regional Office 2026-12-05.ccnbundle.json`:
a person can tell at a glance which file is for whom. The name is only for people:
a sync recognises the file it left for a receiver by the signed manifest (office
and addressee), never by the name, so a renamed or copied file cannot mislead it.

FAT (and Windows) refuse `< > : " / \\ | ? *` and control characters, and a name
ending in a dot or a space; a long name holds at most 255 UTF-16 units, and most
Linux file systems 255 UTF-8 bytes. Each office name is cut to a part well inside
both limits, so the whole name stays under 200 of either.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ccn_desktop.exchange.format import FILE_SUFFIX
from ccn_desktop.i18n import _

FORBIDDEN = frozenset('<>:"/\\|?*')
# Control, format, surrogate and separator characters: invisible, or refused by a file system.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
PART_UNITS = 70  # UTF-16 units of one office name in a file name
PART_BYTES = 90  # UTF-8 bytes of the same
NAME_LIMIT = 200  # units and bytes of a whole name, well under FAT's and ext4's 255


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fits(text: str, units: int, size: int) -> bool:
    return utf16_units(text) <= units and len(text.encode("utf-8")) <= size


def safe_part(text: str, units: int = PART_UNITS, size: int = PART_BYTES) -> str:
    """`text` made safe inside a file name: forbidden characters become `-`, invisible
    ones go, spaces are collapsed, cut to `units` UTF-16 units and `size` UTF-8 bytes,
    no dot or space at either end."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if char in FORBIDDEN:
            kept.append("-")
        elif unicodedata.category(char) in _DROPPED_CATEGORIES:
            kept.append(" ")
        else:
            kept.append(char)
    result = " ".join("".join(kept).split())
    while result and not _fits(result, units, size):
        result = result[:-1]
    return result.strip(". ") or "office"


def bundle_name(receiver: str, sender: str, day: dt.date, number: int = 1) -> str:
    """The file name of the bundle `sender` leaves for `receiver` on `day`; `number` > 1
    when that name is already taken by a file that is not this office's."""
    base = _("to {receiver} from {sender}").format(
        receiver=safe_part(receiver), sender=safe_part(sender)
    )
    tail = f" {day:%Y-%m-%d}" + (f" ({number})" if number > 1 else "")
    return safe_part(base, NAME_LIMIT - 40, NAME_LIMIT - 40) + tail + FILE_SUFFIX


def new_offices_label() -> str:
    """The receiver named in the full bundle a sync leaves for offices it has not met."""
    return _("new offices")


_PARTIAL = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.partial$")
_DAY_TAIL = re.compile(r"^ \d{4}-\d{2}-\d{2}( \(\d+\))?" + re.escape(FILE_SUFFIX) + "$")


def is_own_partial(file_name: str, receivers: list[str], sender: str) -> bool:
    """Whether `file_name` is the temporary file of a bundle `sender` was writing for one
    of `receivers` when the stick was taken out (export's `.NAME.XXXXXXXX.partial`)."""
    match = _PARTIAL.match(file_name)
    if match is None:
        return False
    name = match["name"]
    for receiver in receivers:
        prefix = bundle_name(receiver, sender, _ANY_DAY).removesuffix(_ANY_DAY_TAIL)
        if name.startswith(prefix) and _DAY_TAIL.match(name[len(prefix) :]):
            return True
    return False


_ANY_DAY = dt.date(2000, 1, 1)
_ANY_DAY_TAIL = f" {_ANY_DAY:%Y-%m-%d}{FILE_SUFFIX}"
