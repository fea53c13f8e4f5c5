"""One program per data folder: a second one is refused, a crashed one's lock taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ccn_desktop.ui.instance_lock import LOCK_FILE_NAME, InstanceLock, InstanceLockedError
from tests.processes import child_environment, lock_holder


def test_a_second_program_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with lock_holder(tmp_path) as holder:
        lock = InstanceLock(tmp_path)
        with pytest.raises(InstanceLockedError) as caught:
            lock.acquire()
        assert str(tmp_path) in str(caught.value)
        assert f"process {holder.pid}" in str(caught.value)
        assert caught.value.other_host is None
        assert not lock.held
    lock.acquire()  # free again once the other program has ended
    assert lock.held
    lock.release()


def test_another_folder_is_not_locked(tmp_path: Path) -> None:
    with lock_holder(tmp_path / "one"):
        lock = InstanceLock(tmp_path / "two")
        lock.acquire()
        lock.release()


def test_the_lock_of_a_crashed_program_is_taken_over(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, os, signal\n"
            "from pathlib import Path\n"
            "from ccn_desktop.ui.instance_lock import InstanceLock\n"
            "lock = InstanceLock(Path(sys.argv[1]))\n"
            "lock.acquire()\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n"
        ), str(tmp_path)],
        env=child_environment(),
    )  # fmt: skip
    assert holder.wait(timeout=60) == -signal.SIGKILL
    lock_file = tmp_path / LOCK_FILE_NAME
    assert lock_file.exists()  # left behind by the crash
    assert str(holder.pid) in lock_file.read_text(errors="replace")
    lock = InstanceLock(tmp_path)
    lock.acquire()
    assert lock.held
    assert str(os.getpid()) in lock_file.read_text(errors="replace")
    lock.release()
    assert not lock_file.exists()


def test_a_lock_from_another_computer_is_named_and_can_be_taken_over(tmp_path: Path) -> None:
    """A stick moved to this computer after the other one crashed."""
    (tmp_path / LOCK_FILE_NAME).write_text("4242\nccn-desktop\nfield-laptop\n")
    lock = InstanceLock(tmp_path)
    with pytest.raises(InstanceLockedError, match="on the computer field-laptop") as caught:
        lock.acquire()
    assert caught.value.other_host == "field-laptop"
    lock.take_over()
    assert lock.held
    lock.release()


def test_a_command_holding_the_folder_is_named_as_such(tmp_path: Path) -> None:
    """A window started while `ccn-desktop import` writes is told it is a command."""
    with lock_holder(tmp_path, role="command") as holder:
        with pytest.raises(InstanceLockedError, match="A ccn-desktop command is writing") as caught:
            InstanceLock(tmp_path).acquire()
        assert f"process {holder.pid}" in str(caught.value)
