"""Records written by local edits and the same records written by an import are stored
alike: the same row, links, search text and history entry (issue 13).

The sending office makes the records with the facade; the receiving office gets
them from a bundle. The stored rows are read with plain sqlite3, so the comparison
does not go through the code that wrote them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from tests.exchange.conftest import MakeOffice
from tests.exchange.exchanging import send
from tests.helpers import city_values

LINKS = {  # entity -> (link table, owner column)
    "conference": ("conference_host", "conference_id"),
    "project": ("project_city", "project_id"),
}


def _rows(path: Path, entity: str) -> dict[str, dict[str, Any]]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        rows = {}
        for row in connection.execute(f"SELECT * FROM {entity}"):
            values = dict(row)
            record_id = values.pop("id")
            values["fts"] = connection.execute(
                f"SELECT body FROM {entity}_fts WHERE rowid = ?", (record_id,)
            ).fetchone()[0]
            if entity in LINKS:
                table, owner = LINKS[entity]
                values["links"] = connection.execute(
                    f"SELECT c.uuid, l.position FROM {table} l JOIN city c ON c.id = l.city_id "
                    f"WHERE l.{owner} = ? ORDER BY l.position",
                    (record_id,),
                ).fetchall()
            history = connection.execute(
                "SELECT office_uuid, at, version, snapshot FROM history "
                "WHERE entity = ? AND record_uuid = ? ORDER BY id DESC",
                (entity, values["uuid"]),
            ).fetchall()
            values["history_last"] = tuple(history[0])
            rows[values["uuid"]] = values
        return rows
    finally:
        connection.close()


def _compare(sender: Catalogue, receiver: Catalogue, entity: str) -> None:
    sent = _rows(sender.paths.catalogue_file, entity)
    received = _rows(receiver.paths.catalogue_file, entity)
    assert sent.keys() == received.keys()
    for uuid, row in sent.items():
        assert received[uuid] == row, uuid


@pytest.fixture
def offices(make_office: MakeOffice) -> tuple[Catalogue, Catalogue]:
    return make_office("Sending office"), make_office("Receiving office")


def _cities(catalogue: Catalogue) -> list[str]:
    first = catalogue.add(
        "city",
        city_values(
            name="Łódź", country_code="PL", country="Poland", latitude=51.76,
            objectives=["Film schools", "Festivals"], report_dates=["2020-11-30"],
            notes="See https://krakowcityofliterature.com for the model.",
            website="https://lodz.example.org",
        ),
    )  # fmt: skip
    second = catalogue.add("city", city_values(name="Katowice", country_code="PL"))
    catalogue.update("city", second, {"focal_point_email": "office@katowice.example.org"})
    return [first, second]


def test_cities_are_stored_alike(offices: tuple[Catalogue, Catalogue], stick: Path) -> None:
    sender, receiver = offices
    _cities(sender)
    send(sender, receiver, stick)
    _compare(sender, receiver, "city")


def test_conferences_are_stored_alike(offices: tuple[Catalogue, Catalogue], stick: Path) -> None:
    sender, receiver = offices
    lodz, katowice = _cities(sender)
    conference = sender.add(
        "conference",
        {"year": 2018, "edition": 12, "host_city_uuids": [katowice, lodz], "theme": "Resilience",
         "country_code": "PL", "start_date": "2018-06-12", "end_date": "2018-06-15"},
    )  # fmt: skip
    sender.update("city", katowice, {"name": "Katowice-Śląsk"})  # in its title and search text
    send(sender, receiver, stick)
    _compare(sender, receiver, "conference")
    assert receiver.label("conference", conference) == "2018 Katowice-Śląsk / Łódź"
    for catalogue in (sender, receiver):
        found = catalogue.ids("conference", RecordQuery(text="katowice slask"))
        assert [catalogue.uuid_of("conference", i) for i in found] == [conference]


def test_projects_are_stored_alike(offices: tuple[Catalogue, Catalogue], stick: Path) -> None:
    sender, receiver = offices
    lodz, katowice = _cities(sender)
    project = sender.add(
        "project",
        {"title": "Film on the move", "status": "Ongoing", "city_uuids": [lodz, katowice],
         "partners": ["Film school"], "budget": 12000.5, "currency": "EUR", "participants": 40},
    )  # fmt: skip
    sender.delete("project", project)
    send(sender, receiver, stick)
    _compare(sender, receiver, "project")
    for catalogue in (sender, receiver):
        found = catalogue.ids("project", RecordQuery(text="lodz", deleted=True))
        assert [catalogue.uuid_of("project", i) for i in found] == [project]
