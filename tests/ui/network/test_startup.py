"""Nothing of the overview is loaded before the window's first paint (start-up stays as it was)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from ccn_desktop.catalogue.facade import Catalogue

ROOT = Path(__file__).resolve().parents[3]
OVERVIEW = ("ccn_desktop.drawing", "ccn_desktop.geo", "ccn_desktop.ui.network",
            "ccn_desktop.catalogue.statistics", "ccn_desktop.catalogue.locations")  # fmt: skip


def test_the_overview_is_not_imported_before_the_first_paint(starter_catalogue: Catalogue) -> None:
    data_dir = starter_catalogue.paths.data_dir
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import ccn_desktop.ui.main_window as main_window

        def first_paint(window):
            found = sorted(m for m in sys.modules if m.startswith({OVERVIEW!r}))
            print("overview:", found, flush=True)
            os._exit(0)

        main_window.MainWindow._first_paint = first_paint
        from ccn_desktop.cli import main
        main(["--data-dir", {str(data_dir)!r}])
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert done.stdout.strip() == "overview: []", done.stderr
