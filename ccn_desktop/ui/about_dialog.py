"""About: what program this is, and which catalogue and office it is working with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ccn_desktop import APP_NAME, __version__

if TYPE_CHECKING:
    from ccn_desktop.catalogue.facade import Catalogue


class AboutDialog(QDialog):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        title = QLabel(f"<b>{APP_NAME}</b> {__version__}", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        blurb = QLabel(self.tr("An offline catalogue of the UNESCO Creative Cities Network."), self)
        blurb.setWordWrap(True)
        office = catalogue.office
        paths = catalogue.paths
        facts = QFormLayout()
        self.facts: dict[str, str] = {}
        for label, value in (
            (self.tr("Version"), __version__),
            (self.tr("Data folder"), str(paths.data_dir)),
            (self.tr("Catalogue file"), str(paths.catalogue_file)),
            (self.tr("Office"), office.name),
            (self.tr("Office UUID"), office.uuid),
            (self.tr("Key fingerprint"), office.fingerprint),
            (self.tr("Qt"), f"{qVersion()} (PySide6 {pyside_version})"),
            (self.tr("Map outlines"), self.tr("Made with Natural Earth (public domain)")),
            (self.tr("City locations"), self.tr("GeoNames (geonames.org, CC BY 4.0)")),
        ):
            field = QLabel(value, self)
            field.setTextFormat(Qt.TextFormat.PlainText)  # a folder name is not markup
            field.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            field.setAccessibleName(label)
            field.setWordWrap(True)
            facts.addRow(label, field)
            self.facts[label] = value
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(facts)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
