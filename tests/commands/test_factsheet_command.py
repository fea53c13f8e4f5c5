"""`ccn-desktop factsheet`: PDFs from the command line, with and without a display."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.paths import DataPaths
from tests.factsheet.samples import BRAGA, KRAKOW, SARAJEVO
from tests.helpers import city_values

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(starter_template: Path, tmp_path: Path, qapp: object) -> Path:
    """A copy of the starter catalogue; `qapp` so that the command finds a QApplication."""
    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_one_city(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "sarajevo.pdf"
    code, out, err = run(capsys, "--data-dir", str(data_dir), "factsheet", SARAJEVO,
                         "--pdf", str(target), "--paper", "letter")  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"Wrote 1 fact sheet (1 page, Letter) to {target}.\n"
    [text] = page_texts(target)
    assert text.startswith("Sarajevo Bosnia and Herzegovina") and "page 1 of 1" in text
    assert float(PdfReader(target).pages[0].mediabox.height) == pytest.approx(792, abs=1)


def test_several_cities_make_a_booklet_in_the_given_order(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "three.pdf"
    code, _out, _err = run(capsys, "--data-dir", str(data_dir), "factsheet", BRAGA, KRAKOW,
                           SARAJEVO, BRAGA, "--pdf", str(target), "--paper", "A4")  # fmt: skip
    assert code == 0
    texts = page_texts(target)
    assert texts[0].startswith("City fact sheets UNESCO Creative Cities Network")
    assert "3 fact sheets" in texts[0]
    assert [text.split(" ")[0] for text in texts[1:]] == ["Braga", "Kraków", "Sarajevo"]


def test_field_booklet(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "architecture.pdf"
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "factsheet", "--field",
                          "architecture", "--pdf", str(target))  # fmt: skip
    assert code == 0 and "Wrote 5 fact sheets (6 pages" in out
    texts = page_texts(target)
    assert len(texts) == 6
    assert texts[0].startswith("City fact sheets UNESCO Creative Cities of Architecture "
                               "5 fact sheets")  # fmt: skip
    assert all("UNESCO Creative City Architecture" in text for text in texts[1:])


def test_all_cities(tmp_path: Path, qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "small"
    with Catalogue.open(DataPaths.in_folder(folder), starter=False) as catalogue:
        catalogue.add("city", city_values(name="Zeta"))
        catalogue.add("city", city_values(name="Alpha", creative_field="Music"))
    target = tmp_path / "all.pdf"
    code, _out, _err = run(capsys, "--data-dir", str(folder), "factsheet", "--all",
                           "--pdf", str(target))  # fmt: skip
    assert code == 0
    texts = page_texts(target)
    assert [text.split(" ")[0] for text in texts] == ["City", "Alpha", "Zeta"]
    assert "Film 1" in texts[0] and "Music 1" in texts[0]
    assert "Contents, in the order of the sheets 1 Alpha · 2 Zeta" in texts[0]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["00000000-0000-0000-0000-00000000beef"],
         "No city 00000000-0000-0000-0000-00000000beef in this catalogue."),
        ([SARAJEVO, "nonsense"], "No city nonsense in this catalogue."),
        (["--field", "Opera"], "There is no creative field 'Opera'; choose one of: Architecture, "
         "Crafts and Folk Art, Design, Film, Gastronomy, Literature, Media Arts, Music."),
    ],
)  # fmt: skip
def test_bad_choices_say_one_sentence_and_write_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    arguments: list[str], message: str,
) -> None:  # fmt: skip
    target = tmp_path / "out" / "sheet.pdf"
    target.parent.mkdir()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "factsheet", *arguments,
                         "--pdf", str(target))  # fmt: skip
    assert (code, out) == (1, "")
    assert err == f"ccn-desktop: {message}\n"
    assert list(target.parent.iterdir()) == []


def test_empty_selections(tmp_path: Path, qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    Catalogue.open(DataPaths.in_folder(folder), starter=False).close()
    target = tmp_path / "x.pdf"
    for arguments, message in (
        (["--all"], "The catalogue has no city; nothing to print."),
        (["--field", "Music"], "The catalogue has no city of Music; nothing to print."),
    ):
        code, _out, err = run(capsys, "--data-dir", str(folder), "factsheet", *arguments,
                              "--pdf", str(target))  # fmt: skip
        assert (code, err) == (1, f"ccn-desktop: {message}\n")
    assert not target.exists()


def test_unwritable_target(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "x.pdf"
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "factsheet", SARAJEVO,
                          "--pdf", str(target))  # fmt: skip
    assert code == 1
    assert err == (f"ccn-desktop: Cannot write {target}: the folder "
                   f"{target.parent} does not exist.\n")  # fmt: skip
    assert not target.parent.exists()


@pytest.mark.parametrize(
    "arguments",
    [[], [SARAJEVO, "--all"], ["--all", "--field", "Film"], [SARAJEVO, "--field", "Film"],
     [SARAJEVO, "--paper", "A3"]],
)  # fmt: skip
def test_usage_errors_exit_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    target = tmp_path / "x.pdf"
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(data_dir), "factsheet", *arguments, "--pdf", str(target)])
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert not target.exists()


def test_works_without_a_display(starter_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    target = tmp_path / "film.pdf"
    environment = {
        name: value for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }  # fmt: skip
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "ccn_desktop", "--data-dir", str(folder), "factsheet",
         "--field", "Architecture", "--pdf", str(target)],
        capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert len(PdfReader(target).pages) == 6
