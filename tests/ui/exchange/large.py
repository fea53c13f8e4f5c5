"""A catalogue of a few thousand records, made quickly: one signed bundle, imported in bulk."""

from __future__ import annotations

import uuid

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.apply import apply_plan
from ccn_desktop.exchange.plan import make_plan
from ccn_desktop.exchange.verify import read_bundle
from ccn_desktop.paths import DataPaths
from tests.exchange.bundles import city, make_bundle, office_key, write

COUNTRIES = (("FR", "France"), ("SN", "Senegal"), ("BR", "Brazil"), ("JP", "Japan"))


def build_large_catalogue(paths: DataPaths, cities: int) -> None:
    """A new catalogue in `paths` holding `cities` cities that came in one bundle."""
    records = []
    for number in range(cities):
        code, country = COUNTRIES[number % len(COUNTRIES)]
        records.append(
            city(
                str(uuid.UUID(int=number + 1, version=4)),
                number + 1,
                f"Synthetic city {number}",
                country_code=code,
                country=country,
                description="A city of the network, described at some length. " * 6,
            )
        )
    payload = {"cities": records, "conferences": [], "projects": [], "tombstones": [],
               "conflicts": [], "links": [], "aliases": []}  # fmt: skip
    paths.ensure()
    bundle_file = write(paths.data_dir / "seed.ccnbundle.json", make_bundle(payload, office_key()))
    with Catalogue.open(paths, office_name="Large office", starter=False) as catalogue:
        apply_plan(catalogue, make_plan(catalogue, read_bundle(bundle_file)), trust=True)
    bundle_file.unlink()
    for backup in paths.backups_dir.iterdir():  # copies of the empty catalogue: not needed
        backup.unlink()
