"""Long commands on a terminal: an updating progress line, silence when piped, and a clean
stop on Ctrl+C (exit status 130, one line, the catalogue as it was, no file left)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.cli import main
from ccn_desktop.commands import progress as progress_module
from ccn_desktop.commands.progress import INTERRUPTED_STATUS, TerminalProgress
from ccn_desktop.paths import DataPaths
from tests.exchange.exchanging import export
from tests.exchange.test_plan import settled_hash
from tests.helpers import city_values

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and terminals")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_one_line_updates_in_place() -> None:
    stream = Terminal()
    progress = TerminalProgress(stream)
    progress("Writing cities", 0, 2000)
    progress("Writing cities", 2000, 2000)  # the last step is always drawn
    progress.finish()
    text = stream.getvalue()
    assert "\n" not in text
    assert "\rWriting cities: 0 of 2,000 (0%)" in text
    assert "\rWriting cities: 2,000 of 2,000 (100%)" in text
    assert text.endswith("\r")  # cleared: the result starts on a clean line


def test_not_on_a_terminal_nothing_is_said() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress("Writing cities", 1, 2)
    assert progress.sheets(1, 2) is True
    progress.finish()
    assert stream.getvalue() == ""


@pytest.fixture
def offices(tmp_path: Path) -> tuple[Catalogue, Catalogue]:
    sender = Catalogue.open(DataPaths.in_folder(tmp_path / "dakar"), office_name="Dakar",
                            starter=False)  # fmt: skip
    for number in range(3):
        sender.add("city", city_values(name=f"City {number}", country_code="SN"))
    receiver = Catalogue.open(DataPaths.in_folder(tmp_path / "paris"), office_name="Paris",
                              starter=False)  # fmt: skip
    yield sender, receiver
    sender.close()
    receiver.close()


@pytest.fixture
def stopped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., str]:
    """`stopped(words, *arguments)` runs the command line and presses Ctrl+C (a real SIGINT
    to this process) when the work reports `words`; it checks the clean stop (exit status
    130, no traceback, Python's own Ctrl+C handler put back) and returns what was said."""

    def run(words: str, *arguments: str) -> str:
        original = TerminalProgress.__call__

        def reporting(self: TerminalProgress, text: str, done: int, total: int) -> None:
            if text.startswith(words) and not self.interrupted:
                os.kill(os.getpid(), signal.SIGINT)
            original(self, text, done, total)

        monkeypatch.setattr(TerminalProgress, "__call__", reporting)
        status = main(list(arguments))
        captured = capsys.readouterr()
        assert status == INTERRUPTED_STATUS
        assert "Traceback" not in captured.out + captured.err
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        return captured.err

    return run


def test_ctrl_c_during_an_import_changes_nothing(
    offices: tuple[Catalogue, Catalogue], tmp_path: Path, stopped: Callable[..., str]
) -> None:
    sender, receiver = offices
    path = export(sender, tmp_path)
    before = settled_hash(receiver)
    said = stopped("Writing", "--data-dir", str(receiver.paths.data_dir), "import", str(path),
                   "--trust")  # fmt: skip
    assert said == "ccn-desktop: stopped (Ctrl+C); nothing was changed.\n"
    assert settled_hash(receiver) == before


def test_ctrl_c_during_an_export_leaves_no_file(
    offices: tuple[Catalogue, Catalogue], tmp_path: Path, stopped: Callable[..., str]
) -> None:
    sender, _receiver = offices
    folder = tmp_path / "stick"
    folder.mkdir()
    # Heard before the conferences are read.
    said = stopped("Reading cities", "--data-dir", str(sender.paths.data_dir), "export",
                   str(folder))  # fmt: skip
    assert "nothing was changed" in said
    assert list(folder.iterdir()) == []


def test_ctrl_c_during_a_booklet_leaves_no_pdf(
    offices: tuple[Catalogue, Catalogue],
    tmp_path: Path,
    stopped: Callable[..., str],
    qapp: object,  # the command finds this QApplication instead of making its own
) -> None:
    sender, _receiver = offices
    target = tmp_path / "out" / "booklet.pdf"
    target.parent.mkdir()
    stopped("Printing fact sheets", "--data-dir", str(sender.paths.data_dir), "factsheet",
            "--all", "--pdf", str(target))  # fmt: skip
    assert list(target.parent.iterdir()) == []


def test_a_real_terminal_sees_the_line_and_a_pipe_does_not(
    offices: tuple[Catalogue, Catalogue], tmp_path: Path
) -> None:
    pty = pytest.importorskip("pty")
    sender, _receiver = offices
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "ccn_desktop", "--data-dir", str(sender.paths.data_dir),
               "factsheet", "--all", "--pdf"]  # fmt: skip
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run([*command, str(tmp_path / "a.pdf")], stderr=secondary,
                                capture_output=False, stdout=subprocess.PIPE, env=environment,
                                check=False, timeout=120)  # fmt: skip
        os.close(secondary)
        secondary = -1
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(primary)
        if secondary >= 0:
            os.close(secondary)
    assert result.returncode == 0
    assert b"\rPrinting fact sheets: " in seen and b" of 4 " in seen
    piped = subprocess.run([*command, str(tmp_path / "b.pdf")], capture_output=True,
                           env=environment, check=False, timeout=120)  # fmt: skip
    assert piped.returncode == 0 and piped.stderr == b""
    assert progress_module.INTERRUPTED_STATUS == 130
