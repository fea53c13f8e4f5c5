"""UNESCO's five regional groups, by ISO 3166-1 alpha-2 code.

Used to propose a city's region from its country (the user may still change it).
Territories follow the state UNESCO lists them under (Macao and Hong Kong with China).
"""

from __future__ import annotations

_REGION_MEMBERS: dict[str, str] = {
    "Africa": (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MU MW "
        "MZ NA NE NG RW SC SL SN SS ST SZ TD TG TZ UG ZA ZM ZW"
    ),
    "Arab States": "AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN YE",
    "Asia and the Pacific": (
        "AF AU BD BN BT CK CN FJ FM HK ID IN IR JP KH KI KP KR KZ KG LA LK MH MM MN MO MV MY "
        "NP NR NU NZ PG PH PK PW SB SG TH TJ TL TM TO TV UZ VN VU WS"
    ),
    "Europe and North America": (
        "AD AL AM AT AZ BA BE BG BY CA CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IL IS IT "
        "LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM TR UA US"
    ),
    "Latin America and the Caribbean": (
        "AG AR BB BO BR BS BZ CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PY SR "
        "SV TT UY VC VE"
    ),
}

REGION_BY_COUNTRY: dict[str, str] = {
    code: region for region, codes in _REGION_MEMBERS.items() for code in codes.split()
}


def region_for_country(country_code: str) -> str:
    """The UNESCO region of a country, or "" when the country is not in the table."""
    return REGION_BY_COUNTRY.get(country_code.upper(), "")
