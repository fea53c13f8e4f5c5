"""Property 3 of the exchange (hypothesis): a mutated valid bundle never raises anything
but a refusal, and a refused bundle leaves the catalogue file byte for byte as it was.

The offices, their templates and the example counts are those of test_properties.py.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.canonical import canonical_bytes
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.identity import load_private_key
from ccn_desktop.exchange.errors import BundleError, UntrustedSignerError
from ccn_desktop.paths import DataPaths
from tests.exchange.bundles import resign
from tests.exchange.exchanging import export, import_file
from tests.exchange.test_plan import settled_hash
from tests.exchange.test_properties import (  # noqa: F401 (templates is a fixture)
    FAST_TMP,
    examples,
    offices,
    stick_of,
    templates,
)
from tests.helpers import city_values


@pytest.fixture(scope="module")
def sample(
    templates: Path,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[bytes, Path]:
    """A valid bundle holding every section (records, links, a deletion, a merge; format 2
    keeps a field conflict in its record's field versions), and the folder of the office
    that signed it."""
    folder = tmp_path_factory.mktemp("mutation-source")
    for name in ("A", "B"):
        shutil.copytree(templates / name, folder / name)
    a = Catalogue.open(DataPaths.in_folder(folder / "A"))
    b = Catalogue.open(DataPaths.in_folder(folder / "B"))
    stick = folder / "stick"
    stick.mkdir()
    one = a.add("city", city_values(name="Łódź", country_code="PL"))
    two = a.add("city", city_values(name="Niš", country_code="RS"))
    gone = a.add("city", city_values(name="Gone"))
    a.add("conference", {"year": 2024, "host_city_uuids": [one, two]})
    a.add("project", {"title": "Film school", "status": "Planned", "city_uuids": [two]})
    import_file(b, export(a, stick))
    a.update("city", one, {"notes": "A"})
    b.update("city", one, {"notes": "B"})
    twin = b.add("city", city_values(name="Lodz", country_code="PL", creative_field="Music"))
    a.delete("city", gone)
    import_file(a, export(b, stick))
    a.merge_records("city", one, twin)
    path = export(a, stick)
    data = path.read_bytes()
    document = json.loads(data)
    for section in ("cities", "conferences", "projects", "tombstones", "links", "aliases"):
        assert document["payload"][section], f"the sample bundle has no {section}"
    assert any(city["field_versions"].get("conflicts") for city in document["payload"]["cities"])
    a.close()
    b.close()
    return data, folder / "A"


def leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    yield path, value


def replace(document: Any, path: tuple[Any, ...], value: Any) -> None:
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


ODD_VALUES = [None, True, 0, -1, 2**70, 1.5, 1e308, "", "x" * 30_000, "2026-13-45", [], {},
              [[[[]]]], {"entity": "festival"}, "00000000-0000-0000-0000-000000000000"]  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> tuple[bytes, bool]:
    """(mutated bytes, re-signed?) — raw damage, or a changed document, signed again or not."""
    kind = draw(st.sampled_from(["flip", "truncate", "swap", "retype", "drop", "add"]))
    if kind == "flip":
        position = draw(st.integers(0, len(data) - 1))
        mutated = bytearray(data)
        mutated[position] ^= 1 << draw(st.integers(0, 7))
        return bytes(mutated), False
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))], False
    document = json.loads(data)
    spots = [spot for spot in leaves(document) if spot[0]]
    path, _value = draw(st.sampled_from(spots))
    if kind == "swap":
        other, other_value = draw(st.sampled_from(spots))
        if other[: len(path)] != path and path[: len(other)] != other:
            first_value = copy.deepcopy(_value)
            replace(document, path, copy.deepcopy(other_value))
            replace(document, other, first_value)
    elif kind == "retype":
        replace(document, path, draw(st.sampled_from(ODD_VALUES)))
    elif kind == "drop" and isinstance(path[-1], str):
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    elif kind == "add":
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            parent["surprise"] = draw(st.sampled_from(ODD_VALUES))
    signed = draw(st.booleans())
    return canonical_bytes(document), signed


@settings(max_examples=examples(80), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(st.data())
def test_mutated_bundles_are_refused_cleanly_and_change_nothing(
    templates: Path,  # noqa: F811
    sample: tuple[bytes, Path],
    data: st.DataObject,
) -> None:
    original, signer_folder = sample
    mutated, resigned = data.draw(mutations(original))
    if resigned:
        try:
            document = json.loads(mutated)
            key = load_private_key(DataPaths.in_folder(signer_folder).keys_dir)
            mutated = canonical_bytes(resign(document, key))
        except (ValueError, TypeError, KeyError, AttributeError):
            pass  # not a document that can be signed again: import it as it is
    unchanged_content = _same_document(mutated, original)
    with offices(templates, ("C",)) as (target,):
        path = stick_of(target) / "mutated.ccnbundle.json"
        path.write_bytes(mutated)
        before = settled_hash(target)
        from ccn_desktop.exchange.apply import apply_plan
        from ccn_desktop.exchange.plan import make_plan
        from ccn_desktop.exchange.verify import read_bundle

        try:
            apply_plan(target, make_plan(target, read_bundle(path)), trust=True)
        except (BundleError, UntrustedSignerError) as refusal:
            message = str(refusal)
            assert "\n" not in message and message.endswith("."), message
            assert settled_hash(target) == before
            return
        assert resigned or unchanged_content, "a damaged bundle was imported"


def _same_document(data: bytes, original: bytes) -> bool:
    try:
        return json.loads(data) == json.loads(original)
    except ValueError:
        return False
