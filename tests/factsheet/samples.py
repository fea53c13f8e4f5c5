"""Cities that stretch a fact sheet (very long, non-Latin, hostile), for tests and benchmarks."""

from __future__ import annotations

from ccn_desktop.catalogue.facade import Catalogue
from tests.helpers import city_values

SARAJEVO = "d96e3dca-5377-5172-aa56-35f38dee4101"
KRAKOW = "e8cbe9fd-0655-5fc9-bd5d-cf0c7b59f82e"
KATOWICE = "79865c27-411e-5a97-ab0a-ad699232ae42"
BRAGA = "4d840044-ed85-5173-a67f-5d729419d215"
INJECTION = '<b>x</b><img src="file:///etc/passwd">'

PARAGRAPH = (
    "The city has built its creative economy around a dense network of small studios, "
    "public workshops and schools, and it uses its membership to open them to residents "
    "of every district. Its programme links the historic centre with the new neighbourhoods "
    "on the river, and brings festivals, residencies and training into the same calendar so "
    "that each year's work builds on the last. "
)


def add_long_city(catalogue: Catalogue, projects: int = 14, conferences: int = 3) -> str:
    """A city with a description of several pages' worth, 10 objectives and many projects."""
    uuid = catalogue.add(
        "city",
        city_values(
            name="Longford-upon-Avon-and-Severn",
            country_code="GB",
            country="United Kingdom",
            region="Europe and North America",
            creative_field="Literature",
            designation_year=2008,
            website="https://www.longford-city-of-literature.example.org/en/about/membership",
            focal_point_name="Dr. Anna-Maria Featherstonehaugh-Wolstenholme",
            focal_point_role="Head of the Creative City of Literature office",
            focal_point_email="creative.city.of.literature@longford.example.org",
            focal_point_phone="+44 20 7946 0958",
            description="\n\n".join(PARAGRAPH * 3 for _ in range(6)),
            objectives=[
                f"Objective {n}: widen access to books, reading and writing in every district "
                f"through libraries, schools and festivals ({n} of 10)."
                for n in range(1, 11)
            ],
            report_dates=["2012-03-01", "2016-05-20", "2020-11-30"],
        ),
    )
    for year in range(2010, 2010 + conferences):
        catalogue.add(
            "conference",
            {"year": year, "edition": year - 2006, "host_city_uuids": [uuid],
             "start_date": f"{year}-09-12", "end_date": f"{year}-09-15", "format": "In person",
             "theme": "Cities of literature and the public library of the future"},
        )  # fmt: skip
    for number in range(1, projects + 1):
        catalogue.add(
            "project",
            {"title": f"Project {number:02d}: writers in residence in the river districts",
             "status": "Completed" if number < projects - 2 else "Ongoing",
             "start_year": 2008 + number, "end_year": 2009 + number if number % 3 else None,
             "lead_organisation": "Longford Literature Trust and University Press",
             "city_uuids": [uuid]},
        )  # fmt: skip
    return uuid


def add_busan_hanja(catalogue: Catalogue) -> str:
    """A city written in a non-Latin script."""
    return catalogue.add(
        "city",
        city_values(
            name="釜山",
            country_code="KR",
            country="대한민국",
            region="Asia and the Pacific",
            creative_field="Film",
            designation_year=2014,
            description="釜山廣域市는 대한민국 동남부의 항구 도시이다. "
            "부산국제영화제(BIFF)가 열리는 도시.",
            objectives=["영화 산업 육성", "国际电影节的合作"],
        ),
    )
