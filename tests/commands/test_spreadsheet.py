"""`ccn-desktop spreadsheet export|import|template`: the officer's round trip on the command
line; refusals are one line on stderr (or every problem by its place), status 1, and the
catalogue byte for byte unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ccn_desktop import i18n
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.i18n import _
from ccn_desktop.paths import DataPaths
from tests.exchange.spreadsheet.sheets import edit, seed, settled_hash


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[Catalogue, dict[str, str]]]:
    catalogue = Catalogue.open(
        DataPaths.in_folder(tmp_path / "dakar"), office_name="Dakar", starter=False
    )
    uuids = seed(catalogue)
    yield catalogue, uuids
    catalogue.close()


def run(catalogue: Catalogue, *args: str) -> int:
    return main(["--data-dir", str(catalogue.paths.data_dir), "spreadsheet", *args])


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_correct_three_emails_add_a_city_import(
    office: tuple[Catalogue, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    catalogue, uuids = office
    path = tmp_path / f"cities.{suffix}"
    assert run(catalogue, "export", "cities", str(path)) == 0
    assert capsys.readouterr().out == f"Wrote 5 cities to {path}.\n"
    edit(path, {
        (uuids["lodz"], "E-mail"): "kino@lodz.pl",
        (uuids["krakow"], "E-mail"): "ksiazki@krakow.pl",
        (uuids["busan"], "E-mail"): "cinema@busan.go.kr",
    }, [{"Name": "Sélestat", "Country": "FR", "Creative field": "Literature",
         "Designation year": 2025, "Membership status": "Active"}])  # fmt: skip
    before = settled_hash(catalogue)
    assert run(catalogue, "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "changes:  1 new, 3 updated, 2 unchanged" in out
    assert 'focal_point_email: "film@lodz.pl" -> "kino@lodz.pl"' in out
    # a new row has no identifier yet: the one the dry run made up is not the one it gets
    assert "  new       row 7     Sélestat\n" in out
    assert f"Kraków ({uuids['krakow']})\n" in out  # an updated record is named
    assert out.endswith("Dry run: nothing was imported.\n")
    assert settled_hash(catalogue) == before
    assert run(catalogue, "import", str(path)) == 0
    out = capsys.readouterr().out
    assert f"Imported {path.name}. Backup made before importing: " in out
    assert catalogue.get("city", uuids["busan"])["focal_point_email"] == "cinema@busan.go.kr"
    assert catalogue.count("city") == 6


def test_problems_are_listed_by_place_and_nothing_is_written(
    office: tuple[Catalogue, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue, uuids = office
    path = tmp_path / "cities.csv"
    run(catalogue, "export", "cities", str(path))
    edit(path, {(uuids["lodz"], "E-mail"): "kino at lodz", (uuids["busan"], "Phone"): "call me"})
    capsys.readouterr()
    before = settled_hash(catalogue)
    assert run(catalogue, "import", str(path)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "ccn-desktop: cities.csv has 2 problems; nothing was imported:"
    assert len(err) == 3 and all(line.startswith("cities.csv, row ") for line in err[1:])
    assert settled_hash(catalogue) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04not really a zip", "is not a readable Excel workbook"),
        ("uuid,Name\n,Dérbent\n".encode("cp1252"), "is not in UTF-8"),
        (b"just some words\n", "has no header this program recognises"),
    ],
)
def test_refusals_are_one_line(
    office: tuple[Catalogue, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    words: str,
) -> None:
    catalogue, _uuids = office
    path = tmp_path / ("sheet.xlsx" if content.startswith(b"PK") else "sheet.csv")
    path.write_bytes(content)
    before = settled_hash(catalogue)
    assert run(catalogue, "import", str(path)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and err.startswith("ccn-desktop: sheet.")
    assert settled_hash(catalogue) == before


def test_template_and_a_wrong_extension(
    office: tuple[Catalogue, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue, _uuids = office
    path = tmp_path / "projects.xlsx"
    assert run(catalogue, "template", "projects", str(path)) == 0
    assert "Wrote a blank sheet of projects" in capsys.readouterr().out
    assert run(catalogue, "import", str(path), "--dry-run") == 0
    assert "0 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert run(catalogue, "export", "cities", str(tmp_path / "cities.ods")) == 1
    assert "must end in .xlsx (Excel workbook) or .csv" in capsys.readouterr().err


def test_in_french_the_record_type_the_changes_and_the_problems_are_french(
    office: tuple[Catalogue, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue, uuids = office
    path = tmp_path / "villes.csv"

    def in_french(*args: str) -> int:
        return main(["--language", "fr", "--data-dir", str(catalogue.paths.data_dir),
                     "spreadsheet", *args])  # fmt: skip

    assert in_french("export", "cities", str(path)) == 0
    assert capsys.readouterr().out == f"5 villes écrites dans {path}.\n"
    with i18n.speaking("fr"):
        new_row = {_(label): value for label, value in [
            ("Name", "Sélestat"), ("Country", "FR"), ("Creative field", "Literature"),
            ("Designation year", 2025), ("Membership status", "Active")]}  # fmt: skip
    edit(path, {(uuids["lodz"], "Courriel"): "kino@lodz.pl"}, [new_row])
    assert in_french("import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "1 nouvelle, 1 mise à jour, 4 inchangées" in out  # singular and plural
    listing = [line for line in out.splitlines() if line.startswith("  ")
               and not line.startswith("      ")]  # fmt: skip
    assert any(line.startswith("  ajout ") for line in listing), out
    assert any(line.startswith("  mise à jour ") for line in listing), out
    assert not any(word in line.split() for line in listing for word in ("new", "updated"))
    edit(path, {(uuids["lodz"], "Courriel"): "kino at lodz"})
    assert in_french("import", str(path)) == 1
    problem = capsys.readouterr().err.splitlines()[1]
    assert problem.startswith("villes.csv, ligne ") and "(Courriel) : " in problem, problem


def test_a_single_sheet_template_names_its_records_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "projets.xlsx"
    code = main(["--language", "es", "--data-dir", str(tmp_path / "data"),
                 "spreadsheet", "template", "projects", str(target)])  # fmt: skip
    assert code == 0
    assert "proyectos" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_the_cities_of_film_only_corrected_and_one_added(
    office: tuple[Catalogue, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    catalogue, uuids = office
    path = tmp_path / f"cities-of-film.{suffix}"
    assert run(catalogue, "export", "cities", str(path), "--field", "film") == 0
    assert capsys.readouterr().out == f"Wrote 2 cities to {path}.\n"
    edit(path, {
        (uuids["lodz"], "E-mail"): "kino@lodz.pl",
        (uuids["busan"], "E-mail"): "cinema@busan.go.kr",
    }, [{"Name": "Kinoville", "Country": "DE", "Creative field": "Film",
         "Designation year": 2025, "Membership status": "Active"}])  # fmt: skip
    assert run(catalogue, "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "changes:  1 new, 2 updated, 0 unchanged" in out
    assert run(catalogue, "import", str(path)) == 0
    assert catalogue.get("city", uuids["lodz"])["focal_point_email"] == "kino@lodz.pl"
    assert catalogue.get("city", uuids["krakow"])["focal_point_email"] == "books@krakow.pl"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["projects", "--field", "Film"], "--field chooses cities"),
        (["cities", "--field", "Cinema"], "There is no creative field 'Cinema'; choose one of:"),
    ],
)
def test_a_field_that_cannot_be_exported_is_one_line(
    office: tuple[Catalogue, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    words: str,
) -> None:
    catalogue, _uuids = office
    target = tmp_path / "sheet.xlsx"
    assert run(catalogue, "export", args[0], str(target), *args[1:]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err
    assert not target.exists()
