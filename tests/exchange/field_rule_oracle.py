"""The oracle of the field-level property (tests/exchange/test_properties.py): what every
office must hold once it has seen a set of writes, written from the rule in
docs/bundle-format.md ("Field-level merge"), not imported from the code it checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccn_desktop.catalogue.aliases import resolve_list
from ccn_desktop.catalogue.entities import ENTITIES


def seen(vector: dict[str, int], office: str, counter: int) -> bool:
    return vector.get(office, 0) >= counter


@dataclass(frozen=True)
class Write:
    """One local write: its office, counter and time, the version vector after it, the
    fields it set (with their values) and what it did to deletion (None, delete, restore)."""

    office: str
    counter: int
    at: str
    vector: dict[str, int]
    values: dict[str, Any]
    register: str | None

    def saw(self, other: Write) -> bool:
        return other is not self and seen(self.vector, other.office, other.counter)


def resolved_with(cities: Any, value: Any) -> Any:
    """A link value naming the cities the merges kept (other values as they are)."""
    return resolve_list(cities, value) if isinstance(value, list) else value


def survivors(writes: list[Write]) -> list[Write]:
    """The writes no other write of the list had seen."""
    return [w for w in writes if not any(other.saw(w) for other in writes)]


@dataclass
class Expected:
    """What the rule says a record holds once an office has seen `writes`."""

    fields: dict[str, list[Write]]  # the surviving writes of each field
    register: list[Write]  # the surviving writes to deletion
    # How a value is compared: a link names the city its merges kept (identity otherwise).
    resolve: Any = lambda value: value

    @classmethod
    def of(cls, entity: str, writes: list[Write], resolve: Any = None) -> Expected:
        fields = {name: survivors([w for w in writes if name in w.values])
                  for name in ENTITIES[entity].field_names}  # fmt: skip
        expected = cls(fields, survivors([w for w in writes if w.register]))
        if resolve is not None:
            expected.resolve = resolve
        return expected

    def values(self, name: str) -> list[Any]:
        found: list[Any] = []
        for write in self.fields[name]:
            value = self.resolve(write.values[name])
            if value not in found:
                found.append(value)
        return found

    def shown(self, name: str) -> Any:
        latest = max(self.fields[name], key=lambda w: (w.at, w.office, w.counter))
        return latest.values[name]

    def conflicting(self) -> list[str]:
        return [name for name in self.fields if len(self.values(name)) > 1]

    def edited_while_deleted(self) -> bool:
        deletions = [w for w in self.register if w.register == "delete"]
        if not deletions:
            return False
        if len(deletions) < len(self.register):
            return True
        known: dict[str, int] = {}
        for write in deletions:
            for office, counter in write.vector.items():
                known[office] = max(known.get(office, 0), counter)
        return any(not seen(known, w.office, w.counter)
                   for writes in self.fields.values() for w in writes)  # fmt: skip

    @property
    def deleted(self) -> bool:
        return any(w.register == "delete" for w in self.register) and (
            not self.edited_while_deleted()
        )

    @property
    def needs_review(self) -> bool:
        return self.edited_while_deleted() or (not self.deleted and bool(self.conflicting()))
