"""The fact sheet's content and HTML are made without Qt; only printing needs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_layers import PACKAGE, imported_modules


@pytest.mark.parametrize("module", ["content", "sheet_data", "wording", "render", "paper"])
def test_content_and_html_do_not_import_qt(module: str) -> None:
    names = imported_modules(PACKAGE / "factsheet" / f"{module}.py")
    assert sorted(name for name in names if name.startswith("PySide6")) == []


def test_rendering_a_sheet_loads_no_qt(starter_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    script = (
        "import sys\n"
        "from ccn_desktop.catalogue.facade import Catalogue\n"
        "from ccn_desktop.factsheet.content import gather\n"
        "from ccn_desktop.factsheet.render import city_html\n"
        "from ccn_desktop.paths import DataPaths\n"
        f"with Catalogue.open(DataPaths.in_folder({str(folder)!r})) as catalogue:\n"
        "    html = city_html(gather(catalogue, 'd96e3dca-5377-5172-aa56-35f38dee4101'))\n"
        "print('Sarajevo' in html, sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True []"
