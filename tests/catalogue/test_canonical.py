"""Canonical JSON: format 2 writes exactly what RFC 8785 says (the `rfc8785` package is the
oracle), however the value is written fast; format 1 stays what it always was."""

from __future__ import annotations

import json
from typing import Any

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from ccn_desktop.catalogue.canonical import CanonicalFormError, canonical_bytes

numbers = st.one_of(
    st.integers(min_value=-(2**60), max_value=2**60),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 12000.0, 1e-4, 9.9e-5, 1e-7, 1e16, 1e21, 2.0**53, 5e-324, 0.1]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text())
keys = st.one_of(st.text(max_size=6), st.sampled_from(["name", "é", "\U0001f600", "\uffff"]))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


def oracle(value: Any) -> bytes | None:
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError:
        return None


@settings(max_examples=400, deadline=None)
@given(values)
def test_format_2_is_rfc_8785(value: Any) -> None:
    expected = oracle(value)
    if expected is None:
        with pytest.raises(CanonicalFormError):
            canonical_bytes(value, 2)
    else:
        assert canonical_bytes(value, 2) == expected


def test_format_2_leaves_the_value_as_it_was() -> None:
    value = {"budget": 12000.0, "list": [1.0, "a"], "inner": {"x": 2.5}}
    before = json.dumps(value)
    assert canonical_bytes(value, 2) == b'{"budget":12000,"inner":{"x":2.5},"list":[1,"a"]}'
    assert json.dumps(value) == before


def test_format_1_is_what_python_json_writes() -> None:
    value = {"b": 12000.0, "a": "Łódź"}
    assert canonical_bytes(value, 1) == '{"a":"Łódź","b":12000.0}'.encode()
