"""Merging likely duplicates: a tombstone, an alias that travels, links pointed at the keeper."""

from __future__ import annotations

import pytest

from ccn_desktop.catalogue.errors import InvalidRecordError
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.models import Alias
from ccn_desktop.catalogue.queries import RecordQuery
from tests.helpers import city_values


@pytest.fixture
def pair(empty_catalogue: Catalogue) -> tuple[str, str, str]:
    keep = empty_catalogue.add("city", city_values(name="Łódź", country_code="PL"))
    # The same city typed in by another office (imports allow what the form refuses).
    merged = empty_catalogue.add("city", city_values(name="Lodz", country_code="PL",
                                                     creative_field="Music"))  # fmt: skip
    other = empty_catalogue.add("city", city_values(name="Niš", country_code="RS"))
    conference = empty_catalogue.add(
        "conference", {"year": 2024, "host_city_uuids": [merged, other, keep]}
    )
    return keep, merged, conference


def test_merge_repoints_links_and_leaves_an_alias(
    empty_catalogue: Catalogue, pair: tuple[str, str, str]
) -> None:
    keep, merged, conference = pair
    empty_catalogue.merge_records("city", keep, merged, {"notes": "merged with Lodz"})
    assert empty_catalogue.get("city", merged)["deleted"] is True
    assert empty_catalogue.get("city", keep)["notes"] == "merged with Lodz"
    hosts = empty_catalogue.get("conference", conference)["host_city_uuids"]
    assert hosts[0] == keep and merged not in hosts and len(hosts) == 2
    with empty_catalogue.session() as session:
        (alias,) = session.query(Alias).all()
    assert (alias.alias_uuid, alias.target_uuid) == (merged, keep)
    assert alias.version == {empty_catalogue.office.uuid: empty_catalogue_counter(empty_catalogue)}
    assert empty_catalogue.label("conference", conference).startswith("2024 Łódź")
    assert empty_catalogue.ids("conference", RecordQuery(text="lodz"))


def empty_catalogue_counter(catalogue: Catalogue) -> int:
    from ccn_desktop.catalogue.models import Office

    with catalogue.session() as session:
        return session.get_one(Office, catalogue.office.uuid).counter


def test_a_link_to_the_merged_away_city_is_redirected(
    empty_catalogue: Catalogue, pair: tuple[str, str, str]
) -> None:
    keep, merged, _conference = pair
    empty_catalogue.merge_records("city", keep, merged)
    project = empty_catalogue.add(
        "project", {"title": "Film school", "status": "Planned", "city_uuids": [merged]}
    )
    assert empty_catalogue.get("project", project)["city_uuids"] == [keep]


def test_merge_refuses_itself_and_deleted_records(
    empty_catalogue: Catalogue, pair: tuple[str, str, str]
) -> None:
    keep, merged, _conference = pair
    with pytest.raises(InvalidRecordError, match="itself"):
        empty_catalogue.merge_records("city", keep, keep)
    empty_catalogue.delete("city", merged)
    with pytest.raises(InvalidRecordError, match="deleted"):
        empty_catalogue.merge_records("city", keep, merged)


def test_likely_duplicates_until_merged(empty_catalogue: Catalogue) -> None:
    first = empty_catalogue.add("project", {"title": "Film School", "status": "Planned"})
    second = empty_catalogue.add("project", {"title": "film  school", "status": "Ongoing"})
    empty_catalogue.add("project", {"title": "Other", "status": "Planned"})
    assert empty_catalogue.likely_duplicates("project") == [tuple(sorted((first, second)))]
    empty_catalogue.merge_records("project", first, second)
    assert empty_catalogue.likely_duplicates("project") == []
