"""Why a bundle did not parse, as the one sentence a person reads.

The parser (pydantic-core) and the format's types (format.py) report problems in
their own terms — a byte offset, "EOF while parsing", a location tuple with a union
tag in it. These turn each into a sentence that says what is wrong and names the
place (`cities[12].designation_year`), for the file and for the manifest alike.
"""

from __future__ import annotations

from pydantic import ValidationError

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.file_checks import path_text
from ccn_desktop.exchange.format import PATTERN_WORDS
from ccn_desktop.i18n import _, ngettext


def utf8_problem(data: bytes) -> str:
    """The message for bytes that are not UTF-8, or "" — asked only once parsing failed,
    so a good bundle is not decoded twice."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _(
            "The file is not UTF-8 text (invalid byte at position {start}); it is not a bundle."
        ).format(start=exc.start)
    return ""


def json_problem(detail: str) -> str:
    """The sentence for the parser's error text `detail` (depth, truncation, a line)."""
    if "recursion limit" in detail:
        return _("The file is not a bundle: its JSON is nested too deeply.")
    if "EOF while parsing" in detail:
        return _(
            "The bundle is incomplete: the file ends in the middle of its content (was it copied "
            "completely?)."
        )
    where = detail.rsplit(" at line ", 1)
    if len(where) == 2:
        return _("The file is not a bundle: it is not valid JSON (line {line}).").format(
            line=where[1]
        )
    return _("The file is not a bundle: it is not valid JSON.")


def schema_error(exc: ValidationError, root: str) -> BundleError:
    """The first of `exc`'s problems, at its place under `root` ("manifest" or "payload")."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    if first["type"] == "json_invalid":
        return BundleError(json_problem(str(first.get("ctx", {}).get("error", ""))))
    location = list(first["loc"])
    # A tagged union puts the tag in the location (tombstones[3].city.name): drop it.
    if len(location) >= 3 and isinstance(location[1], int) and location[2] in ENTITIES:
        del location[2]
    where = path_text(tuple(location))
    if root == "manifest":
        where = f"manifest.{where}" if where else "manifest"
    elif not where:
        where = root
    kind = first["type"]
    if kind == "extra_forbidden" and root == "payload" and len(location) == 1:
        problem = _("unknown record type {value!r}").format(value=str(location[0])[:40])
    elif kind == "union_tag_invalid":
        tag = str(first.get("ctx", {}).get("tag", ""))[:40]
        problem = _("unknown record type {tag!r}").format(tag=tag)
        where = f"{where}.entity"
    elif kind == "extra_forbidden":
        problem = _("is not a field of this format")
    elif kind == "missing":
        problem = _("is missing")
    elif kind == "string_pattern_mismatch":
        pattern = str(first.get("ctx", {}).get("pattern", ""))
        problem = PATTERN_WORDS.get(pattern, "is not written as the format requires")
    else:
        message = first["msg"]
        problem = message[0].lower() + message[1:]
    more = len(errors) - 1
    also = (
        ngettext(" (and {n} more problem)", " (and {n} more problems)", more).format(n=more)
        if more
        else ""
    )
    return BundleError(
        _("The bundle is not valid at {where}: {problem}{also}.").format(
            where=where, problem=problem, also=also
        ),
        where,
    )
