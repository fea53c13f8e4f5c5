"""Regenerate `resources/starter.ccnbundle.json` from the network's reference data.

    python -m ccn_desktop.catalogue.starter_build ../shared/data resources/starter.ccnbundle.json

Cities (with their GeoNames coordinates) and conferences come from the CSVs; the seed
project and Sarajevo's objectives from the data README (facts transcribed here). Every
record gets a UUID5 of its natural key, so the output is the same byte for byte each
time it is built from the same data.

The starter is the network's *reference catalogue*, released again when the data moves.
A record's version is the starter office's counter of the release that last changed it:
`resources/reference-releases.json` keeps a digest of every field of every record of each
earlier release; a record whose fields still equal their digests keeps that release's
counter.
Offices that already hold the earlier release therefore see only what really changed.
To prepare the next release:

    python -m ccn_desktop.catalogue.starter_build --record resources/starter.ccnbundle.json

(digests the shipped release), raise `REFERENCE_RELEASE` in `starter.py`, then rebuild.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from ccn_desktop import __version__
from ccn_desktop.catalogue.canonical import sha256_of
from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.regions import region_for_country
from ccn_desktop.catalogue.starter import (
    REFERENCE_RELEASE,
    STARTER_OFFICE_UUID,
    attach_links,
    starter_uuid,
)
from ccn_desktop.catalogue.validation import clean

DATA_DATE = "2025-12-12T00:00:00.000000+00:00"  # most recent source read for the data
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

SARAJEVO_OBJECTIVES = [
    "Help the city's film festivals, cinemas and film museums give year-round access to "
    "diverse, high-quality film.",
    "Create jobs and training for young people and professionals by growing film and TV "
    "production.",
    "Be a regional hub for film professionals, with a focus on regional co-production.",
    "Bring urban public spaces back to life so that everyone can take part in film culture, "
    "through projects that join film with other creative industries.",
    "Work with other creative cities: share good practice, run joint programmes, exchange "
    "students and professionals.",
]

SEED_PROJECT: dict[str, Any] = {
    "title": "Creative cities and municipalities of Serbia",
    "summary": (
        "A network strengthening local and regional institutional capacities to support "
        "creative industries. The first local programme for creative industries is made for "
        "the municipality of Pirot, as a model for others."
    ),
    "status": "Completed",
    "start_year": 2016,
    "end_year": 2016,
    "partners": ["Regional Development Agency JUG (services to municipalities)"],
    "funders": [
        "Ministry of Culture and Information of Serbia",
        "UNESCO International Fund for Cultural Diversity",
    ],
    "localities": [
        "15 municipalities in the Pirot, Niš and Toplica regions of Serbia",
        "Pirot (model local programme for creative industries)",
    ],
    "target_group": (
        "Representatives of local governments, the civil sector, creative entrepreneurs, "
        "artists and cultural institutions"
    ),
    "participants": 50,
    "activities": [
        "An agenda for developing cultural and creative industries in Pirot, and its promotion",
        "A handbook for local planning of creative industries, with guidelines for valuing their "
        "development potential and standards for a business setting open to them",
        "New technical-support and training services of the development agency",
        "Training of 15 municipal representatives",
        "Promotion of the concepts and standards, and networking with donors",
        "The 3rd Creative Economy Forum (2016)",
    ],
    "notes": "Year 2016 is the forum's year; the brief gives no other dates.",
}


def roman_to_int(text: str) -> int | None:
    if not text:
        return None
    total = 0
    for index, letter in enumerate(text):
        value = ROMAN[letter]
        following = ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


RELEASES_FILE = Path(__file__).resolve().parents[2] / "resources" / "reference-releases.json"
META = ("uuid", "created_at", "modified_at", "modified_by", "version", "deleted")


def _meta(natural_key: str) -> dict[str, Any]:
    return {
        "uuid": starter_uuid(natural_key),
        "created_at": DATA_DATE,
        "modified_at": DATA_DATE,
        "modified_by": STARTER_OFFICE_UUID,
        "version": {STARTER_OFFICE_UUID: REFERENCE_RELEASE},
        "deleted": False,
    }


def field_digests(record: dict[str, Any]) -> dict[str, str]:
    """A short digest of each of a record's facts (its links included), blind to its meta
    fields: which fields a release changed, field by field.

    Spelled out here rather than borrowed from the bundle's canonical form, so that a
    change of that form does not make every field look changed.
    """
    return {
        key: hashlib.sha256(
            json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        ).hexdigest()[:16]
        for key, value in sorted(record.items())
        if key not in META
    }


def record_digests(payload: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each record's field digests, by UUID."""
    return {
        record["uuid"]: field_digests(record)
        for records in attach_links(payload).values()
        for record in records
    }


Releases = dict[int, dict[str, dict[str, str]]]  # release -> uuid -> field -> digest


def read_releases(path: Path = RELEASES_FILE) -> Releases:
    """The field digests of every earlier release's records, by release number."""
    if not path.exists():
        return {}
    stored = json.loads(path.read_text(encoding="utf-8"))
    return {int(release): digests for release, digests in stored.items()}


def field_releases(uuid: str, digests: dict[str, str], releases: Releases) -> dict[str, int]:
    """For each field, the earliest release from which its value has not changed."""
    result = {}
    for name, digest in digests.items():
        release = REFERENCE_RELEASE
        for earlier in sorted((number for number in releases if number < release), reverse=True):
            if releases[earlier].get(uuid, {}).get(name) != digest:
                break
            release = earlier
        result[name] = release
    return result


def _stamp_releases(payload: dict[str, Any], releases: Releases) -> None:
    """Give every record the counter of the release that last changed one of its fields."""
    digests = record_digests(payload)
    for section in ("cities", "conferences", "projects"):
        for record in payload[section]:
            per_field = field_releases(record["uuid"], digests[record["uuid"]], releases)
            record["version"] = {STARTER_OFFICE_UUID: max(per_field.values())}


def _checked(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    cleaned, problems = clean(entity, values)
    if problems:
        raise ValueError(f"{entity} {values}: {'; '.join(map(str, problems))}")
    return cleaned


def city_key(name: str, country_code: str, field: str) -> str:
    return f"city:{fold(name)}|{country_code}|{field}"


def build_cities(
    rows: list[dict[str, str]], locations: list[dict[str, str]]
) -> list[dict[str, Any]]:
    cities = []
    for row, location in zip(rows, locations, strict=True):
        if (location["name"], location["country_code"]) != (row["name"], row["country_code"]):
            raise ValueError(
                f"uccn_city_coordinates.csv does not follow uccn_cities.csv at {row['name']}"
            )
        notes = [f"Source: {row['source_url']}"] if row["source_url"] else []
        notes.append(f"Location: GeoNames {location['geonames_id']}")
        values: dict[str, Any] = {
            "name": row["name"],
            "country_code": row["country_code"],
            "country": row["country"],
            "region": region_for_country(row["country_code"]),
            "creative_field": row["creative_field"],
            "designation_year": int(row["designation_year"]) if row["designation_year"] else None,
            "membership_status": "Active",
            "latitude": float(location["latitude"]),
            "longitude": float(location["longitude"]),
            "notes": "\n".join(notes),
        }
        if row["name"] == "Sarajevo" and row["creative_field"] == "Film":
            values["objectives"] = SARAJEVO_OBJECTIVES
        cleaned = _checked("city", values)
        key = city_key(row["name"], row["country_code"], row["creative_field"])
        cities.append(
            _meta(key) | {k: v for k, v in cleaned.items() if not ENTITIES["city"].field(k).target}
        )
    return cities


def build_conferences(
    rows: list[dict[str, str]], cities: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_name = {(fold(city["name"]), city["country_code"]): city["uuid"] for city in cities}
    conferences: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for row in rows:
        names = row["host_cities"].split(";")
        codes = row["host_country_codes"].split(";")
        hosts = [by_name.get((fold(name), code)) for name, code in zip(names, codes, strict=True)]
        member_hosts = [uuid for uuid in hosts if uuid]
        venue = "" if all(hosts) else "; ".join(
            "UNESCO Headquarters, Paris" if name == "Paris" else name
            for name, uuid in zip(names, hosts, strict=True) if not uuid
        )  # fmt: skip
        year = int(row["year"])
        notes = [f"Source: {row['source_url']}"]
        if year == 2025:
            notes.insert(0, "Designated host; dates not yet known.")
        values = {
            "edition": roman_to_int(row["edition"]),
            "year": year,
            "host_city_uuids": member_hosts,
            "venue": venue,
            "country_code": codes[0],
            "start_date": row["start_date"] or None,
            "end_date": row["end_date"] or None,
            "format": "" if year == 2025 else "In person",
            "notes": "\n".join(notes),
        }
        cleaned = _checked("conference", values)
        record = _meta(f"conference:{year}|{fold(row['host_cities'])}")
        conferences.append(record | {k: v for k, v in cleaned.items() if k != "host_city_uuids"})
        links.extend(
            {
                "type": "conference_host",
                "from": record["uuid"],
                "to": city_uuid,
                "position": position,
            }
            for position, city_uuid in enumerate(member_hosts)
        )
    return conferences, links


def build_projects() -> list[dict[str, Any]]:
    cleaned = _checked("project", SEED_PROJECT)
    record = _meta(f"project:{fold(SEED_PROJECT['title'])}")
    return [record | {k: v for k, v in cleaned.items() if k != "city_uuids"}]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_bundle(data_dir: Path, releases: Releases | None = None) -> dict[str, Any]:
    cities = build_cities(
        _csv_rows(data_dir / "uccn_cities.csv"), _csv_rows(data_dir / "uccn_city_coordinates.csv")
    )
    conferences, links = build_conferences(_csv_rows(data_dir / "uccn_conferences.csv"), cities)
    projects = build_projects()
    payload = {
        "cities": cities,
        "conferences": conferences,
        "projects": projects,
        "tombstones": [],
        "conflicts": [],
        "links": links,
        "aliases": [],
    }
    _stamp_releases(payload, read_releases() if releases is None else releases)
    manifest = {
        "format": "ccn-bundle",
        "format_version": 1,
        "bundle_uuid": starter_uuid(f"bundle:{sha256_of(payload)}"),
        "app_version": __version__,
        "office": {
            "uuid": STARTER_OFFICE_UUID,
            "name": "CCN Desktop starter catalogue",
            "public_key": "",
        },
        "created_at": DATA_DATE,
        "scope": "starter",
        "knowledge": {STARTER_OFFICE_UUID: REFERENCE_RELEASE},
        "counts": {name: len(items) for name, items in payload.items()},
        "payload_sha256": sha256_of(payload),
        "signature": "",
    }
    return {"manifest": manifest, "payload": payload}


def record_release(bundle_file: Path, path: Path = RELEASES_FILE) -> int:
    """Keep the field digests of the release in `bundle_file`; the release's number."""
    bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
    release = bundle["manifest"]["knowledge"][STARTER_OFFICE_UUID]
    stored = {str(number): digests for number, digests in read_releases(path).items()}
    stored[str(release)] = dict(sorted(record_digests(bundle["payload"]).items()))
    parts = []  # one line a record: small, and a release's diff reads record by record
    for number, records in sorted(stored.items()):
        rows = ",\n".join(
            f"  {json.dumps(uuid)}: {json.dumps(digests, separators=(',', ':'))}"
            for uuid, digests in records.items()
        )
        parts.append(f"{json.dumps(number)}: {{\n{rows}\n}}")
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")
    return int(release)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "--record":
        release = record_release(Path(args[1]))
        print(f"{RELEASES_FILE}: digests of reference release {release} kept")
        return 0
    if len(args) != 2:
        print(
            "usage: python -m ccn_desktop.catalogue.starter_build DATA_DIR OUTPUT_FILE\n"
            "       python -m ccn_desktop.catalogue.starter_build --record SHIPPED_FILE",
            file=sys.stderr,
        )
        return 2
    bundle = build_bundle(Path(args[0]))
    Path(args[1]).write_text(
        json.dumps(bundle, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(
        f"{args[1]}: "
        + ", ".join(f"{count} {name}" for name, count in bundle["manifest"]["counts"].items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
