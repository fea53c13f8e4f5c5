"""Exchanging bundles between test offices through the real dialogs, as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.apply import ImportResult
from ccn_desktop.exchange.export import ExportResult
from ccn_desktop.ui.exchange.export_dialog import ExportDialog
from ccn_desktop.ui.exchange.import_flow import ImportController
from ccn_desktop.ui.exchange.preview import PreviewDialog
from ccn_desktop.ui.exchange.settings import exchange_settings

WAIT = 30_000  # ms; generous for a loaded machine, never reached when things work


def export_in_window(
    qtbot: QtBot,
    parent: QWidget,
    office: Catalogue,
    folder: Path,
    *,
    for_office: str | None = None,
    settings: QSettings | None = None,
) -> ExportResult:
    """Export through the Export dialog to `folder`; returns what the dialog wrote."""
    settings = settings or exchange_settings(office.paths)
    settings.setValue("exchange/folder", str(folder))
    dialog = ExportDialog(parent, office, settings, for_office=for_office)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.for_office == for_office
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as signal:
        dialog.export_button.click()
    dialog.close_button.click()
    return signal.args[0]


def open_preview(
    qtbot: QtBot, parent: QWidget, office: Catalogue, path: Path
) -> tuple[ImportController, PreviewDialog]:
    """Start an import of `path` and wait for its preview."""
    controller = ImportController(parent, office, exchange_settings(office.paths))
    controller.import_file(path)
    qtbot.waitUntil(lambda: controller.preview is not None or controller.message is not None,
                    timeout=WAIT)  # fmt: skip
    assert controller.preview is not None, controller.message and controller.message.text()
    return controller, controller.preview


def import_in_window(
    qtbot: QtBot, parent: QWidget, office: Catalogue, path: Path, *, trust: bool = True
) -> ImportResult:
    """Import `path` through the preview (trusting the signer when asked); closes the summary."""
    controller, preview = open_preview(qtbot, parent, office, path)
    if trust and preview.trust_check.isVisible():
        preview.trust_check.setChecked(True)
    assert preview.import_button.isEnabled()
    with qtbot.waitSignal(controller.imported, timeout=WAIT) as signal:
        preview.import_button.click()
    summary = controller.message
    assert isinstance(summary, QMessageBox) and summary.objectName() == "import-summary"
    summary.button(QMessageBox.StandardButton.Close).click()
    return signal.args[0]
