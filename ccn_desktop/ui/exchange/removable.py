"""Which mounted drives are removable (USB sticks), for the export's default folder.

Offices carry bundles on sticks: when no folder was used before (or it is gone), the
export offers the first stick that is plugged in rather than the home folder. Linux
mounts sticks under /media/USER or /run/media/USER, macOS under /Volumes; Windows
says so itself (GetDriveTypeW).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

_LINUX_ROOTS = ("/media/", "/run/media/")
_DRIVE_REMOVABLE = 2  # GetDriveTypeW


def mounted_roots() -> list[str]:
    """The root folders of the file systems mounted now."""
    from PySide6.QtCore import QStorageInfo

    return [
        volume.rootPath()
        for volume in QStorageInfo.mountedVolumes()
        if volume.isValid() and volume.isReady() and not volume.isReadOnly()
    ]


def removable_drives(
    roots: Iterable[str] | None = None, platform: str = sys.platform
) -> list[Path]:
    """The mounted removable drives, in the order the system lists them."""
    found = []
    for root in mounted_roots() if roots is None else roots:
        if _is_removable(root, platform):
            found.append(Path(root))
    return found


def _is_removable(root: str, platform: str) -> bool:
    if platform.startswith("linux"):
        return root.startswith(_LINUX_ROOTS)
    if platform == "darwin":
        return root.startswith("/Volumes/")
    if platform == "win32":
        import ctypes

        kernel = getattr(ctypes, "windll", None)
        return kernel is not None and kernel.kernel32.GetDriveTypeW(root) == _DRIVE_REMOVABLE
    return False
