"""Building bundles by hand for tests: signed like an office would, or broken on purpose."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid as uuid_module
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ccn_desktop.catalogue.canonical import canonical_bytes, sha256_of
from ccn_desktop.catalogue.identity import public_key_text
from ccn_desktop.exchange.format import FORMAT_VERSION, SECTIONS
from ccn_desktop.exchange.signing import sign

OFFICE = "0b9a3c1e-5f0e-4d55-9a0b-1c2d3e4f5a6b"
OTHER = "7e7e7e7e-1111-4222-8333-444455556666"
TIME = "2026-01-05T10:00:00.000000+00:00"
LATER = "2026-02-05T10:00:00.000000+00:00"
CITY_A = "11111111-1111-4111-8111-111111111111"
CITY_B = "22222222-2222-4222-8222-222222222222"
CITY_GONE = "33333333-3333-4333-8333-333333333333"
CONFERENCE = "44444444-4444-4444-8444-444444444444"
PROJECT = "55555555-5555-4555-8555-555555555555"


def meta(uuid: str, counter: int, *, office: str = OFFICE, deleted: bool = False) -> dict[str, Any]:
    return {
        "uuid": uuid,
        "created_at": TIME,
        "modified_at": TIME,
        "modified_by": office,
        "version": {office: counter},
        "deleted": deleted,
    }


def city(uuid: str, counter: int, name: str, **values: Any) -> dict[str, Any]:
    record = meta(uuid, counter) | {
        "name": name,
        "country_code": "FR",
        "country": "France",
        "region": "Europe and North America",
        "creative_field": "Film",
        "designation_year": 2019,
        "membership_status": "Active",
        "latitude": None,
        "longitude": None,
        "website": "",
        "focal_point_name": "",
        "focal_point_role": "",
        "focal_point_email": "",
        "focal_point_phone": "",
        "description": "",
        "objectives": [],
        "report_dates": [],
        "notes": "",
    }
    record.update(values)
    return record


def conference(uuid: str, counter: int, year: int, **values: Any) -> dict[str, Any]:
    record = meta(uuid, counter) | {
        "edition": 1,
        "year": year,
        "venue": "",
        "country_code": "FR",
        "start_date": f"{year}-06-01",
        "end_date": f"{year}-06-03",
        "format": "In person",
        "theme": "",
        "objectives": "",
        "notes": "",
    }
    record.update(values)
    return record


def project(uuid: str, counter: int, title: str, **values: Any) -> dict[str, Any]:
    record = meta(uuid, counter) | {
        "title": title,
        "summary": "",
        "status": "Ongoing",
        "start_year": 2024,
        "end_year": None,
        "lead_organisation": "",
        "partners": [],
        "funders": [],
        "budget": None,
        "currency": "",
        "localities": [],
        "target_group": "",
        "participants": None,
        "activities": [],
        "outputs": "",
        "website": "",
        "notes": "",
    }
    record.update(values)
    return record


def sample_payload() -> dict[str, list[dict[str, Any]]]:
    """Two cities, a conference they host, a project, a deleted city."""
    return {
        "cities": [city(CITY_A, 1, "Łódź", country_code="PL", country="Poland"),
                   city(CITY_B, 2, "Östersund", country_code="SE", country="Sweden",
                        creative_field="Gastronomy")],
        "conferences": [conference(CONFERENCE, 3, 2024)],
        "projects": [project(PROJECT, 4, "Film schools")],
        "tombstones": [{"entity": "city", **city(CITY_GONE, 5, "Gone", deleted=True)}],
        "conflicts": [],
        "links": [
            {"type": "conference_host", "from": CONFERENCE, "to": CITY_A, "position": 0},
            {"type": "conference_host", "from": CONFERENCE, "to": CITY_B, "position": 1},
            {"type": "project_city", "from": PROJECT, "to": CITY_B, "position": 0},
        ],
        "aliases": [],
    }  # fmt: skip


def office_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def make_bundle(
    payload: dict[str, Any],
    key: Ed25519PrivateKey,
    *,
    office: str = OFFICE,
    name: str = "Field office",
    knowledge: dict[str, int] | None = None,
    scope: str = "full",
    for_office: str | None = None,
    created_at: str = LATER,
    format_version: int = FORMAT_VERSION,
) -> dict[str, Any]:
    """A signed bundle dict around `payload`; knowledge defaults to what the payload holds."""
    if knowledge is None:
        knowledge = {}
        versions = [record["version"] for section in SECTIONS if section != "links"
                    for record in payload.get(section, [])]  # fmt: skip
        for vector in versions:
            for office_uuid, counter in vector.items():
                knowledge[office_uuid] = max(knowledge.get(office_uuid, 0), counter)
    manifest: dict[str, Any] = {
        "format": "ccn-bundle",
        "format_version": format_version,
        "bundle_uuid": str(uuid_module.uuid4()),
        "app_version": "0.1.0",
        "office": {"uuid": office, "name": name, "public_key": public_key_text(key.public_key())},
        "created_at": created_at,
        "scope": scope,
        "for_office": for_office,
        "knowledge": knowledge,
        "counts": {section: len(payload.get(section, [])) for section in SECTIONS},
        "payload_sha256": sha256_of(payload, format_version),
    }
    manifest["signature"] = sign(manifest, key)
    return {"manifest": manifest, "payload": payload}


def resign(bundle: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """The same bundle with its checksum and signature made to match its (changed) content."""
    bundle = copy.deepcopy(bundle)
    manifest = bundle["manifest"]
    manifest.pop("signature", None)
    manifest["payload_sha256"] = sha256_of(bundle["payload"], manifest["format_version"])
    manifest["signature"] = sign(manifest, key)
    return bundle


def write(path: Path, bundle: dict[str, Any]) -> Path:
    """The bundle in its format's canonical form, as an office writes it."""
    path.write_bytes(canonical_bytes(bundle, bundle["manifest"]["format_version"]))
    return path


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
