"""Making a PDF opens no socket: not to the print server, not anywhere.

A PDF made through a QPrinter asks CUPS for its default printer, so every
`factsheet … --pdf` used to connect to 127.0.0.1:631 and [::1]:631 (or to
`CUPS_SERVER`). Each case runs in a process of its own, watched three ways: a print
server of the test's own at `CUPS_SERVER` that must receive no connection; Python's
audit hook on `socket.connect` (sockets opened from Python); and, where strace is
installed, every connect() the process makes, Qt's included.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factsheet.samples import KRAKOW, SARAJEVO
from tests.processes import child_environment

_WATCHED = """
import sys
connects = []
sys.addaudithook(lambda event, args: connects.append(repr(args[1:]))
                 if event == "socket.connect" else None)
exec(compile(sys.argv[1], "<case>", "exec"))
print("python connects:", len(connects), *connects, file=sys.stderr)
"""

_COMMAND = """
from ccn_desktop.cli import main
code = main(sys.argv[2:])
if code:
    raise SystemExit(code)
"""

_WINDOW_EXPORT = """
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui import factsheet_actions
app = QApplication([])
data_dir, target, city = sys.argv[2:5]
factsheet_actions.choose_save_path = lambda *args: Path(target)
with Catalogue.open(DataPaths.in_folder(Path(data_dir))) as catalogue:
    settings = QSettings(str(Path(data_dir) / "settings.ini"), QSettings.Format.IniFormat)
    assert factsheet_actions.export_pdf(None, catalogue, city, settings) == Path(target)
"""


@pytest.fixture
def print_server() -> Iterator[socket.socket]:
    """A listening socket standing in for the print server (nothing may connect)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


@pytest.fixture
def data_dir(starter_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    return folder


def watched(case: str, args: list[str], server: socket.socket, trace: Path) -> str:
    """Run `case` with `args` in a watched process; returns what the watchers saw."""
    environment = child_environment()
    environment["CUPS_SERVER"] = f"127.0.0.1:{server.getsockname()[1]}"
    command = [sys.executable, "-c", _WATCHED, case, *args]
    strace = shutil.which("strace")
    if strace:
        command = [strace, "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=environment)
    assert result.returncode == 0, result.stderr
    seen = [line for line in result.stderr.splitlines() if line.startswith("python connects:")]
    assert seen == ["python connects: 0"], seen
    with pytest.raises(BlockingIOError):
        server.accept()  # the stand-in print server was never called
    return trace.read_text() if strace else ""


def test_factsheet_pdf_opens_no_socket(
    data_dir: Path, tmp_path: Path, print_server: socket.socket
) -> None:
    target = tmp_path / "sheet.pdf"
    args = ["--data-dir", str(data_dir), "factsheet", SARAJEVO, "--pdf", str(target)]
    calls = watched(_COMMAND, args, print_server, tmp_path / "trace")
    assert "connect(" not in calls, calls
    assert len(PdfReader(target).pages) == 1


def test_a_booklet_pdf_opens_no_socket(
    data_dir: Path, tmp_path: Path, print_server: socket.socket
) -> None:
    target = tmp_path / "film.pdf"
    args = ["--data-dir", str(data_dir), "factsheet", "--field", "Film", "--pdf", str(target)]
    calls = watched(_COMMAND, args, print_server, tmp_path / "trace")
    assert "connect(" not in calls, calls
    assert len(PdfReader(target).pages) > 10


def test_the_windows_export_pdf_opens_no_socket(
    data_dir: Path, tmp_path: Path, print_server: socket.socket
) -> None:
    target = tmp_path / "krakow.pdf"
    args = [str(data_dir), str(target), KRAKOW]
    calls = watched(_WINDOW_EXPORT, args, print_server, tmp_path / "trace")
    # The window may talk to the session's own services (D-Bus, over a local socket),
    # never to the network or the print server.
    network = [line for line in calls.splitlines() if "AF_INET" in line or ":631" in line]
    assert network == [], network
    assert "Kraków" in PdfReader(target).pages[0].extract_text()
