"""What a bundle's manifest claims, checked: format, shape, origin and signature.

Run before the payload is looked at (and alone when a sync folder only sorts bundles
by their manifests, `verify.read_manifest`): the format name and version this program
reads, the manifest's shape, that the network's reference data comes only with the
program, that the reference release is not newer than this program's, that the
bundle is signed by the key it names, and that a for-office bundle names its office.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ccn_desktop.catalogue.starter import REFERENCE_RELEASE, STARTER_OFFICE_UUID
from ccn_desktop.exchange.errors import BundleError
from ccn_desktop.exchange.format import FORMAT_NAME, FORMAT_VERSION, READABLE_VERSIONS, Manifest
from ccn_desktop.exchange.parse_errors import schema_error
from ccn_desktop.exchange.signing import signature_matches
from ccn_desktop.i18n import _


def check_format(manifest: dict[str, Any]) -> None:
    """A CCN bundle, in a format version this program reads (the raw manifest: before
    its shape is known, so that a newer format is named as such)."""
    if manifest.get("format") != FORMAT_NAME:
        found = str(manifest.get("format"))[:40]
        raise BundleError(
            _(
                "The file is not a CCN bundle (its format is {found!r}, not {FORMAT_NAME!r})."
            ).format(found=found, FORMAT_NAME=FORMAT_NAME)
        )
    version = manifest.get("format_version")
    if type(version) is not int:
        raise BundleError(_("The bundle's manifest.format_version is not a whole number."))
    if version > FORMAT_VERSION:
        raise BundleError(
            _(
                "The bundle was made by a newer version of CCN Desktop (format version {version};"
                " this program reads format versions up to {FORMAT_VERSION}): update CCN Desktop "
                "to import it."
            ).format(version=version, FORMAT_VERSION=FORMAT_VERSION)
        )
    if version not in READABLE_VERSIONS:
        raise BundleError(
            _("The bundle has an unknown format version {version}.").format(version=version)
        )


def check_manifest(raw: dict[str, Any]) -> Manifest:
    """The manifest's shape, as the format's types describe it."""
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise schema_error(exc, "manifest") from None


def check_signature(manifest: Manifest, raw: dict[str, Any], *, allow_starter: bool) -> None:
    """Who the bundle says it comes from, and that its signature over `raw` holds."""
    if manifest.scope == "starter":
        if not allow_starter:
            raise BundleError(
                _(
                    "This is the starter catalogue shipped with the program, not a bundle from an"
                    " office; it cannot be imported."
                )
            )
        if manifest.signature or manifest.office.public_key:
            raise BundleError(_("The starter catalogue must not carry a key or a signature."))
        return
    if manifest.office.uuid == STARTER_OFFICE_UUID:
        raise BundleError(
            _(
                "The bundle claims to come from the network's reference data, which only comes "
                "installed with the program; it is refused."
            ),
            "manifest.office.uuid",
        )
    release = manifest.knowledge.get(STARTER_OFFICE_UUID, 0)
    if release > REFERENCE_RELEASE:
        raise BundleError(
            _(
                "The bundle carries release {release} of the network's reference data, newer than"
                " this program's release {REFERENCE_RELEASE}: update CCN Desktop to import it."
            ).format(release=release, REFERENCE_RELEASE=REFERENCE_RELEASE),
            "manifest.knowledge",
        )
    if not manifest.signature or not manifest.office.public_key:
        raise BundleError(_("The bundle is not signed, so its origin cannot be checked."))
    if not signature_matches(raw, manifest.office.public_key, manifest.signature):
        raise BundleError(
            _(
                "The bundle's signature does not match its content: it was altered after it was "
                "signed, or it is forged."
            )
        )
    if (manifest.scope == "for-office") != (manifest.for_office is not None):
        raise BundleError(
            _(
                "The bundle's manifest.for_office must name the office exactly when its scope is "
                "for-office."
            ),
            "manifest.for_office",
        )
