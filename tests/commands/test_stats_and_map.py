"""`ccn-desktop stats` and `ccn-desktop map` on a starter catalogue."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from ccn_desktop.cli import main


@pytest.fixture
def data_dir(starter_template: Path, tmp_path: Path, qapp: object) -> Path:
    """A copy of the starter catalogue; `qapp` so that `map` finds a QApplication."""
    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json_and_csv_parse_and_agree(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "stats", "--format", "json")
    assert code == 0
    figures = json.loads(out)
    assert figures["total"] == 406 and figures["by_field"]["Film"] == 30
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "stats", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert set(rows[0]) == {"table", "row", "column", "value"}
    film_total = [r for r in rows if r["table"] == "members" and r["row"] == "Film"
                  and r["column"] == "Total"]  # fmt: skip
    assert film_total[0]["value"] == "30"
    growth = {
        r["row"]: r["value"]
        for r in rows
        if r["table"] == "growth" and r["column"] == "New members"
    }
    assert sum(int(v) for v in growth.values()) == 406


def test_stats_text_and_filters(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "stats", "--field", "film")
    assert code == 0 and out.startswith("Film")
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "stats", "--format", "json",
                          "--region", "africa", "--from", "2019")  # fmt: skip
    figures = json.loads(out)
    assert figures["filter"]["region"] == "Africa"
    assert all(item["year"] >= 2019 for item in figures["growth"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("stats", "--field", "Poetry"), "no creative field 'Poetry'"),
        (("map", "--pdf", "x.pdf", "--region", "Mars"), "no UNESCO region 'Mars'"),
        (("stats", "--from", "2020", "--to", "2010"), "--from 2020 is after --to 2010"),
    ],
)
def test_bad_filters_are_one_sentence(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = hashlib.sha256((data_dir / "catalogue.sqlite3").read_bytes()).hexdigest() if (
        data_dir / "catalogue.sqlite3").exists() else None  # fmt: skip
    code, _out, err = run(capsys, "--data-dir", str(data_dir), *args)
    assert code == 1 and message in err and "Traceback" not in err
    assert err.count("\n") == 1
    if before is not None:
        assert hashlib.sha256((data_dir / "catalogue.sqlite3").read_bytes()).hexdigest() == before


def test_map_pdf_renders_with_its_legend_and_credit(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "film.pdf"
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "map", "--pdf", str(target),
                          "--field", "Film")  # fmt: skip
    assert code == 0 and "30 cities" in out
    text = " ".join("".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Film" in text and "30" in text
    assert "Natural Earth" in text and "GeoNames" in text
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(target), str(tmp_path / "page")],
                   check=True)  # fmt: skip
    assert (tmp_path / "page-1.png").stat().st_size > 1000


def test_map_works_without_a_display(starter_template: Path, tmp_path: Path) -> None:
    """A fresh process with no display and no QT_QPA_PLATFORM: the command goes offscreen."""
    import os
    import sys

    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                            "QT_QPA_PLATFORM")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "ccn_desktop", "--data-dir", str(folder), "map", "--pdf",
         str(tmp_path / "map.pdf")],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "map.pdf").read_bytes()[:5] == b"%PDF-"


def test_map_png_and_svg(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("map.png", "map.svg"):
        code, _out, _err = run(capsys, "--data-dir", str(data_dir), "map", "--pdf",
                               str(tmp_path / name))  # fmt: skip
        assert code == 0
    assert (tmp_path / "map.png").read_bytes()[:4] == b"\x89PNG"
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Music" in svg
