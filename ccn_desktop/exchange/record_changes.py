"""What an import does to one record, as a person reviews it: its kind and differences.

Shared by both ways in — a bundle (plan.py, record_merge.py) and a spreadsheet
(spreadsheet/plan.py) — so that the preview, the CLI summary and the apply step name
the same kinds of change. `kind_of` decides a record's kind from what is shown here,
what will be shown after, and whose writes each side holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.versions import covers
from ccn_desktop.i18n import ngettext, number


class ChangeKind(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    MERGED = "merged"  # concurrent versions that changed different fields: no review
    DELETED = "deleted"
    RESTORED = "restored"
    CONFLICT = "conflict"
    UNCHANGED = "unchanged"


KINDS = tuple(ChangeKind)

_COUNTED = {
    ChangeKind.NEW: lambda n: ngettext("{n} new", "{n} new", n),
    ChangeKind.UPDATED: lambda n: ngettext("{n} updated", "{n} updated", n),
    # concurrent edits of different fields, joined: an update no one needs to review
    ChangeKind.MERGED: lambda n: ngettext("{n} merged", "{n} merged", n),
    ChangeKind.DELETED: lambda n: ngettext("{n} deleted", "{n} deleted", n),
    ChangeKind.RESTORED: lambda n: ngettext("{n} restored", "{n} restored", n),
    ChangeKind.CONFLICT: lambda n: ngettext("{n} conflict", "{n} conflicts", n),
    ChangeKind.UNCHANGED: lambda n: ngettext("{n} unchanged", "{n} unchanged", n),
}


def counted(kind: ChangeKind, count: int) -> str:
    """'3 new', '1 mise à jour': a number of changes of one kind, as the command line and
    the window both say it (singular and plural as the language has them)."""
    return _COUNTED[kind](count).format(n=number(count))


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str
    mine: Any
    theirs: Any


@dataclass
class RecordChange:
    """What happens to one record. For a conflict, `theirs` is the incoming version."""

    entity: str
    uuid: str
    kind: ChangeKind
    title: str
    where: str  # the bundle's place of the (first) incoming version, e.g. cities[3]
    mine: dict[str, Any] | None  # the version shown now (None: new here)
    theirs: dict[str, Any]  # the version shown after the import, or the conflicting side
    diffs: list[FieldDiff] = field(default_factory=list)
    # Fields changed here that the bundle had not seen, and fields the bundle changed
    # that this catalogue had not seen (a merge takes both); fields left in conflict.
    fields_here: list[str] = field(default_factory=list)
    fields_there: list[str] = field(default_factory=list)
    conflicting: list[str] = field(default_factory=list)


def kind_of(
    mine: dict[str, Any] | None,
    theirs: dict[str, Any],
    *,
    review: bool,
    incoming_vector: dict[str, int],
    here_vector: dict[str, int],
) -> ChangeKind:
    """The kind of change from `mine` (shown here; None: new here) to `theirs` (shown after
    the import), `review` when it needs a person, and the version vectors of the incoming
    writes and of the record here (a newer version updates, a concurrent one merges)."""
    if mine is None:
        return ChangeKind.DELETED if theirs["deleted"] else ChangeKind.NEW
    if review:
        return ChangeKind.CONFLICT
    if theirs["deleted"] and not mine["deleted"]:
        return ChangeKind.DELETED
    if mine["deleted"] and not theirs["deleted"]:
        return ChangeKind.RESTORED
    if covers(incoming_vector, here_vector):
        return ChangeKind.UPDATED
    return ChangeKind.MERGED


def field_diffs(entity: str, mine: dict[str, Any], theirs: dict[str, Any]) -> list[FieldDiff]:
    """The fields (and deletion) shown differently before and after."""
    found = []
    if mine["deleted"] != theirs["deleted"]:
        found.append(FieldDiff("deleted", "Deleted", mine["deleted"], theirs["deleted"]))
    for spec in ENTITIES[entity].fields:
        if mine.get(spec.name) != theirs.get(spec.name):
            found.append(
                FieldDiff(spec.name, spec.label, mine.get(spec.name), theirs.get(spec.name))
            )
    return found
