"""`ccn-desktop verify FILE`: check a bundle without importing it.

Works without a catalogue (on any machine); when the data folder holds one, also
says whether the signing office is trusted there.
"""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.commands.base import CommandError, labelled
from ccn_desktop.i18n import _, number
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help=_("check a bundle's format, checksum, signature and references; import nothing"),
    )
    parser.add_argument("file", metavar="FILE", help=_("the bundle (*.ccnbundle.json)"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.exchange.consistency import check_record_rules
    from ccn_desktop.exchange.format import describe_counts
    from ccn_desktop.exchange.verify import read_bundle

    bundle = read_bundle(args.file)
    check_record_rules(bundle)
    manifest = bundle.manifest
    scope = _("full catalogue")
    if manifest.scope == "for-office":
        scope = _("changes for office {office}").format(office=manifest.for_office)
    lines = [
        (_("bundle"), _("{file} ({size} bytes)").format(file=args.file, size=number(bundle.size))),
        (_("format"), _("{format} version {version}").format(
            format=manifest.format, version=manifest.format_version
        )),
        (_("checked"), _("size, format, checksum, signature, schema, references, the form's "
                       "rules: all good")),
        (_("office"), f"{bundle.office_name} ({bundle.office_uuid})"),
        (_("fingerprint"), bundle.fingerprint),
        (_("made"), _("{when} UTC by CCN Desktop {version}").format(
            when=manifest.created_at[:19].replace("T", " "), version=manifest.app_version)),
        (_("scope"), scope),
        (_("contents"), describe_counts(bundle.counts)),
        (_("signer"), _trust_line(bundle, paths)),
    ]  # fmt: skip
    width = max(len(labelled(label)) for label, _value in lines)
    for label, value in lines:
        print(f"{labelled(label):<{width}} {value}")
    return 0


def _trust_line(bundle: Any, paths: DataPaths) -> str:
    from ccn_desktop.catalogue.errors import CatalogueError
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.exchange.errors import BundleError
    from ccn_desktop.exchange.offices import SignerStatus, signer_of

    if not paths.catalogue_file.is_file():
        return _("not checked (no catalogue in {folder})").format(folder=paths.data_dir)
    try:
        catalogue = Catalogue.open(paths, read_only=True)  # verify writes nothing
    except CatalogueError as exc:
        return _("not checked ({reason})").format(reason=exc)
    with catalogue:
        try:
            signer = signer_of(catalogue, bundle)
        except BundleError as exc:
            raise CommandError(str(exc)) from None
    if signer.status == SignerStatus.UNKNOWN:
        return _(
            "unknown to this catalogue: compare the fingerprint with the one the office "
            "reads out (`ccn-desktop info`), then import with --trust"
        )
    return _(str(signer.status))
