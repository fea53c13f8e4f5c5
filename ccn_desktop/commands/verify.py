"""`ccn-desktop verify FILE`: check a bundle without importing it.

Works without a catalogue (on any machine); when the data folder holds one, also
says whether the signing office is trusted there.
"""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.commands.base import CommandError
from ccn_desktop.paths import DataPaths


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check a bundle's format, checksum, signature and references; import nothing",
    )
    parser.add_argument("file", metavar="FILE", help="the bundle (*.ccnbundle.json)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from ccn_desktop.exchange.format import describe_counts
    from ccn_desktop.exchange.verify import check_record_rules, read_bundle

    bundle = read_bundle(args.file)
    check_record_rules(bundle)
    manifest = bundle.manifest
    scope = "full catalogue"
    if manifest.scope == "for-office":
        scope = f"changes for office {manifest.for_office}"
    lines = [
        ("bundle", f"{args.file} ({bundle.size:,} bytes)"),
        ("format", f"{manifest.format} version {manifest.format_version}"),
        ("checked", "size, format, checksum, signature, schema, references, the form's rules: "
                    "all good"),
        ("office", f"{bundle.office_name} ({bundle.office_uuid})"),
        ("fingerprint", bundle.fingerprint),
        ("made", f"{manifest.created_at[:19].replace('T', ' ')} UTC by CCN Desktop "
                 f"{manifest.app_version}"),
        ("scope", scope),
        ("contents", describe_counts(bundle.counts)),
        ("signer", _trust_line(bundle, paths)),
    ]  # fmt: skip
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0


def _trust_line(bundle: Any, paths: DataPaths) -> str:
    from ccn_desktop.catalogue.errors import CatalogueError
    from ccn_desktop.catalogue.facade import Catalogue
    from ccn_desktop.exchange.errors import BundleError
    from ccn_desktop.exchange.offices import SignerStatus, signer_of

    if not paths.catalogue_file.is_file():
        return f"not checked (no catalogue in {paths.data_dir})"
    try:
        catalogue = Catalogue.open(paths, read_only=True)  # verify writes nothing
    except CatalogueError as exc:
        return f"not checked ({exc})"
    with catalogue:
        try:
            signer = signer_of(catalogue, bundle)
        except BundleError as exc:
            raise CommandError(str(exc)) from None
    if signer.status == SignerStatus.UNKNOWN:
        return (
            "unknown to this catalogue: compare the fingerprint with the one the office "
            "reads out (`ccn-desktop info`), then import with --trust"
        )
    return str(signer.status)
