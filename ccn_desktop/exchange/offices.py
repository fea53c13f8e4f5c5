"""Offices this catalogue has exchanged with: who signed a bundle, and whether to trust it.

A bundle names its office and carries its public key. The first bundle from an
office is shown with the key's fingerprint, for the user to compare with the one
the office reads out (`ccn-desktop info`) and to trust or not; after that the key
is on record, and a bundle naming the same office with another key is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.identity import fingerprint
from ccn_desktop.catalogue.models import ExchangeLog, KnownOffice, Office
from ccn_desktop.catalogue.store import iso
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.verified import VerifiedBundle
from ccn_desktop.i18n import N_, _


class SignerStatus(StrEnum):
    THIS_OFFICE = N_("this office")
    TRUSTED = N_("trusted")
    NOT_TRUSTED = N_("known, not trusted")
    UNKNOWN = N_("unknown")
    REFERENCE = N_("the network's reference data")


@dataclass(frozen=True)
class Signer:
    """The office that signed a bundle, as this catalogue knows it."""

    uuid: str
    name: str
    public_key: str
    status: SignerStatus
    first_seen: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def trusted(self) -> bool:
        return self.status in (
            SignerStatus.THIS_OFFICE,
            SignerStatus.TRUSTED,
            SignerStatus.REFERENCE,
        )

    def describe(self) -> str:
        """One line for the user: name, fingerprint, trust."""
        if self.status == SignerStatus.REFERENCE:
            return _("the network's reference data, installed with this program")
        text = _('"{name}" ({uuid}), key fingerprint {fingerprint}').format(
            name=self.name, uuid=self.uuid, fingerprint=self.fingerprint
        )
        if self.status == SignerStatus.THIS_OFFICE:
            return _("{signer}: this office").format(signer=text)
        if self.status == SignerStatus.TRUSTED:
            return _("{signer}: trusted").format(signer=text)
        if self.status == SignerStatus.NOT_TRUSTED:
            return _("{signer}: known, not trusted").format(signer=text)
        return _("{signer}: unknown to this catalogue").format(signer=text)


def identify_signer(session: Session, bundle: VerifiedBundle) -> Signer:
    """Who signed `bundle`, checked against the trust store; refuses a changed key."""
    office = session.scalars(select(Office)).one()
    uuid, name, key = bundle.office_uuid, bundle.office_name, bundle.public_key
    if bundle.manifest.scope == "starter":  # only the installed program reads one (verify)
        return Signer(uuid, name, key, SignerStatus.REFERENCE)
    if uuid == office.uuid:
        if key != office.public_key:
            raise BundleError(
                _(
                    "The bundle claims to come from this office but is signed with another key "
                    "(fingerprint {fingerprint}); it is refused."
                ).format(fingerprint=fingerprint(key))
            )
        return Signer(uuid, office.name, key, SignerStatus.THIS_OFFICE, iso(office.created_at))
    known = session.get(KnownOffice, uuid)
    if known is None:
        return Signer(uuid, name, key, SignerStatus.UNKNOWN)
    if known.public_key != key:
        raise BundleError(
            _(
                'The bundle claims to come from "{name}" but is signed with another key '
                "(fingerprint {fingerprint}, on record {recorded}); it is refused. If that "
                "office really has a new key, ask it how to proceed."
            ).format(
                name=known.name,
                fingerprint=fingerprint(key),
                recorded=fingerprint(known.public_key),
            )
        )
    status = SignerStatus.TRUSTED if known.trusted else SignerStatus.NOT_TRUSTED
    return Signer(uuid, name, key, status, iso(known.first_seen))


def signer_of(catalogue: Catalogue, bundle: VerifiedBundle) -> Signer:
    with catalogue.session() as session:
        return identify_signer(session, bundle)


@dataclass(frozen=True)
class KnownOfficeInfo:
    uuid: str
    name: str
    fingerprint: str
    trusted: bool
    first_seen: str
    last_bundle_at: str | None
    knowledge: dict[str, int]


def known_offices(catalogue: Catalogue) -> list[KnownOfficeInfo]:
    """Every office whose bundles came here, by name."""
    with catalogue.session() as session:
        rows = session.scalars(select(KnownOffice).order_by(KnownOffice.name))
        return [
            KnownOfficeInfo(
                row.uuid,
                row.name,
                fingerprint(row.public_key),
                row.trusted,
                iso(row.first_seen),
                iso(row.last_bundle_at) if row.last_bundle_at else None,
                dict(row.knowledge),
            )
            for row in rows
        ]


def set_trusted(catalogue: Catalogue, office_uuid: str, trusted: bool) -> None:
    with catalogue.transaction() as session:
        row = session.get(KnownOffice, office_uuid)
        if row is None:
            raise BundleError(
                _("No bundle from office {office_uuid} has been imported here.").format(
                    office_uuid=office_uuid
                )
            )
        row.trusted = trusted


@dataclass(frozen=True)
class LogEntry:
    at: str
    direction: str
    bundle_uuid: str
    office_uuid: str
    office_name: str
    file_name: str
    scope: str
    counts: dict[str, int]
    backup_path: str


def exchange_log(catalogue: Catalogue) -> list[LogEntry]:
    """Every bundle written or imported here, newest first."""
    with catalogue.session() as session:
        rows = session.scalars(select(ExchangeLog).order_by(ExchangeLog.id.desc()))
        return [
            LogEntry(
                iso(row.at), row.direction, row.bundle_uuid, row.office_uuid, row.office_name,
                row.file_name, row.scope, dict(row.counts), row.backup_path,
            )
            for row in rows
        ]  # fmt: skip


def add_log(session: Session, **values: Any) -> None:
    session.add(ExchangeLog(at=dt.datetime.now(dt.UTC), **values))
