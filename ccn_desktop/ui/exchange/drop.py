"""Drag a bundle file onto the window to import it.

An event filter the window installs on itself: it accepts a drag that carries
exactly one local file named like a bundle (`*.json`), and on the drop hands the
path to the import — which checks it like any other file, so a JSON file that is
not a bundle gets the usual one-sentence refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def dropped_bundle(mime: QMimeData) -> Path | None:
    """The one local `.json` file a drag carries, or None."""
    if not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.name.lower().endswith(".json") else None


class BundleDropFilter(QObject):
    """Install with `install_bundle_drop(window, import_file)`."""

    def __init__(self, target: QWidget, import_file: Callable[[Path], None]) -> None:
        super().__init__(target)
        self._import_file = import_file
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if dropped_bundle(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = dropped_bundle(event.mimeData())
            if path is None:
                return False
            event.acceptProposedAction()
            self._import_file(path)
            return True
        return False


def install_bundle_drop(window: QWidget, import_file: Callable[[Path], None]) -> BundleDropFilter:
    return BundleDropFilter(window, import_file)
