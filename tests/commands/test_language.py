"""The command line in French and Spanish: help, an error, `info`; the system's locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccn_desktop.cli import main


@pytest.mark.parametrize(
    ("language", "usage", "words"),
    [
        ("fr", "utilisation : ccn-desktop", ["Sans commande, ouvre la fenêtre principale",
                                            "afficher ce message d’aide et quitter",
                                            "sauvegarder le catalogue maintenant"]),
        ("es", "uso: ccn-desktop", ["Sin comando, abre la ventana principal",
                                   "mostrar este mensaje de ayuda y salir",
                                   "hacer ahora una copia del catálogo"]),
    ],
)  # fmt: skip
def test_help_in_the_language(
    language: str, usage: str, words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--language", language, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(usage)
    for word in words:
        assert word in " ".join(out.split()), word


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("fr", ["arguments positionnels :", "options :"]),  # French: a space before ':'
        ("es", ["argumentos posicionales:", "opciones:"]),
        ("en", ["positional arguments:", "options:"]),
    ],
)
@pytest.mark.parametrize("command", [[], ["verify"], ["spreadsheet", "export"]])
def test_help_headings_end_with_the_languages_colon(
    language: str, headings: list[str], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse adds the colon after its headings itself (before Python 3.13); the
    program's help formatter writes it as the language does, in every sub-command too."""
    with pytest.raises(SystemExit) as exited:
        main(["--language", language, *command, "--help"])
    assert exited.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    for heading in headings:
        assert heading in lines, (heading, lines)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Impossible d’écrire {target} : le dossier {folder} n’existe pas."),
        ("es", "No se puede escribir {target}: la carpeta {folder} no existe."),
    ],
)
def test_an_error_in_the_language(
    language: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    qapp: object,  # the command finds this QApplication instead of making its own
) -> None:
    target = tmp_path / "missing" / "sheets.pdf"
    code = main(
        ["--language", language, "--data-dir", str(tmp_path / "data"),
         "factsheet", "--all", "--pdf", str(target)]
    )  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    sentence = expected.format(target=target, folder=target.parent)
    assert err == f"ccn-desktop: {sentence}\n"  # one sentence, no traceback


@pytest.mark.parametrize(
    ("language", "usage_error"),
    [("fr", "erreur : arguments non reconnus"), ("es", "error: argumentos no reconocidos")],
)
def test_argparse_errors_in_the_language(
    language: str, usage_error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--language", language, "info", "--nonsense"])
    assert exited.value.code == 2
    assert usage_error in capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("fr", ["dossier des données :", "révision du schéma :", "villes :", "conférences :"]),
        ("es", ["carpeta de datos:", "revisión del esquema:", "ciudades:", "conferencias:"]),
    ],
)
def test_info_in_the_language(
    language: str, lines: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--language", language, "--data-dir", str(tmp_path), "info"]) == 0
    out = capsys.readouterr().out
    for line in lines:
        assert any(row.startswith(line) for row in out.splitlines()), (line, out)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("LANG", "fr_SN.UTF-8", "dossier des données :"),
        ("LC_ALL", "es_EC.UTF-8", "carpeta de datos:"),
        ("LANGUAGE", "es", "carpeta de datos:"),
    ],
)
def test_system_locale_is_picked_up_without_the_option(
    variable: str,
    value: str,
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, value)
    assert main(["--data-dir", str(tmp_path), "info"]) == 0
    assert expected in capsys.readouterr().out


def test_option_wins_over_the_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    assert main(["--language", "en", "--data-dir", str(tmp_path), "info"]) == 0
    assert "data folder:" in capsys.readouterr().out


@pytest.mark.parametrize(("language", "unit"), [("fr", " Mo"), ("es", " MB"), ("en", " MB")])
def test_backup_sizes_in_the_language(
    language: str, unit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "info"]) == 0
    assert main(["--language", language, "--data-dir", str(tmp_path), "backup"]) == 0
    assert main(["--language", language, "--data-dir", str(tmp_path), "backup", "--list"]) == 0
    made, listed = capsys.readouterr().out.splitlines()[-2:]
    assert made.endswith(f"{unit}).") and unit + "  " in listed, (made, listed)
    trigger = {"fr": "manuelle", "es": "manual", "en": "manual"}[language]
    assert listed.endswith("  " + trigger)


def test_small_sizes_in_french() -> None:
    from ccn_desktop import i18n
    from ccn_desktop.commands.backup import human_size

    with i18n.speaking("fr"):
        assert (human_size(1), human_size(999), human_size(1500)) == (
            "1 octet",
            "999 octets",
            "1,5 ko",  # the French decimal comma
        )


def test_stats_name_fields_and_regions_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--language", "fr", "--data-dir", str(tmp_path), "stats"]) == 0
    out = capsys.readouterr().out
    assert "Afrique" in out and "Artisanat et arts populaires" in out
    assert "Africa" not in out and "Crafts and Folk Art" not in out
