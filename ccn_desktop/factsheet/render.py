"""Fact sheet HTML from the Jinja2 templates in `resources/factsheet/` (no Qt).

Autoescape is on for every template and undefined names are errors, so text
from the catalogue can never become markup and a template typo cannot print a
silently empty sheet.
"""

from __future__ import annotations

from functools import cache

import jinja2

from ccn_desktop.factsheet.content import NOT_RECORDED, BookletCover, CitySheet
from ccn_desktop.resources import resource_path

TEMPLATE_DIR = "factsheet"


@cache
def environment() -> jinja2.Environment:
    folder = resource_path(f"{TEMPLATE_DIR}/city.html.j2").parent
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["not_recorded"] = NOT_RECORDED
    return env


def city_html(sheet: CitySheet) -> str:
    return environment().get_template("city.html.j2").render(sheet=sheet)


def cover_html(cover: BookletCover) -> str:
    return environment().get_template("cover.html.j2").render(cover=cover)
