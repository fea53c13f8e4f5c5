"""Fact sheet HTML from the Jinja2 templates in `resources/factsheet/` (no Qt).

Headings are gettext messages (Jinja2's i18n extension, `_()` and `{% trans %}`),
extracted with the rest by `make messages`. Autoescape is on for every template and
undefined names are errors, so text from the catalogue can never become markup and a
template typo cannot print a silently empty sheet.
"""

from __future__ import annotations

from functools import cache

import jinja2

from ccn_desktop import i18n
from ccn_desktop.factsheet.sheet_data import NOT_RECORDED, BookletCover, CitySheet
from ccn_desktop.resources import resource_path

TEMPLATE_DIR = "factsheet"


@cache
def environment() -> jinja2.Environment:
    folder = resource_path(f"{TEMPLATE_DIR}/city.html.j2").parent
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["not_recorded"] = NOT_RECORDED
    # Headings in the language being spoken when the sheet is rendered (i18n.speaking).
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def city_html(sheet: CitySheet) -> str:
    return environment().get_template("city.html.j2").render(sheet=sheet)


def cover_html(cover: BookletCover) -> str:
    return environment().get_template("cover.html.j2").render(cover=cover)
