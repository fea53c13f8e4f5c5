"""Synthetic catalogues of any size, for the benchmarks and the tests that pin them.

`build_synthetic_catalogue(folder, n)` writes, in one transaction and with Core bulk
inserts, the rows a catalogue would hold had one office typed its records in one by
one through the facade: each record carries that office's next counter as its
version vector and an "insert" history row with its snapshot, its links, its folded
search key and its FTS5 row. One city in a hundred has since been deleted (a
tombstone with a second counter and a "delete" history row), as in a catalogue in use.

The n records are split 80 % cities, 5 % conferences (1 to 3 host cities each) and
15 % projects (2 to 5 participating cities each); `split(n)` gives the exact counts.
Every field is filled, and every record passes `clean()`. The same seed gives the
same catalogue, office UUID included (only the office's key pair differs).

`cached_synthetic_catalogue(n)` builds once per machine (under the system temp folder,
keyed by n, the seed and a fingerprint of the code that shapes the rows) and hands
out a fresh copy each call, so a benchmark may write to it. A 100,000-record
catalogue takes about a minute of CPU to build and 600 MB of disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
import uuid as uuid_module
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text, update
from sqlalchemy.orm import Session

from ccn_desktop.catalogue import derived, store
from ccn_desktop.catalogue.entities import ENTITIES, Kind
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.folding import fold
from ccn_desktop.catalogue.models import (
    RECORD_MODELS,
    History,
    Office,
    conference_host,
    project_city,
)
from ccn_desktop.catalogue.regions import region_for_country
from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD
from ccn_desktop.catalogue.validation import country_name
from ccn_desktop.catalogue.vocabulary import (
    CONFERENCE_FORMATS,
    CREATIVE_FIELDS,
    MEMBERSHIP_STATUSES,
    PROJECT_STATUSES,
)
from ccn_desktop.paths import DataPaths
from tests.perf import synthetic_words as words

SYNTHETIC_VERSION = 1  # bump when the shape of the generated rows changes
CITY_SHARE = 0.80
CONFERENCE_SHARE = 0.05  # projects get the rest
DELETED_EVERY = 100  # one city in a hundred is a tombstone
MIN_RECORDS = 50
OFFICE_NAME = "Synthetic office"
START = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)  # first record's time; the last is six years on
SPAN_MICROSECONDS = 6 * 365 * 24 * 3600 * 1_000_000
BATCH = 2_000  # records generated and inserted at a time (bounds memory)
_NOT_SLUG = re.compile(r"[^a-z0-9]")
_SEARCHED_KINDS = (
    Kind.TEXT, Kind.LONG_TEXT, Kind.CHOICE, Kind.EMAIL, Kind.TEXT_LIST, Kind.COUNTRY, Kind.YEAR,
    Kind.INT,
)  # fmt: skip
# The fields derived.search_text() reads, in its order.
_SEARCH_FIELDS = {
    entity: [(field.name, field.kind) for field in spec.fields if field.kind in _SEARCHED_KINDS]
    for entity, spec in ENTITIES.items()
}


@dataclass(frozen=True)
class Split:
    """How many records of each kind a synthetic catalogue of n records holds."""

    cities: int  # including the deleted ones
    conferences: int
    projects: int

    @property
    def deleted_cities(self) -> int:
        return self.cities // DELETED_EVERY

    @property
    def live(self) -> dict[str, int]:
        """What `Catalogue.count(entity)` answers."""
        return {
            "city": self.cities - self.deleted_cities,
            "conference": self.conferences,
            "project": self.projects,
        }

    @property
    def total(self) -> int:
        return self.cities + self.conferences + self.projects


def split(n_records: int) -> Split:
    if n_records < MIN_RECORDS:
        raise ValueError(f"a synthetic catalogue needs at least {MIN_RECORDS} records")
    cities = round(n_records * CITY_SHARE)
    conferences = round(n_records * CONFERENCE_SHARE)
    return Split(cities, conferences, n_records - cities - conferences)


def records_for_cities(cities: int) -> int:
    """The n whose split has exactly `cities` cities (for "search over 100,000 cities")."""
    n_records = round(cities / CITY_SHARE)
    while split(n_records).cities < cities:
        n_records += 1
    return n_records


class _FoldTable(dict[int, str]):
    """Character → folded text, filled on first sight (str.translate looks keys up here)."""

    def __missing__(self, code: int) -> str:
        folded = fold(f"x{chr(code)}x")[1:-1]
        self[code] = folded
        return folded


class FastFold:
    """`fold()` through a per-character table: the same answer, many times faster on paragraphs.

    Every step of fold() but the final squeeze of white space acts on one character
    at a time (the combining marks that canonical ordering moves are all dropped), so
    folding each new character once — between two letters, so that one that folds to
    a space keeps it — and squeezing afterwards gives fold()'s answer. The tests
    compare the result with fold() on any text, and with the write path on every record.
    """

    def __init__(self) -> None:
        self._table = _FoldTable()
        # Plain ASCII text only needs lower() — checked here, not assumed.
        self._ascii_lowers = all(
            self._table[code] == (" " if chr(code).isspace() else chr(code).lower())
            for code in range(128)
        )

    def __call__(self, value: str) -> str:
        if self._ascii_lowers and value.isascii():
            return " ".join(value.lower().split())
        return " ".join(value.translate(self._table).split())


class _Dice(random.Random):
    """random.Random with cheaper picks: the generator draws about 30 numbers a record."""

    def pick(self, items: Sequence[Any]) -> Any:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer from low to high, both included."""
        return low + int(self.random() * (high - low + 1))

    def weighted(self, items: Sequence[Any], weights: Sequence[float]) -> Any:
        return self.choices(items, weights)[0]


@dataclass(frozen=True)
class _CityRef:
    id: int
    uuid: str
    name: str
    country_code: str


class _Writer:
    """Generates the records in order and bulk-inserts them, batch by batch."""

    def __init__(self, session: Session, counts: Split, seed: int) -> None:
        self.session = session
        self.counts = counts
        self.rng = _Dice(seed)
        self.fold = FastFold()
        self.office_uuid = self._uuid()
        self.total_writes = counts.total + counts.deleted_cities
        self.live_cities: list[_CityRef] = []
        self.weights = [locale.weight for locale in words.LOCALES]
        self.folded_names: set[str] = set()
        self.deletions: list[dict[str, Any]] = []
        self.fields = list(CREATIVE_FIELDS)
        self._country_names: dict[str, str] = {}

    # -- small helpers ---------------------------------------------------------

    def _uuid(self) -> str:
        return str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))

    def _moment(self, counter: int) -> dt.datetime:
        return START + dt.timedelta(microseconds=SPAN_MICROSECONDS * counter // self.total_writes)

    def _country_name(self, code: str) -> str:
        if code not in self._country_names:
            self._country_names[code] = country_name(code)
        return self._country_names[code]

    def _partner(self) -> str:
        if not self.live_cities:
            return words.KNOWN_CITIES[0][0]
        return self.rng.pick(self.live_cities).name

    def _slug(self, folded: str, fallback: str) -> str:
        """The Latin letters and digits of folded text, for web and e-mail addresses."""
        return _NOT_SLUG.sub("", folded) or fallback

    def _sentences(self, templates: Sequence[str], count: int, **values: str) -> str:
        return " ".join(t.format(**values) for t in self.rng.sample(list(templates), count))

    def _meta(self, counter: int, deleted: bool = False) -> dict[str, Any]:
        moment = self._moment(counter)
        return {
            "created_at": moment,
            "modified_at": moment,
            "modified_by": self.office_uuid,
            "version": {self.office_uuid: counter},
            "deleted": deleted,
        }

    def _snapshot(
        self, entity: str, uuid: str, meta: dict[str, Any], values: dict[str, Any]
    ) -> dict[str, Any]:
        """What store.snapshots() gives for the record (history and bundles store this)."""
        snapshot: dict[str, Any] = {
            "uuid": uuid,
            "created_at": store.iso(meta["created_at"]),
            "modified_at": store.iso(meta["modified_at"]),
            "modified_by": meta["modified_by"],
            "version": dict(meta["version"]),
            "deleted": meta["deleted"],
        }
        for name in ENTITIES[entity].field_names:
            value = values[name]
            snapshot[name] = list(value) if isinstance(value, list) else value
        return snapshot

    def _history(
        self, entity: str, meta: dict[str, Any], snapshot: dict[str, Any], action: str
    ) -> dict[str, Any]:
        at = meta["modified_at"]
        return {
            "entity": entity,
            "record_uuid": snapshot["uuid"],
            "action": action,
            "origin": "local",
            "bundle_uuid": None,
            "office_uuid": self.office_uuid,
            "at": at,
            "version": dict(snapshot["version"]),
            "snapshot": snapshot,
        }

    def _search_body(self, entity: str, values: dict[str, Any], linked: Sequence[str]) -> str:
        """The FTS5 body catalogue/derived.py makes (same fields, same order, same folding)."""
        parts: list[str] = []
        for name, kind in _SEARCH_FIELDS[entity]:
            value = values[name]
            if kind == Kind.TEXT_LIST:
                parts.extend(value)
            elif kind == Kind.COUNTRY:
                if value:
                    parts.extend((value, self._country_name(value)))
            elif kind in (Kind.YEAR, Kind.INT):
                if value is not None:
                    parts.append(str(value))
            elif "://" in value:
                parts.append(derived._WEB_ADDRESS.sub(" ", value))
            else:
                parts.append(value)
        parts.extend(linked)
        return self.fold(" \n ".join(part for part in parts if part))

    # -- cities ----------------------------------------------------------------

    def _city_name(self, index: int) -> tuple[str, str, str, words.Locale]:
        """A name not yet in the catalogue (folded), its folded form, country and locale."""
        if index < len(words.KNOWN_CITIES):
            name, country = words.KNOWN_CITIES[index]
            locale = next(loc for loc in words.LOCALES if country in loc.countries)
            self.folded_names.add(self.fold(name))
            return name, self.fold(name), country, locale
        rng = self.rng
        while True:
            locale = rng.weighted(words.LOCALES, self.weights)
            count = rng.pick(locale.syllable_counts)
            syllables = [rng.pick(locale.syllables) for _ in range(count)]
            if locale.joiner:
                name = locale.joiner.join(syllables)
            else:
                name = "".join(syllables)
                name = name[:1].upper() + name[1:].lower()
            name += rng.pick(locale.suffixes)
            folded = self.fold(name)
            if folded not in self.folded_names:
                self.folded_names.add(folded)
                return name, folded, rng.pick(locale.countries), locale

    def _city_values(self, index: int) -> tuple[str, dict[str, Any]]:
        """The folded name and the cleaned values of city number `index`."""
        rng = self.rng
        name, folded, country, locale = self._city_name(index)
        field = rng.pick(self.fields)
        year = rng.between(2004, 2021)
        activity, activity2 = words.FIELD_ACTIVITIES[field]
        slug = self._slug(folded, f"city{index}")
        person_first, person_last = rng.pick(locale.first_names), rng.pick(locale.last_names)
        mail_name = (
            f"{self._slug(self.fold(person_first), 'focal')}."
            f"{self._slug(self.fold(person_last), 'point')}"
        )
        fill = {
            "name": name, "country": self._country_name(country), "field": field,
            "field_lower": field.lower(), "year": str(year), "activity": activity,
            "activity2": activity2, "partner": self._partner(),
        }  # fmt: skip
        description = "\n\n".join(
            (
                self._sentences(words.INTRO_SENTENCES, 2, **fill),
                self._sentences(words.PLAN_SENTENCES, 1, **fill),
            )
        )
        reports = [
            f"{report_year}-{rng.between(1, 12):02d}-{rng.between(1, 28):02d}"
            for report_year in range(year + 4, 2026, 4)
        ]
        return folded, {
            "name": name,
            "country_code": country,
            "country": self._country_name(country),
            "region": region_for_country(country),
            "creative_field": field,
            "designation_year": year,
            "membership_status": rng.weighted(MEMBERSHIP_STATUSES, (90, 5, 3, 2)),
            "latitude": round(rng.uniform(*locale.latitude), 5),
            "longitude": round(rng.uniform(*locale.longitude), 5),
            "website": f"https://www.{slug}.example.org/creative-city",
            "focal_point_name": f"{person_first} {person_last}",
            "focal_point_role": rng.pick(words.ROLES),
            "focal_point_email": f"{mail_name}@{slug}.example.org",
            "focal_point_phone": (
                f"+{rng.between(20, 998)} {rng.between(10, 99)} "
                f"{rng.between(100, 999)} {rng.between(1000, 9999)}"
            ),
            "description": description,
            "objectives": [
                objective.format(**fill)
                for objective in rng.sample(words.OBJECTIVES, rng.between(2, 3))
            ],
            "report_dates": sorted(set(reports)),
            "notes": (
                f"Source: https://en.unesco.org/creative-cities/{slug}. "
                f"Checked with the focal point in {rng.between(2022, 2025)}."
            ),
        }

    def _write_cities(self) -> None:
        counts = self.counts
        deleted_seen = 0
        for start in range(0, counts.cities, BATCH):
            rows, fts, history = [], [], []
            for index in range(start, min(start + BATCH, counts.cities)):
                record_id = counter = index + 1
                uuid = self._uuid()
                folded, values = self._city_values(index)
                meta = self._meta(counter)
                history.append(
                    self._history(
                        "city", meta, self._snapshot("city", uuid, meta, values), "insert"
                    )
                )
                deleted = (index + 1) % DELETED_EVERY == 0 and index >= len(words.KNOWN_CITIES)
                if deleted:
                    deleted_seen += 1
                    meta = self._meta(counts.total + deleted_seen, deleted=True)
                    meta["created_at"] = self._moment(counter)
                    self.deletions.append(
                        self._history(
                            "city", meta, self._snapshot("city", uuid, meta, values), "delete"
                        )
                    )
                else:
                    self.live_cities.append(
                        _CityRef(record_id, uuid, values["name"], values["country_code"])
                    )
                rows.append(
                    {"id": record_id, "uuid": uuid, **meta, "needs_review": False,
                     "search_key": folded[:500], **values}
                )  # fmt: skip
                fts.append({"rowid": record_id, "body": self._search_body("city", values, ())})
            self._insert("city", rows, fts, history)

    # -- conferences -----------------------------------------------------------

    def _write_conferences(self) -> None:
        rng = self.rng
        first_counter = self.counts.cities
        for start in range(0, self.counts.conferences, BATCH):
            rows, fts, history, links = [], [], [], []
            for index in range(start, min(start + BATCH, self.counts.conferences)):
                record_id, counter = index + 1, first_counter + index + 1
                uuid = self._uuid()
                hosts = rng.sample(self.live_cities, rng.weighted((1, 2, 3), (70, 20, 10)))
                year = rng.between(2006, 2027)
                start_date = dt.date(year, rng.between(1, 12), rng.between(1, 25))
                end_date = start_date + dt.timedelta(days=rng.between(1, 4))
                names = [host.name for host in hosts]
                fill = {"name": names[0], "field_lower": "creativity", "partner": self._partner(),
                        "activity": "the annual conference", "activity2": "host city events",
                        "field": rng.pick(self.fields), "year": str(year),
                        "country": self._country_name(hosts[0].country_code)}  # fmt: skip
                values = {
                    "edition": index + 1,
                    "year": year,
                    "host_city_uuids": [host.uuid for host in hosts],
                    "venue": f"{names[0]} {rng.pick(words.VENUES)}",
                    "country_code": hosts[0].country_code,
                    "start_date": start_date.isoformat(),
                    "end_date": end_date.isoformat(),
                    "format": rng.weighted(CONFERENCE_FORMATS, (75, 10, 15)),
                    "theme": rng.pick(words.THEMES),
                    "objectives": self._sentences(words.PLAN_SENTENCES, 3, **fill),
                    "notes": f"Hosted by {' and '.join(names)}; report published in {year}.",
                }
                meta = self._meta(counter)
                history.append(self._history(
                    "conference", meta, self._snapshot("conference", uuid, meta, values), "insert"
                ))  # fmt: skip
                row = {name: value for name, value in values.items() if name != "host_city_uuids"}
                row |= {"start_date": start_date, "end_date": end_date}
                title = f"{year} {' / '.join(name for name in names if name)}".strip()
                rows.append({"id": record_id, "uuid": uuid, **meta, "needs_review": False,
                             "search_key": self.fold(title)[:500], **row})  # fmt: skip
                links.extend(
                    {"conference_id": record_id, "city_id": host.id, "position": position}
                    for position, host in enumerate(hosts)
                )
                body = self._search_body("conference", values, names)
                fts.append({"rowid": record_id, "body": body})
            self._insert("conference", rows, fts, history)
            self.session.execute(insert(conference_host), links)

    # -- projects --------------------------------------------------------------

    def _write_projects(self) -> None:
        rng = self.rng
        first_counter = self.counts.cities + self.counts.conferences
        for start in range(0, self.counts.projects, BATCH):
            rows, fts, history, links = [], [], [], []
            for index in range(start, min(start + BATCH, self.counts.projects)):
                record_id, counter = index + 1, first_counter + index + 1
                uuid = self._uuid()
                cities = rng.sample(self.live_cities, rng.between(2, 5))
                names = [city.name for city in cities]
                field = rng.pick(self.fields)
                topic = rng.pick(words.PROJECT_TOPICS)
                start_year = rng.between(2005, 2025)
                fill = {"name": names[0], "partner": names[1], "field": field,
                        "field_lower": field.lower(), "year": str(start_year),
                        "activity": words.FIELD_ACTIVITIES[field][0],
                        "activity2": words.FIELD_ACTIVITIES[field][1],
                        "country": self._country_name(cities[0].country_code)}  # fmt: skip
                title = f"{field} {topic}: {names[0]} and {names[1]}"
                slug = self._slug(self.fold(f"{topic}{names[0]}"), f"project{index}")
                values = {
                    "title": title,
                    "summary": self._sentences(words.INTRO_SENTENCES, 2, **fill),
                    "status": rng.weighted(PROJECT_STATUSES, (10, 30, 55, 5)),
                    "start_year": start_year,
                    "end_year": start_year + rng.between(0, 5),
                    "lead_organisation": f"{rng.pick(words.ORGANISATIONS)} of {names[0]}",
                    "partners": [f"{rng.pick(words.ORGANISATIONS)} of {name}" for name in names],
                    "funders": rng.sample(list(words.FUNDERS), rng.between(1, 3)),
                    "budget": round(rng.uniform(5_000, 2_000_000), 2),
                    "currency": rng.pick(words.CURRENCIES),
                    "city_uuids": [city.uuid for city in cities],
                    "localities": [f"Old town of {name}" for name in names[:2]],
                    "target_group": rng.pick(words.TARGET_GROUPS),
                    "participants": rng.between(10, 5_000),
                    "activities": [
                        activity.format(**fill)
                        for activity in rng.sample(list(words.ACTIVITIES), rng.between(3, 5))
                    ],
                    "outputs": self._sentences(words.PLAN_SENTENCES, 2, **fill),
                    "website": f"https://{slug}.example.org/",
                    "notes": f"Final report received in {start_year + 1}.",
                }
                meta = self._meta(counter)
                history.append(self._history(
                    "project", meta, self._snapshot("project", uuid, meta, values), "insert"
                ))  # fmt: skip
                row = {name: value for name, value in values.items() if name != "city_uuids"}
                rows.append({"id": record_id, "uuid": uuid, **meta, "needs_review": False,
                             "search_key": self.fold(title)[:500], **row})  # fmt: skip
                links.extend(
                    {"project_id": record_id, "city_id": city.id, "position": position}
                    for position, city in enumerate(cities)
                )
                fts.append(
                    {"rowid": record_id, "body": self._search_body("project", values, names)}
                )
            self._insert("project", rows, fts, history)
            self.session.execute(insert(project_city), links)

    # -- writing ---------------------------------------------------------------

    def _insert(
        self,
        entity: str,
        rows: list[dict[str, Any]],
        fts: list[dict[str, Any]],
        history: list[dict[str, Any]],
    ) -> None:
        self.session.execute(insert(RECORD_MODELS[entity].__table__), rows)
        self.session.execute(
            text(f"INSERT INTO {entity}_fts(rowid, body) VALUES (:rowid, :body)"), fts
        )
        self.session.execute(insert(History.__table__), history)

    def write(self) -> None:
        # A bigger page cache for this one connection: indexes on random UUIDs fill it.
        self.session.execute(text("PRAGMA cache_size = -131072"))
        self._write_cities()
        self._write_conferences()
        self._write_projects()
        if self.deletions:
            self.session.execute(insert(History.__table__), self.deletions)
        self.session.execute(
            update(Office).values(
                uuid=self.office_uuid,
                created_at=START,
                counter=self.total_writes,
                knowledge={self.office_uuid: self.total_writes},
            )
        )


def build_synthetic_catalogue(folder: Path, n_records: int, *, seed: int = 0) -> DataPaths:
    """Make a new catalogue of `n_records` synthetic records in data folder `folder`."""
    counts = split(n_records)
    paths = DataPaths.in_folder(folder)
    if paths.catalogue_file.exists():
        raise FileExistsError(f"{paths.catalogue_file} already exists")
    catalogue = Catalogue.open(paths, office_name=OFFICE_NAME, starter=False)
    try:
        with catalogue.transaction() as session:
            _Writer(session, counts, seed).write()
    finally:
        catalogue.close()
    return paths


# -- a build per machine, copied for each use ---------------------------------

_SHAPING_MODULES = (
    "store.py", "derived.py", "writer.py", "folding.py", "models.py", "entities.py",
    "validation.py",
)  # fmt: skip


def cache_root() -> Path:
    """Where built catalogues are kept (`CCN_PERF_CACHE`, or the system temp folder)."""
    return Path(os.environ.get("CCN_PERF_CACHE") or tempfile.gettempdir()) / "ccn-desktop-perf"


def code_fingerprint() -> str:
    """Changes whenever the code that shapes the rows does, so a stale build is not reused."""
    digest = hashlib.sha256(f"{SYNTHETIC_VERSION} {SCHEMA_HEAD}".encode())
    here = Path(__file__).resolve().parent
    catalogue_dir = Path(store.__file__).resolve().parent
    sources = [here / "synthetic.py", here / "synthetic_words.py"]
    sources += [catalogue_dir / name for name in _SHAPING_MODULES]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def cached_build(n_records: int, *, seed: int = 0) -> Path:
    """The data folder of this machine's build (made now if missing). Do not write to it.

    Builds made by older code of this source tree are deleted; those of other trees
    (other checkouts sharing the temp folder) are left to them.
    """
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    prefix = f"n{n_records}-s{seed}-"
    final = root / f"{prefix}{code_fingerprint()}"
    if final.is_dir():
        return final
    source_tree = str(Path(__file__).resolve().parents[2])
    for stale in root.glob(f"{prefix}*.source"):
        if stale.read_text(encoding="utf-8") == source_tree:
            shutil.rmtree(stale.with_suffix(""), ignore_errors=True)
            stale.unlink(missing_ok=True)
    print(f"Building a synthetic catalogue of {n_records:,} records in {final} "
          "(once per machine)…", file=sys.stderr, flush=True)  # fmt: skip
    building = root / f".building-{prefix}{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    try:
        build_synthetic_catalogue(building, n_records, seed=seed)
        os.rename(building, final)
        final.with_suffix(".source").write_text(source_tree, encoding="utf-8")
    except OSError:
        if not final.is_dir():  # another process finished first: use its build
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return final


def cached_synthetic_catalogue(
    n_records: int, *, seed: int = 0, folder: Path | None = None
) -> DataPaths:
    """A fresh copy of this machine's synthetic catalogue of `n_records` records.

    The copy goes to `folder` (which must not exist yet), or to a new temp folder;
    the caller deletes it when done (`shutil.rmtree(paths.data_dir)`).
    """
    source = cached_build(n_records, seed=seed)
    target = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="ccn-perf-"))
    shutil.copytree(source, target, dirs_exist_ok=folder is None)
    return DataPaths.in_folder(target)
