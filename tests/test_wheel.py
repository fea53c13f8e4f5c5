"""The installed program finds its resources and migrations outside the source tree."""

from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ccn_desktop.catalogue.schema_version import SCHEMA_HEAD

ROOT = Path(__file__).resolve().parent.parent
FIND_STARTER = "import ccn_desktop.resources as r; print(r.resource_path('starter.ccnbundle.json'))"


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=environment, capture_output=True, text=True
    )


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs_info(tmp_path: Path) -> None:
    wheels, venv = tmp_path / "wheels", tmp_path / "venv"
    pip = (sys.executable, "-m", "pip")
    built = run(*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", wheels, ROOT)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("ccn_desktop-*.whl")
    run(sys.executable, "-m", "venv", "--without-pip", venv).check_returncode()
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    venv_site = Path(purelib.stdout.strip())
    run(*pip, "install", "-q", "--no-deps", "--target", venv_site, wheel).check_returncode()
    # Dependencies (PySide6, SQLAlchemy …) come from the test environment, listed after
    # the fresh venv's own site-packages: only the wheel's ccn_desktop can be found.
    dependency_dirs = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (venv_site / "test-dependencies.pth").write_text("\n".join(sorted(dependency_dirs)) + "\n")

    found = run(python, "-c", FIND_STARTER, cwd=tmp_path)
    assert Path(found.stdout.strip()).is_relative_to(venv_site), found.stderr
    info = run(python, "-m", "ccn_desktop", "--data-dir", tmp_path / "data", "info", cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    assert "cities:          406" in info.stdout
    assert f"schema revision: {SCHEMA_HEAD}" in info.stdout
    # The compiled French catalogue travels in the wheel too.
    french = run(python, "-m", "ccn_desktop", "--language", "fr", "--data-dir", tmp_path / "data",
                 "info", cwd=tmp_path)  # fmt: skip
    assert french.returncode == 0, french.stderr
    assert re.search(rf"^révision du schéma : +{SCHEMA_HEAD}$", french.stdout, re.M), french.stdout
