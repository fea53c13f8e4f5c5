"""packaging/system-deps.sh as a Debian user sees it: not root, /sbin off the PATH.

The script once found libraries with a bare `ldconfig`, which a user's PATH lacks, so every
library looked missing and `make test` asked for the same install forever. These tests run
it on a PATH of our own (only the few commands it needs, no sbin) with an `id` that says
"not root"; a fake `python3` stands in for a system without python3-venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "packaging" / "system-deps.sh"
TOOLS = ("bash", "grep", "sort", "make", "cat", "env")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("apt-get") is None,
    reason="the script installs Debian packages",
)


def _fake(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{shutil.which('bash')}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def user_path(tmp_path: Path) -> Path:
    """A PATH folder like a user's on a machine with every library: no sbin, id -u = 1000."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found is not None, tool
        assert "sbin" not in found
        (folder / tool).symlink_to(found)
    (folder / "python3").symlink_to(sys.executable)  # has venv and ensurepip
    _fake(folder, "id", "echo 1000")
    _fake(folder, "apt-get", 'echo "apt-get must not run for a user" >&2; exit 9')
    return folder


def _run(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": str(folder), "HOME": str(folder.parent), "LANG": "C.UTF-8"}
    return subprocess.run(
        [str(folder / "bash"), str(SCRIPT), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _libraries_present() -> bool:
    """This machine has what the script looks for (the test suite's own Qt needs it)."""
    result = subprocess.run(
        ["bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "PATH": os.environ.get("PATH", "") + ":/usr/sbin:/sbin"},
    )
    return result.returncode == 0


def test_a_user_without_sbin_on_the_path_finds_the_installed_libraries(user_path: Path) -> None:
    if not _libraries_present():
        pytest.skip("this machine lacks some of the system packages")
    result = _run(user_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_user_without_sudo_gets_the_line_to_run_as_root(user_path: Path) -> None:
    if not _libraries_present():
        pytest.skip("this machine lacks some of the system packages")
    (user_path / "python3").unlink()
    _fake(user_path, "python3", "exit 1")  # no venv module: python3-venv is missing
    result = _run(user_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "as root" in lines[0]
    assert lines[1].strip() == (
        "apt-get update && apt-get install -y --no-install-recommends python3-venv"
    )
    assert "sudo" not in result.stderr


def test_a_user_with_sudo_gets_one_sudo_line(user_path: Path) -> None:
    if not _libraries_present():
        pytest.skip("this machine lacks some of the system packages")
    (user_path / "python3").unlink()
    _fake(user_path, "python3", "exit 1")
    _fake(user_path, "sudo", "exit 9")
    result = _run(user_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1].strip() == (
        "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends python3-venv'"
    )


def test_the_build_needs_are_checked_only_for_a_build(user_path: Path) -> None:
    """PyInstaller's objdump and strip come from binutils; without them `--build` asks."""
    if not _libraries_present():
        pytest.skip("this machine lacks some of the system packages")
    assert _run(user_path).returncode == 0  # objdump and strip are not on this PATH
    result = _run(user_path, "--build")
    assert result.returncode == 1
    assert "binutils" in result.stderr.splitlines()[1]


def test_an_unknown_option_is_a_usage_error(user_path: Path) -> None:
    result = _run(user_path, "--bogus")
    assert result.returncode == 2
    assert "usage" in result.stderr
