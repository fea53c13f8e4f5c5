"""After a file is written: offer to open it, or its folder, with the system's programs.

Used when a fact sheet booklet is done: the next thing a person does is look at it
or find it to attach or copy to a stick.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenFile", text)


def offer_to_open(parent: QWidget | None, path: Path, text: str) -> QMessageBox:
    """Say the file was written, with Open and Show in folder (window-modal, not blocking)."""
    box = QMessageBox(
        QMessageBox.Icon.Information, _tr("File written"), text,
        QMessageBox.StandardButton.Close, parent,
    )  # fmt: skip
    box.setObjectName("file-written")
    open_button = box.addButton(_tr("&Open"), QMessageBox.ButtonRole.ActionRole)
    folder_button = box.addButton(_tr("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    open_button.clicked.connect(lambda: open_path(path))
    folder_button.clicked.connect(lambda: open_path(path.parent))
    box.setDefaultButton(open_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's program for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
