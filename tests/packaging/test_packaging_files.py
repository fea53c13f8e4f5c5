"""The files under packaging/: consistent with the program, valid, and install.sh at work.

The frozen build itself is checked by `packaging/smoke-test` (`make package-test`).
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from ccn_desktop import APP_ID, __version__

ROOT = Path(__file__).resolve().parent.parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_versions_agree() -> None:
    assert PROJECT["version"] == __version__
    releases = ElementTree.parse(METAINFO_FILE).getroot().find("releases")
    assert releases is not None
    assert releases[0].get("version") == __version__  # the newest release comes first
    iss = (ROOT / "packaging/windows/ccn-desktop.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in iss


def test_the_declared_licence_is_shipped_and_shown_by_the_windows_installer() -> None:
    assert PROJECT["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    iss = (ROOT / "packaging/windows/ccn-desktop.iss").read_text(encoding="utf-8")
    assert "LicenseFile=..\\..\\LICENSE" in iss
    metainfo = ElementTree.parse(METAINFO_FILE).getroot()
    assert metainfo.findtext("project_license") == "MIT"


def test_the_metainfo_comment_names_the_test_that_validates_it() -> None:
    comment = METAINFO_FILE.read_text(encoding="utf-8").split("-->")[0]
    named = re.findall(r"tests/\S+\.py", comment)
    assert named and all((ROOT / name).is_file() for name in named)
    assert "no-net" in comment  # an XML comment may not hold "--"


def test_desktop_file_names_the_app_and_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP_FILE, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"] == PROJECT["name"] == section["TryExec"]
    assert PROJECT["name"] in PROJECT["scripts"]


def test_metainfo_points_at_the_desktop_file() -> None:
    root = ElementTree.parse(METAINFO_FILE).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.findtext("provides/binary") == PROJECT["name"]


@pytest.mark.parametrize(
    ("tool", "arguments", "target"),
    [
        ("desktop-file-validate", [], DESKTOP_FILE),
        ("appstreamcli", ["validate", "--no-net"], METAINFO_FILE),
    ],
)
def test_validators_accept_the_files(tool: str, arguments: list[str], target: Path) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    result = subprocess.run(
        [tool, *arguments, str(target)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_icon_sizes_match_their_folders() -> None:
    sizes = []
    for png in sorted((LINUX / "icons/hicolor").glob(f"*/apps/{APP_ID}.png")):
        folder = png.parent.parent.name
        width, height = _png_size(png)
        assert folder == f"{width}x{height}", png
        sizes.append(width)
    assert {16, 32, 48, 64, 128, 256} <= set(sizes)
    scalable = LINUX / f"icons/hicolor/scalable/apps/{APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources/icons/ccn-desktop.svg").read_bytes()


def test_windows_icon_holds_every_size() -> None:
    data = (ROOT / "packaging/windows/ccn-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


# -- install.sh, on a stand-in for the built folder --------------------------------------


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """What packaging/build leaves in dist/ccn-desktop/, with a tiny stand-in program."""
    app = tmp_path / "stick" / "ccn-desktop"
    (app / "_internal").mkdir(parents=True)
    program = app / "ccn-desktop"
    program.write_text(f'#!/bin/sh\necho "ccn-desktop {__version__} $*"\n')
    program.chmod(0o755)
    share = app / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy(DESKTOP_FILE, share / "applications")
    shutil.copy(METAINFO_FILE, share / "metainfo")
    shutil.copytree(LINUX / "icons", share / "icons")
    shutil.copy(LINUX / "install.sh", app / "install.sh")
    # A stick used in portable mode: its data must not be copied into the installation.
    (app / "portable").write_text("")
    (app / "ccn-data").mkdir()
    (app / "ccn-data" / "catalogue.sqlite3").write_text("the stick's own catalogue")
    return app


def _install(app: Path, prefix: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run(
        ["bash", str(app / "install.sh"), "--prefix", str(prefix), *options],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip


def test_install_and_uninstall_for_one_user(built: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "home" / ".local"
    result = _install(built, prefix)
    assert result.returncode == 0, result.stderr
    assert f"Installed ccn-desktop {__version__}" in result.stdout
    installed = prefix / "opt" / "ccn-desktop"
    assert (installed / "ccn-desktop").is_file()
    assert not (installed / "ccn-data").exists()
    assert not (installed / "portable").exists()
    launcher = subprocess.run(
        [str(prefix / "bin" / "ccn-desktop"), "--version"], capture_output=True, text=True
    )
    assert launcher.stdout.strip() == f"ccn-desktop {__version__} --version"
    desktop = (prefix / f"share/applications/{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{installed}/ccn-desktop"' in desktop
    assert re.search(rf"^TryExec={re.escape(str(installed))}/ccn-desktop$", desktop, re.M)
    assert (prefix / f"share/icons/hicolor/256x256/apps/{APP_ID}.png").is_file()
    assert (prefix / f"share/metainfo/{APP_ID}.metainfo.xml").is_file()

    assert _install(built, prefix).returncode == 0  # an upgrade over itself

    removed = _install(built, prefix, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert "were kept" in removed.stdout
    left = [
        path
        for path in prefix.rglob("*")
        if path.is_file() and path.name not in {"mimeinfo.cache", "icon-theme.cache"}
    ]
    assert left == []
    assert (built / "ccn-data" / "catalogue.sqlite3").is_file()


def test_install_refuses_a_folder_without_the_program(tmp_path: Path) -> None:
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    shutil.copy(LINUX / "install.sh", lonely / "install.sh")
    result = _install(lonely, tmp_path / "prefix")
    assert result.returncode == 1
    assert "no built program beside this script" in result.stderr
    assert not (tmp_path / "prefix").exists()
