"""Every command that writes nothing works on a locked stick, as `info` and `export` do.

`check`, `factsheet` and `import --dry-run` used to be refused on a read-only data
folder, though they write nothing there.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from ccn_desktop import cli
from tests.exchange.bundles import make_bundle, office_key, sample_payload, write
from tests.factsheet.samples import SARAJEVO
from tests.locked_folder import locked


@pytest.fixture
def stick(starter_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    shutil.copytree(starter_template, folder)
    return folder


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["factsheet", SARAJEVO, "--pdf", "{out}/sheet.pdf"],
        ["import", "{out}/bundle.json", "--dry-run"],
        ["update-reference", "--dry-run"],
        ["info"],
        ["export", "{out}"],
    ],
    ids=[
        "check",
        "factsheet",
        "import --dry-run",
        "update-reference --dry-run",
        "info",
        "export",
    ],
)
def test_a_command_that_writes_nothing_works_on_a_locked_folder(
    stick: Path,
    tmp_path: Path,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    qapp: object,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    write(out / "bundle.json", make_bundle(sample_payload(), office_key()))
    before = digest(stick)
    with locked(stick):
        code = cli.main(["--data-dir", str(stick), *(part.format(out=out) for part in command)])
        captured = capsys.readouterr()
        assert (code, captured.err) == (0, ""), captured.err
    assert digest(stick) == before


def test_a_writing_command_on_a_locked_folder_is_refused_in_one_sentence(
    stick: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = write(tmp_path / "bundle.json", make_bundle(sample_payload(), office_key()))
    before = digest(stick)
    with locked(stick):
        code = cli.main(["--data-dir", str(stick), "import", str(bundle), "--trust"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "unexpected" not in err, err
    assert digest(stick) == before


def test_a_data_folder_that_is_a_file_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "catalogue"
    not_a_folder.write_text("a file")
    for command in (["info"], ["export", str(tmp_path)], ["backup"]):
        assert cli.main(["--data-dir", str(not_a_folder), *command]) == 1
        err = capsys.readouterr().err
        assert f"{not_a_folder} is a file, not a folder" in err and err.count("\n") == 1, err
    assert not_a_folder.read_text() == "a file"
