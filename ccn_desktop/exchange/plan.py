"""Import, step one: what a verified bundle would change, computed without writing.

For each record the bundle carries, its versions are merged field by field with the
record here (catalogue/field_merge.py): a version the catalogue has already seen
changes nothing; a newer one is taken; a concurrent one merges — each field changed
on one side only takes that side's value, a field changed on both sides to different
values becomes a field conflict. The plan lists new, updated, merged, deleted,
restored, conflicting and unchanged records with their field-by-field differences
and the fields each side brought, the likely duplicates, and who signed the bundle —
and holds everything `apply` will write, so that applying does not compute anything
twice.

Every version that will be stored passes the same rules as a form, and a link must
name a city in the bundle or in the catalogue (exchange/incoming.py). The first
problem refuses the whole bundle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pydantic_core
from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import aliases as alias_rules
from ccn_desktop.catalogue import field_merge, store
from ccn_desktop.catalogue.duplicates import duplicate_key, live_keys, merged_pairs
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.field_merge import RecordState
from ccn_desktop.catalogue.models import RECORD_MODELS, Alias, City, KnownOffice, Office
from ccn_desktop.catalogue.validation import clean
from ccn_desktop.catalogue.versions import covers, merged
from ccn_desktop.exchange import incoming
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.offices import Signer, SignerStatus, identify_signer
from ccn_desktop.exchange.rows import Progress
from ccn_desktop.exchange.verified import VerifiedBundle, Version
from ccn_desktop.i18n import _

_CHUNK = 500


class ChangeKind(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    MERGED = "merged"  # concurrent versions that changed different fields: no review
    DELETED = "deleted"
    RESTORED = "restored"
    CONFLICT = "conflict"
    UNCHANGED = "unchanged"


KINDS = tuple(ChangeKind)


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


@dataclass(frozen=True)
class LikelyDuplicate:
    entity: str
    incoming_uuid: str
    incoming_title: str
    existing_uuid: str
    existing_title: str


@dataclass
class RecordWrite:
    """The new held set of one record, as apply writes it."""

    entity: str
    uuid: str
    row_id: int | None  # None: a new record
    winner: dict[str, Any]  # snapshot of the merged state (meta, every field, field_versions)
    winner_changed: bool  # always True: a merged state that changes nothing is not written
    siblings: list[dict[str, Any]]  # unused since field-level merge (no conflict_version rows)
    needs_review: bool
    history: list[tuple[dict[str, Any], str, str]]  # (snapshot, action, origin)


@dataclass
class ImportPlan:
    bundle: VerifiedBundle
    signer: Signer
    changes: list[RecordChange]  # every record that changes (unchanged ones are only counted)
    counts: dict[str, dict[str, int]]  # entity -> kind -> number
    duplicates: list[LikelyDuplicate]
    new_aliases: list[dict[str, Any]]
    knowledge_after: dict[str, int]
    # What the sender knows, as far as the bundle proves it (see `proven_knowledge`).
    sender_knowledge: dict[str, int]
    writes: list[RecordWrite]
    state: tuple[int, tuple[tuple[str, int], ...]]  # the catalogue the plan was made on
    office_update_needed: bool

    @property
    def trusted(self) -> bool:
        return self.signer.trusted

    @property
    def nothing_to_do(self) -> bool:
        """Re-importing a bundle: nothing to write, not even the sender's knowledge."""
        return not (self.writes or self.new_aliases or self.office_update_needed)

    def total(self, kind: ChangeKind) -> int:
        return sum(per_kind.get(kind, 0) for per_kind in self.counts.values())


def make_plan(
    catalogue: Catalogue, bundle: VerifiedBundle, *, progress: Progress | None = None
) -> ImportPlan:
    """The plan for importing `bundle` into `catalogue`; raises BundleError."""
    with catalogue.session() as session, collector_paused():
        return plan_in_session(session, bundle, progress=progress)


def state_of(office: Office) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Changes whenever the catalogue's records can have changed (a local write takes a
    counter; an import that stores anything raises the knowledge)."""
    return office.counter, tuple(sorted(office.knowledge.items()))


def plan_in_session(
    session: Session, bundle: VerifiedBundle, *, progress: Progress | None = None
) -> ImportPlan:
    signer = identify_signer(session, bundle)
    office = session.scalars(select(Office)).one()
    _check_addressee(session, bundle, office)
    groups = _group(bundle.versions())
    pairs, new_aliases = _aliases(session, bundle)
    city_map = alias_rules.representatives(pairs)
    incoming_cities = {uuid for entity, uuid in groups if entity == "city"}
    writes: list[RecordWrite] = []
    changes: list[RecordChange] = []
    counts: dict[str, dict[str, int]] = {
        entity: {str(kind): 0 for kind in KINDS} for entity in ENTITIES
    }
    for entity in ENTITIES:
        uuids = [uuid for name, uuid in groups if name == entity]
        if not uuids:
            continue
        if progress is not None:
            progress(f"Comparing {ENTITIES[entity].label_plural.lower()}", 0, len(uuids))
        local = _local_rows(session, entity, uuids)
        outcomes = []
        for uuid in uuids:
            outcome = _unseen(entity, uuid, local.get(uuid), groups[(entity, uuid)])
            if outcome is None:
                counts[entity][ChangeKind.UNCHANGED] += 1
            else:
                outcomes.append(outcome)
        if not outcomes:
            continue
        mine = _snapshots(session, entity, [o.row_id for o in outcomes if o.row_id is not None])
        known = _known_cities(session, outcomes, incoming_cities, city_map)
        for outcome in outcomes:
            prepared = _prepare(outcome, mine.get(outcome.uuid), city_map, known, bundle)
            if prepared is None:
                counts[entity][ChangeKind.UNCHANGED] += 1
                continue
            write, change = prepared
            counts[entity][change.kind] += 1
            changes.append(change)
            writes.append(write)
    _check_alias_targets(session, bundle, new_aliases)
    _name_conferences(session, bundle, changes)
    sender_knowledge = proven_knowledge(bundle, office)
    knowledge_after = merged([office.knowledge, sender_knowledge])
    return ImportPlan(
        bundle=bundle,
        signer=signer,
        changes=changes,
        counts=counts,
        duplicates=_duplicates(session, changes, bundle),
        new_aliases=new_aliases,
        knowledge_after=knowledge_after,
        sender_knowledge=sender_knowledge,
        writes=writes,
        state=state_of(office),
        office_update_needed=knowledge_after != office.knowledge
        or _known_office_changes(session, bundle, signer, sender_knowledge),
    )


def proven_knowledge(bundle: VerifiedBundle, office: Office) -> dict[str, int]:
    """The sender's knowledge as far as the bundle proves it; refuses a claim about this
    office beyond the changes it has made.

    A manifest's knowledge is only a claim. Taken as it stands, a wrong one does harm: a
    counter of this office beyond its own would make this office's next edits look old
    (and past 2^53 stop its exports), and any counter above what the sender holds makes
    the offices that believe it leave out what it lacks, so "a lost bundle is never a
    gap" would fail. So a counter is taken only up to the highest one the bundle's own
    versions carry; a bundle made for this office left out what this office already had,
    so there this office's own knowledge counts as proof too.
    """
    claimed = bundle.manifest.knowledge
    if claimed.get(office.uuid, 0) > office.counter:
        raise BundleError(
            _(
                'The bundle from "{office}" claims to hold {claimed:,} changes made by this '
                "office, which has made only {made:,}; it is refused (that office's catalogue "
                "is wrong, or this one was copied back from an older file without "
                "`ccn-desktop restore`)."
            ).format(office=bundle.office_name, claimed=claimed[office.uuid], made=office.counter)
        )
    shown = merged(
        [version.record["version"] for version in bundle.versions()]
        + [alias["version"] for alias in bundle.payload["aliases"]]
    )
    floor = office.knowledge if bundle.manifest.for_office == office.uuid else {}
    proven = {
        uuid: min(counter, max(shown.get(uuid, 0), floor.get(uuid, 0)))
        for uuid, counter in claimed.items()
    }
    return {uuid: counter for uuid, counter in proven.items() if counter}


def _check_addressee(session: Session, bundle: VerifiedBundle, office: Office) -> None:
    """A bundle made for another office holds only what that office lacked.

    Importing it here would raise this office's knowledge past versions it never
    received, and the other offices would then never send them: refused.
    """
    addressee = bundle.manifest.for_office
    if bundle.manifest.scope != "for-office" or addressee == office.uuid:
        return
    known = session.get(KnownOffice, addressee)
    name = f'"{known.name}" ({addressee})' if known is not None else addressee
    raise BundleError(
        _(
            "This bundle was made for office {name} and holds only what that office lacked; "
            'ask "{office_name}" for a full bundle or one made for this office.'
        ).format(name=name, office_name=bundle.office_name)
    )


def _group(versions: Iterable[Version]) -> dict[tuple[str, str], list[Version]]:
    groups: dict[tuple[str, str], list[Version]] = {}
    for version in versions:
        groups.setdefault((version.entity, version.record["uuid"]), []).append(version)
    return groups


def _local_rows(
    session: Session, entity: str, uuids: Sequence[str]
) -> dict[str, tuple[int, dict[str, int]]]:
    """(row id, version vector) of each record here, for the UUIDs given.

    Plain SQL: on a re-import this reads every row of the catalogue, and only the
    vector needs converting.
    """
    table = RECORD_MODELS[entity].__tablename__
    columns = f"SELECT uuid, id, version FROM {table}"
    cursor = session.connection().connection.cursor()  # this transaction's connection
    batches: list[list[tuple[Any, ...]]] = []
    wanted: set[str] | None = None
    if len(uuids) > 5 * _CHUNK:  # most of the table: one pass is cheaper
        wanted = set(uuids)
        batches.append(cursor.execute(columns).fetchall())
    else:
        for start in range(0, len(uuids), _CHUNK):
            chunk = tuple(uuids[start : start + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            batches.append(cursor.execute(f"{columns} WHERE uuid IN ({marks})", chunk).fetchall())
    cursor.close()
    found: dict[str, tuple[int, dict[str, int]]] = {}
    parse = pydantic_core.from_json  # far quicker than json.loads on many small texts
    for rows in batches:
        for uuid, row_id, vector in rows:
            if wanted is None or uuid in wanted:
                found[uuid] = (row_id, parse(vector))
    return found


@dataclass
class _Outcome:
    """A record for which the bundle holds writes this catalogue has not seen."""

    entity: str
    uuid: str
    row_id: int | None  # None: new here
    vector: dict[str, int]  # the record's version vector here ({} when new)
    added: list[Version]  # the incoming versions not included in it


def _unseen(
    entity: str, uuid: str, row: tuple[int, dict[str, int]] | None, versions: list[Version]
) -> _Outcome | None:
    """The incoming versions holding a write the record here has not seen; None: none.

    A version whose vector the record's includes brings nothing: the record has seen
    every write it holds (the common case of a re-import).
    """
    vector = row[1] if row is not None else {}
    added = [version for version in versions if not covers(vector, version.record["version"])]
    if not added:
        return None
    return _Outcome(entity, uuid, row[0] if row is not None else None, vector, added)


def _snapshots(session: Session, entity: str, row_ids: list[int]) -> dict[str, dict[str, Any]]:
    """Full snapshots of the records here, by UUID."""
    model = RECORD_MODELS[entity]
    result: dict[str, dict[str, Any]] = {}
    for start in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[start : start + _CHUNK]
        records = list(session.scalars(select(model).where(model.id.in_(chunk))))
        for snapshot in store.snapshots(session, entity, records):
            result[snapshot["uuid"]] = snapshot
    return result


def _known_cities(
    session: Session,
    outcomes: list[_Outcome],
    incoming_cities: set[str],
    city_map: Mapping[str, str],
) -> set[str]:
    """Which cities the incoming versions' links name that exist here or arrive now."""
    targets: set[str] = set()
    for outcome in outcomes:
        for version in outcome.added:
            targets.update(incoming.link_values(version))
    targets |= {city_map[uuid] for uuid in targets if uuid in city_map}
    outside = [uuid for uuid in targets if uuid not in incoming_cities]
    known = set(incoming_cities)
    for start in range(0, len(outside), _CHUNK):
        chunk = outside[start : start + _CHUNK]
        known.update(session.scalars(select(City.uuid).where(City.uuid.in_(chunk))))
    return known


def _prepare(
    outcome: _Outcome,
    mine: dict[str, Any] | None,
    city_map: Mapping[str, str],
    known_cities: set[str],
    bundle: VerifiedBundle,
) -> tuple[RecordWrite, RecordChange] | None:
    """Check the incoming versions, merge them with the record here; None: no change."""
    entity = outcome.entity
    checked = [
        incoming.checked(version, city_map, known_cities, bundle) for version in outcome.added
    ]
    theirs = [field_merge.state_of(entity, snapshot) for snapshot in checked]
    if mine is not None and city_map:
        mine = incoming.resolved(entity, mine, city_map)  # merges arriving now apply to it too
    local = field_merge.state_of(entity, mine) if mine is not None else None
    result = field_merge.join_all([*([local] if local is not None else []), *theirs])
    winner = field_merge.snapshot_of(result)
    if mine is not None and winner == mine:
        return None
    review = result.needs_review or _breaks_form_rules(entity, winner)
    write = RecordWrite(
        entity=entity,
        uuid=outcome.uuid,
        row_id=outcome.row_id,
        winner=winner,
        winner_changed=True,
        siblings=[],
        needs_review=review,
        history=[],
    )
    change = _change(outcome, result, review, local, mine, checked)
    action = {ChangeKind.MERGED: "field-merge", ChangeKind.CONFLICT: "field-merge"}.get(
        change.kind, _winner_action(winner, mine)
    )
    origin = origin_of(bundle)
    write.history.append((winner, action, origin))
    for snapshot in checked:  # what the other office sent, when it is not what is shown
        if _values(entity, snapshot) != _values(entity, winner):
            write.history.append((snapshot, "received", origin))
    return write, change


def origin_of(bundle: VerifiedBundle) -> str:
    """How history names a version that came with `bundle`: "bundle", or "reference-N" for
    release N of the network's reference data."""
    if bundle.manifest.scope != "starter":
        return "bundle"
    return f"reference-{max(bundle.manifest.knowledge.values(), default=0)}"


def _values(entity: str, snapshot: Mapping[str, Any]) -> dict[str, Any]:
    return {name: snapshot[name] for name in (*ENTITIES[entity].field_names, "deleted")}


def _breaks_form_rules(entity: str, snapshot: Mapping[str, Any]) -> bool:
    """A merge of two valid versions can break a rule across fields (a start year taken
    from one office, an end year from another): shown, and flagged for review."""
    if snapshot["deleted"]:
        return False
    _cleaned, problems = clean(
        entity, {name: snapshot[name] for name in ENTITIES[entity].field_names}
    )
    return bool(problems)


def _winner_action(winner: Mapping[str, Any], mine: Mapping[str, Any] | None) -> str:
    if mine is None:
        return "insert"
    if winner["deleted"] and not mine["deleted"]:
        return "delete"
    if mine["deleted"] and not winner["deleted"]:
        return "restore"
    return "update"


def _change(
    outcome: _Outcome,
    result: RecordState,
    review: bool,
    local: RecordState | None,
    mine: dict[str, Any] | None,
    checked: list[dict[str, Any]],
) -> RecordChange:
    theirs = field_merge.snapshot_of(result)
    incoming_vector = merged(snapshot["version"] for snapshot in checked)
    fields_here = field_merge.brought(local, incoming_vector) if local is not None else []
    fields_there = field_merge.brought(result, outcome.vector) if local is not None else []
    if mine is None:
        kind = ChangeKind.DELETED if theirs["deleted"] else ChangeKind.NEW
    elif review:
        kind, theirs = ChangeKind.CONFLICT, checked[-1]
    elif theirs["deleted"] and not mine["deleted"]:
        kind = ChangeKind.DELETED
    elif mine["deleted"] and not theirs["deleted"]:
        kind = ChangeKind.RESTORED
    elif covers(incoming_vector, outcome.vector):
        kind = ChangeKind.UPDATED
    else:
        kind = ChangeKind.MERGED
    title = store.title_from(outcome.entity, theirs, [])
    diffs = _diffs(outcome.entity, mine, theirs) if mine is not None else []
    where = outcome.added[0].path
    return RecordChange(
        outcome.entity, outcome.uuid, kind, title, where, mine, theirs, diffs,
        fields_here=fields_here, fields_there=fields_there, conflicting=result.conflicting(),
    )  # fmt: skip


def _diffs(entity: str, mine: dict[str, Any], theirs: dict[str, Any]) -> list[FieldDiff]:
    diffs = []
    if mine["deleted"] != theirs["deleted"]:
        diffs.append(FieldDiff("deleted", "Deleted", mine["deleted"], theirs["deleted"]))
    for spec in ENTITIES[entity].fields:
        if mine.get(spec.name) != theirs.get(spec.name):
            diffs.append(
                FieldDiff(spec.name, spec.label, mine.get(spec.name), theirs.get(spec.name))
            )
    return diffs


def _name_conferences(
    session: Session, bundle: VerifiedBundle, changes: list[RecordChange]
) -> None:
    """A conference is called by its year and host cities ("2018 Kraków / Katowice")."""
    conferences = [change for change in changes if change.entity == "conference"]
    if not conferences:
        return
    wanted = {uuid for change in conferences for uuid in change.theirs["host_city_uuids"]}
    names = {
        city["uuid"]: city["name"] for city in bundle.payload["cities"] if city["uuid"] in wanted
    }
    missing = list(wanted - set(names))
    for start in range(0, len(missing), _CHUNK):
        chunk = missing[start : start + _CHUNK]
        names.update({uuid: name for uuid, name in session.execute(
            select(City.uuid, City.name).where(City.uuid.in_(chunk)))})  # fmt: skip
    for change in conferences:
        hosts = [names[uuid] for uuid in change.theirs["host_city_uuids"] if uuid in names]
        change.title = store.title_from("conference", change.theirs, hosts)


def _aliases(
    session: Session, bundle: VerifiedBundle
) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """Every city alias pair after the import, and the incoming alias items to store
    (new pairs, or an earlier record of a pair: every office keeps the earliest)."""
    existing = {
        (alias_uuid, target): (entity, store.iso(created_at), office_uuid)
        for alias_uuid, target, entity, created_at, office_uuid in session.execute(
            select(Alias.alias_uuid, Alias.target_uuid, Alias.entity, Alias.created_at,
                   Alias.office_uuid)
        )
    }  # fmt: skip
    to_store = []
    pairs = {pair for pair, (entity, _, _) in existing.items() if entity == "city"}
    for alias in bundle.payload["aliases"]:
        pair = (alias["alias_uuid"], alias["target_uuid"])
        if pair not in existing or (alias["created_at"], alias["office_uuid"]) < existing[pair][1:]:
            to_store.append(alias)
        if alias["entity"] == "city":
            pairs.add(pair)
    return sorted(pairs), to_store


def _check_alias_targets(
    session: Session, bundle: VerifiedBundle, new_aliases: list[dict[str, Any]]
) -> None:
    """A merge must name records that exist here or arrive with it."""
    if not new_aliases:
        return
    in_bundle = {(version.entity, version.record["uuid"]) for version in bundle.versions()}
    for index, alias in enumerate(bundle.payload["aliases"]):
        if alias not in new_aliases:
            continue
        for key in ("alias_uuid", "target_uuid"):
            uuid = alias[key]
            if (alias["entity"], uuid) in in_bundle:
                continue
            model = RECORD_MODELS[alias["entity"]]
            if session.scalar(select(model.id).where(model.uuid == uuid)) is None:
                raise BundleError(
                    _(
                        "The bundle is not valid at aliases[{index}].{key}: {entity} {uuid} is "
                        "neither in the bundle nor in this catalogue."
                    ).format(index=index, key=key, entity=alias["entity"], uuid=uuid),
                    f"aliases[{index}].{key}",
                )


def _duplicates(
    session: Session, changes: list[RecordChange], bundle: VerifiedBundle
) -> list[LikelyDuplicate]:
    """New live records that look like a record already here (rule 6), unless the
    bundle itself merges the two (its aliases join them): that merge is being imported."""
    found: list[LikelyDuplicate] = []
    for entity in ENTITIES:
        new = [c for c in changes if c.entity == entity and c.kind == ChangeKind.NEW]
        if not new:
            continue
        existing = live_keys(session, entity)
        if not existing:
            continue
        merged_already = merged_pairs(session, entity)
        joined = alias_rules.representatives(
            (alias["alias_uuid"], alias["target_uuid"])
            for alias in bundle.payload["aliases"]
            if alias["entity"] == entity
        )
        titles: dict[str, str] = {}
        for change in new:
            key = duplicate_key(entity, change.theirs)
            for other in existing.get(key, []) if key is not None else []:
                if other == change.uuid or frozenset((other, change.uuid)) in merged_already:
                    continue
                if joined.get(other, other) == joined.get(change.uuid, change.uuid):
                    continue
                if other not in titles:
                    titles[other] = _title_of(session, entity, other)
                found.append(
                    LikelyDuplicate(entity, change.uuid, change.title, other, titles[other])
                )
    return found


def _title_of(session: Session, entity: str, uuid: str) -> str:
    record = store.load(session, entity, uuid)
    return store.title_text(entity, store.snapshot(session, entity, record), session)


def _known_office_changes(
    session: Session, bundle: VerifiedBundle, signer: Signer, knowledge: dict[str, int]
) -> bool:
    """Whether the trust store must learn something from this bundle."""
    if signer.status in (SignerStatus.THIS_OFFICE, SignerStatus.REFERENCE):
        return False
    row = session.get(KnownOffice, bundle.office_uuid)
    if row is None or row.name != bundle.office_name or not row.trusted:
        return True
    if not covers(row.knowledge, knowledge):
        return True
    last = store.iso(row.last_bundle_at) if row.last_bundle_at else ""
    return bundle.manifest.created_at > last
