"""Fact sheet HTML: escaped, strict, in the field's colour with the field's name."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import jinja2
import pytest

from ccn_desktop.factsheet.content import SheetSource, field_city_uuids
from ccn_desktop.factsheet.render import city_html, cover_html, environment
from ccn_desktop.resources import resource_path
from tests.factsheet.conftest import Samples
from tests.factsheet.samples import INJECTION, KRAKOW, SARAJEVO

TODAY = dt.date(2026, 5, 4)


def test_environment_escapes_and_is_strict() -> None:
    env = environment()
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined
    assert resource_path("factsheet/city.html.j2").is_file()
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("city.html.j2").render(sheet=SimpleNamespace(name="x"))


def test_catalogue_text_is_escaped_and_nothing_external_is_referenced(samples: Samples) -> None:
    source = SheetSource(samples.catalogue, TODAY)
    html = city_html(source.sheet(samples.injection))
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert INJECTION not in html
    assert not re.search(r"<(img|link|script|object|iframe)\b", html, re.IGNORECASE)
    tags = re.findall(r"<[^>]*>", html)
    assert not [tag for tag in tags if re.search(r"\b(src|href)\s*=", tag, re.IGNORECASE)]
    assert "url(" not in html
    # The injected name is also listed among the fellow cities of the sheets of its field.
    assert "&lt;img src=" in city_html(source.sheet(SARAJEVO))


def test_band_pairs_the_colour_with_the_field_name(samples: Samples) -> None:
    source = SheetSource(samples.catalogue, TODAY)
    html = city_html(source.sheet(SARAJEVO))
    band = html[html.index('<table class="band"') : html.index("</table>")]
    assert 'bgcolor="#009E73"' in band
    assert "color: #FFFFFF" in band
    assert "Sarajevo" in band and ">Film<" in band and "UNESCO Creative City" in band
    light = city_html(source.sheet(field_city_uuids(samples.catalogue, "Gastronomy")[0]))
    light_band = light[light.index('<table class="band"') : light.index("</table>")]
    assert 'bgcolor="#F0E442"' in light_band and "color: #000000" in light_band
    assert ">Gastronomy<" in light_band


def test_cover_lists_fields_and_counts(samples: Samples) -> None:
    cities = samples.catalogue.get_many("city", [SARAJEVO, samples.busan, KRAKOW])
    cover = SheetSource(samples.catalogue, TODAY).cover(cities, "A title")
    html = cover_html(cover)
    assert "A title" in html and "3 fact sheets" in html
    assert "Printed on 4 May 2026 by Bureau de Dakar" in html
    assert html.index(">Film<") < html.index(">Literature<")
    gap = " &nbsp;·&nbsp; "
    numbered = gap.join(
        f"<b>{n}</b>&nbsp;{name}" for n, name in enumerate(("Sarajevo", "釜山", "Kraków"), 1)
    )
    assert numbered in html
