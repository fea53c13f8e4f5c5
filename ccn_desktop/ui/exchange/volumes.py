"""Notice a stick with a `ccn-exchange` folder: poll the mounted volumes every few seconds.

Polling `QStorageInfo.mountedVolumes()` is enough (and the same on every system): a
person puts the stick in and, within a few seconds, a quiet banner offers to sync.
The list comes from a provider function so tests give their own volumes.

The system's own volume, virtual file systems and network mounts are not looked at
(a network mount that hangs must not freeze the window); a shared network folder is
synced through the menu instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStorageInfo, QTimer, Signal

from ccn_desktop.exchange.sync_folder import EXCHANGE_FOLDER

POLL_MS = 3000
_SKIPPED_TYPES = frozenset({
    "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "cifs", "configfs", "debugfs",
    "devpts", "devtmpfs", "fuse.sshfs", "fusectl", "hugetlbfs", "mqueue", "nfs", "nfs4",
    "overlay", "proc", "pstore", "ramfs", "securityfs", "smb3", "smbfs", "squashfs",
    "sysfs", "tmpfs", "tracefs", "webdav",
})  # fmt: skip


@dataclass(frozen=True)
class Volume:
    name: str  # what the system calls it: the stick's label, else its folder
    root: Path


VolumeProvider = Callable[[], list[Volume]]


def mounted_volumes() -> list[Volume]:
    """The mounted volumes a stick could be (see the module docstring)."""
    volumes = []
    for info in QStorageInfo.mountedVolumes():
        if not info.isValid() or not info.isReady() or info.isRoot():
            continue
        kind = bytes(info.fileSystemType().data()).decode("utf-8", "replace").lower()
        if kind in _SKIPPED_TYPES:
            continue
        root = Path(info.rootPath())
        volumes.append(Volume(info.displayName() or root.name or str(root), root))
    return volumes


class StickWatcher(QObject):
    """Emits `changed(volume or None)` when the first volume holding a `ccn-exchange`
    folder appears, changes or goes."""

    changed = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        provider: VolumeProvider = mounted_volumes,
        interval_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.provider = provider
        self.current: Volume | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        found = next((v for v in self.provider() if _has_exchange(v.root)), None)
        if found != self.current:
            self.current = found
            self.changed.emit(found)


def _has_exchange(root: Path) -> bool:
    try:
        return (root / EXCHANGE_FOLDER).is_dir()
    except OSError:
        return False
