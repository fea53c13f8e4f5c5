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

This module does the whole-bundle part (the signer, the addressee, aliases, what the
sender is proven to know, conferences' titles); each record's merge is
record_merge.py's, the kinds of change record_changes.py's and the likely
duplicates likely_duplicates.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import aliases as alias_rules
from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import RECORD_MODELS, Alias, City, KnownOffice, Office
from ccn_desktop.catalogue.versions import covers, merged
from ccn_desktop.exchange.bulk import collector_paused
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.likely_duplicates import LikelyDuplicate, likely_duplicates
from ccn_desktop.exchange.offices import Signer, SignerStatus, identify_signer
from ccn_desktop.exchange.record_changes import ChangeKind, RecordChange
from ccn_desktop.exchange.record_merge import CHUNK, RecordWrite, plan_records
from ccn_desktop.exchange.rows import Progress
from ccn_desktop.exchange.verified import VerifiedBundle
from ccn_desktop.i18n import _, number


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
    pairs, new_aliases = _aliases(session, bundle)
    city_map = alias_rules.representatives(pairs)
    writes, changes, counts = plan_records(session, bundle, city_map, progress=progress)
    _check_alias_targets(session, bundle, new_aliases)
    _name_conferences(session, bundle, changes)
    sender_knowledge = proven_knowledge(bundle, office)
    knowledge_after = merged([office.knowledge, sender_knowledge])
    return ImportPlan(
        bundle=bundle,
        signer=signer,
        changes=changes,
        counts=counts,
        duplicates=likely_duplicates(session, changes, bundle),
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
                'The bundle from "{office}" claims to hold {claimed} changes made by this '
                "office, which has made only {made}; it is refused (that office's catalogue "
                "is wrong, or this one was copied back from an older file without "
                "`ccn-desktop restore`)."
            ).format(
                office=bundle.office_name,
                claimed=number(claimed[office.uuid]),
                made=number(office.counter),
            )
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
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
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
