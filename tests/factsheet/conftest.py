"""A starter catalogue with the sample cities added, made once per module (tests only read it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from tests.factsheet.samples import INJECTION, add_busan_hanja, add_long_city
from tests.helpers import city_values


@dataclass(frozen=True)
class Samples:
    catalogue: Catalogue
    long: str
    busan: str
    injection: str


@pytest.fixture(scope="module")
def samples(starter_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Samples]:
    folder = tmp_path_factory.mktemp("factsheet-catalogue")
    shutil.copytree(starter_template, folder, dirs_exist_ok=True)
    catalogue = Catalogue.open(DataPaths.in_folder(folder))
    catalogue.rename_office("Bureau de Dakar")
    long = add_long_city(catalogue)
    busan = add_busan_hanja(catalogue)
    injection = catalogue.add("city", city_values(name=INJECTION, region="Africa"))
    yield Samples(catalogue, long, busan, injection)
    catalogue.close()
