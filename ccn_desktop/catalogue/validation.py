"""The rules a record must satisfy — the same for forms, imports and the CLI.

`clean()` turns raw values (from a form, a CSV or a bundle) into the stored
types and lists every problem as a `Problem` naming the field, so that a form can
show the reason under the field and an import can name `cities[12].field`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid as uuid_module
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ccn_desktop.catalogue.entities import ENTITIES, EntitySpec, FieldSpec, Kind
from ccn_desktop.i18n import _

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,}$")
_DIGIT = re.compile(r"[0-9]")
_MAX_LIST_ITEMS = 1000


@dataclass(frozen=True)
class Problem:
    """One broken rule: which field, and why, in a sentence fragment a user can read."""

    field: str
    message: str

    def __str__(self) -> str:
        return _("{field}: {message}").format(field=self.field, message=self.message)


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _text(value: Any, spec: FieldSpec) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Invalid(_("must be text"))
    text: str = value.strip()
    if len(text) > spec.max_length:
        raise _Invalid(
            _("is too long ({count} characters, at most {max_length})").format(
                count=len(text), max_length=spec.max_length
            )
        )
    if spec.kind == Kind.TEXT and ("\n" in text or "\r" in text):
        raise _Invalid(_("must be a single line"))
    return text


def _number(value: Any, spec: FieldSpec, *, integer: bool) -> int | float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _Invalid(_("must be a number"))
    try:
        number: int | float
        if integer:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            number = int(value.strip()) if isinstance(value, str) else int(value)
        else:
            number = (
                float(value.replace(",", ".").strip()) if isinstance(value, str) else float(value)
            )
            if not math.isfinite(number):
                raise ValueError
    except (TypeError, ValueError):
        raise _Invalid(_("must be a whole number") if integer else _("must be a number")) from None
    if spec.minimum is not None and number < spec.minimum:
        raise _Invalid(_("must be at least {minimum:g}").format(minimum=spec.minimum))
    if spec.maximum is not None and number > spec.maximum:
        raise _Invalid(_("must be at most {maximum:g}").format(maximum=spec.maximum))
    return number


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise _Invalid(_("must be a date written YYYY-MM-DD"))


def _choice(value: Any, spec: FieldSpec) -> str:
    text = _text(value, spec)
    if text and text not in spec.choices:
        raise _Invalid(_("must be one of: {value}").format(value=", ".join(spec.choices)))
    return text


def _country(value: Any, spec: FieldSpec) -> str:
    code = _text(value, spec).upper()
    if code and not is_country_code(code):
        raise _Invalid(_("'{code}' is not an ISO 3166-1 alpha-2 country code").format(code=code))
    return code


def _currency(value: Any, spec: FieldSpec) -> str:
    code = _text(value, spec).upper()
    if code and not is_currency_code(code):
        raise _Invalid(_("'{code}' is not an ISO 4217 currency code").format(code=code))
    return code


def _email(value: Any, spec: FieldSpec) -> str:
    text = _text(value, spec)
    if text and not _EMAIL.match(text):
        raise _Invalid(_("is not an e-mail address (name@example.org)"))
    return text


def _url(value: Any, spec: FieldSpec) -> str:
    text = _text(value, spec)
    if text:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in text:
            raise _Invalid(_("is not a web address (https://example.org)"))
    return text


def _phone(value: Any, spec: FieldSpec) -> str:
    text = _text(value, spec)
    if text and (not _PHONE.match(text) or len(_DIGIT.findall(text)) < 3):
        raise _Invalid(_("is not a phone number (digits, spaces, + ( ) - . /)"))
    return text


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise _Invalid(_("must be a list"))
    if len(value) > _MAX_LIST_ITEMS:
        raise _Invalid(_("has too many entries (at most {limit})").format(limit=_MAX_LIST_ITEMS))
    return list(value)


def _text_list(value: Any, spec: FieldSpec) -> list[str]:
    items = []
    for index, item in enumerate(_list(value), start=1):
        try:
            text = _text(item, spec)
        except _Invalid as exc:
            raise _Invalid(
                _("entry {index} {message}").format(index=index, message=exc.message)
            ) from None
        if text:
            items.append(text)
    return items


def _date_list(value: Any, spec: FieldSpec) -> list[str]:
    dates = []
    for index, item in enumerate(_list(value), start=1):
        try:
            date = _date(item)
        except _Invalid as exc:
            raise _Invalid(
                _("entry {index} {message}").format(index=index, message=exc.message)
            ) from None
        if date:
            dates.append(date)
    return sorted(set(dates))


def _links(value: Any, spec: FieldSpec) -> list[str]:
    uuids: list[str] = []
    for item in _list(value):
        if not is_uuid(item):
            raise _Invalid(_("'{value}' is not a record identifier").format(value=str(item)[:40]))
        if item not in uuids:
            uuids.append(item)
    return uuids


_CLEANERS: dict[Kind, Callable[[Any, FieldSpec], Any]] = {
    Kind.TEXT: _text,
    Kind.LONG_TEXT: _text,
    Kind.INT: lambda v, s: _number(v, s, integer=True),
    Kind.YEAR: lambda v, s: _number(v, s, integer=True),
    Kind.FLOAT: lambda v, s: _number(v, s, integer=False),
    Kind.DATE: lambda v, s: _date(v),
    Kind.CHOICE: _choice,
    Kind.COUNTRY: _country,
    Kind.CURRENCY: _currency,
    Kind.EMAIL: _email,
    Kind.URL: _url,
    Kind.PHONE: _phone,
    Kind.TEXT_LIST: _text_list,
    Kind.DATE_LIST: _date_list,
    Kind.LINKS: _links,
}


def is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        return str(uuid_module.UUID(value)) == value
    except ValueError:
        return False


@lru_cache(maxsize=1024)
def is_country_code(code: str) -> bool:
    import pycountry

    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=1024)
def is_currency_code(code: str) -> bool:
    import pycountry

    return len(code) == 3 and pycountry.currencies.get(alpha_3=code) is not None


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    """The English short name of a country code ("" if unknown)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None:
        return ""
    return str(getattr(country, "common_name", None) or getattr(country, "name", ""))


def _cross_field(spec: EntitySpec, values: Mapping[str, Any]) -> list[Problem]:
    problems = []

    def ordered(first: str, last: str, what: str) -> None:
        start, end = values.get(first), values.get(last)
        if start is not None and end is not None and end < start:
            problems.append(Problem(last, what))

    if spec.name == "conference":
        ordered("start_date", "end_date", _("must not be before the start date"))
        if not values.get("host_city_uuids") and not values.get("venue"):
            problems.append(Problem("host_city_uuids", _("name at least one host city or a venue")))
        start = values.get("start_date")
        if start and values.get("year") and int(start[:4]) != values["year"]:
            problems.append(Problem("start_date", _("must fall in the conference's year")))
    if spec.name == "project":
        ordered("start_year", "end_year", _("must not be before the start year"))
        if values.get("budget") is not None and values.get("currency") == "":
            problems.append(Problem("currency", _("is required when a budget is given")))
    return problems


_KNOWN = {name: frozenset(spec.field_names) for name, spec in ENTITIES.items()}


def clean(
    entity: str, values: Mapping[str, Any], *, across: bool = True
) -> tuple[dict[str, Any], list[Problem]]:
    """Stored-type values of every field, and the problems found.

    Absent fields take their empty value (and are reported when required). Unknown
    keys are reported too: a typo must not silently drop data. `across=False` leaves out
    the rules between fields (end not before start …): a field-level merge of two valid
    versions may break one, and is then flagged for review rather than refused.
    """
    spec = ENTITIES[entity]
    cleaned: dict[str, Any] = {}
    problems: list[Problem] = []
    known = _KNOWN[entity]
    problems.extend(
        Problem(name, _("is not a field of this record")) for name in values if name not in known
    )
    for field in spec.fields:
        try:
            value = _CLEANERS[field.kind](values.get(field.name), field)
        except _Invalid as exc:
            problems.append(Problem(field.name, exc.message))
            continue
        if field.required and value in (None, "", []):
            problems.append(Problem(field.name, _("is required")))
            continue
        cleaned[field.name] = field.empty() if value is None and field.is_list else value
    if not across:
        return cleaned, problems
    already = {problem.field for problem in problems}
    problems.extend(
        problem for problem in _cross_field(spec, cleaned) if problem.field not in already
    )
    return cleaned, problems
