"""The filter options `stats` and `map` share: --field, --region, --from, --to."""

from __future__ import annotations

import argparse
from typing import Any

from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS, UNESCO_REGIONS
from ccn_desktop.commands.base import CommandError
from ccn_desktop.i18n import _


def add_filter_arguments(parser: Any) -> None:
    parser.add_argument("--field", metavar="FIELD", help=_('cities of one creative field ("Film")'))
    parser.add_argument(
        "--region", metavar="REGION", help=_('cities of one UNESCO region ("Africa")')
    )
    parser.add_argument(
        "--from", dest="first_year", type=int, metavar="YEAR", help=_("designated in YEAR or later")
    )
    parser.add_argument(
        "--to", dest="last_year", type=int, metavar="YEAR", help=_("designated in YEAR or earlier")
    )


def _known(value: str, choices: tuple[str, ...], what: str) -> str:
    for choice in choices:
        if choice.casefold() == value.strip().casefold():
            return choice
    raise CommandError(
        _("There is no {what} {value!r}; choose one of: {choices}.").format(
            what=what, value=value, choices=", ".join(choices)
        )
    )


def network_filter(args: argparse.Namespace) -> Any:
    """The NetworkFilter the options ask for; one sentence for an unknown field or region."""
    from ccn_desktop.catalogue.statistics import NetworkFilter

    field = _known(args.field, tuple(CREATIVE_FIELDS), _("creative field")) if args.field else None
    region = _known(args.region, UNESCO_REGIONS, _("UNESCO region")) if args.region else None
    first, last = args.first_year, args.last_year
    if first is not None and last is not None and first > last:
        raise CommandError(
            _("--from {first} is after --to {last}; give the earlier year first.").format(
                first=first, last=last
            )
        )
    return NetworkFilter(field, region, first, last)
