"""The file choosers of the exchange: module-level functions, so tests replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ccn_desktop.ui.exchange.values import tr


def choose_export_folder(parent: QWidget | None, start: Path) -> Path | None:
    """The folder to write a bundle in (usually the USB stick); None when cancelled."""
    chosen = QFileDialog.getExistingDirectory(
        parent, tr("Choose the folder or USB stick for the bundle"), str(start)
    )
    return Path(chosen) if chosen else None


def choose_bundle_file(parent: QWidget | None, start: Path) -> Path | None:
    """The bundle to import; None when cancelled."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Import a bundle"),
        str(start),
        tr("Bundles (*.ccnbundle.json);;JSON files (*.json);;All files (*)"),
    )
    return Path(chosen) if chosen else None
