"""Exchange ▸ Offices: this office's name and key, and the offices bundles came from.

The fingerprint is what two offices read out to each other (by phone, in a
letter) before trusting each other's bundles. Trust can be withdrawn: a bundle
from an office no longer trusted asks again before it is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.errors import user_message
from ccn_desktop.exchange.offices import KnownOfficeInfo, known_offices, set_trusted
from ccn_desktop.i18n import N_
from ccn_desktop.ui.exchange.values import tr, when_text
from ccn_desktop.ui.exchange.widgets import fingerprint_label, table_view
from ccn_desktop.ui.table_model import DISPLAY, TOOLTIP, ItemListModel


class OfficesModel(ItemListModel[KnownOfficeInfo]):
    HEADERS = (
        N_("Office"),
        N_("Key fingerprint"),
        N_("First seen"),
        N_("Last bundle"),
        N_("Trusted"),
    )
    NAME, FINGERPRINT, FIRST_SEEN, LAST_BUNDLE, TRUSTED = range(5)

    def set_offices(self, items: list[KnownOfficeInfo]) -> None:
        self.set_items(items)

    def office_at(self, row: int) -> KnownOfficeInfo:
        return self.item_at(row)

    def cell(self, office: KnownOfficeInfo, column: int, role: int) -> Any:
        if role == TOOLTIP and column == self.NAME:
            return office.uuid
        if role != DISPLAY:
            return None
        if column == self.NAME:
            return office.name
        if column == self.FINGERPRINT:
            return office.fingerprint
        if column == self.FIRST_SEEN:
            return when_text(office.first_seen)
        if column == self.LAST_BUNDLE:
            return when_text(office.last_bundle_at)
        return tr("Yes") if office.trusted else tr("No")


class OfficesDialog(QDialog):
    """Rename this office; trust or stop trusting the others."""

    renamed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        on_renamed: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.setObjectName("offices")
        self.setWindowTitle(tr("Offices"))
        if on_renamed is not None:
            self.renamed.connect(on_renamed)
        layout = QVBoxLayout(self)

        own = QGroupBox(tr("This office"), self)
        form = QFormLayout(own)
        name_row = QHBoxLayout()
        self.name_edit = QLineEdit(catalogue.office.name, own)
        self.name_edit.setMaxLength(200)
        self.name_edit.setAccessibleName(tr("This office's name"))
        self.rename_button = QPushButton(tr("&Rename"), own)
        self.rename_button.setEnabled(False)
        self.name_edit.textChanged.connect(self._name_edited)
        self.name_edit.returnPressed.connect(self.rename)
        self.rename_button.clicked.connect(self.rename)
        name_row.addWidget(self.name_edit, 1)
        name_row.addWidget(self.rename_button)
        name_label = QLabel(tr("&Name:"), own)  # a label with a buddy: Alt+N, no "&" shown
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, name_row)
        self.fingerprint = fingerprint_label(catalogue.office.fingerprint, own)
        form.addRow(tr("Key fingerprint:"), self.fingerprint)
        note = QLabel(
            tr(
                "Other offices see this name and fingerprint on your bundles. Read the "
                "fingerprint out to them so they can check a bundle really comes from you."
            ),
            own,
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.name_problem = QLabel(own)
        self.name_problem.hide()
        form.addRow(self.name_problem)
        layout.addWidget(own)

        others = QGroupBox(tr("Offices whose bundles came here"), self)
        others_layout = QVBoxLayout(others)
        self.model = OfficesModel(self)
        self.view = table_view(others, tr("Known offices"))
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OfficesModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        others_layout.addWidget(self.view, 1)
        buttons_row = QHBoxLayout()
        self.trust_button = QPushButton(tr("&Trust"), others)
        self.untrust_button = QPushButton(tr("&Stop trusting"), others)
        self.trust_button.clicked.connect(lambda: self.set_trust(True))
        self.untrust_button.clicked.connect(lambda: self.set_trust(False))
        buttons_row.addWidget(self.trust_button)
        buttons_row.addWidget(self.untrust_button)
        buttons_row.addStretch(1)
        others_layout.addLayout(buttons_row)
        self.empty_label = QLabel(tr("No bundle from another office has been imported yet."))
        others_layout.addWidget(self.empty_label)
        layout.addWidget(others, 1)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        if catalogue.read_only:
            self.name_edit.setReadOnly(True)
        self.reload()
        self.resize(820, 460)

    def reload(self) -> None:
        self.model.set_offices(known_offices(self.catalogue))
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._update_buttons()

    def selected(self) -> KnownOfficeInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.office_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        office = self.selected()
        writable = not self.catalogue.read_only
        self.trust_button.setEnabled(writable and office is not None and not office.trusted)
        self.untrust_button.setEnabled(writable and office is not None and office.trusted)

    def set_trust(self, trusted: bool) -> None:
        office = self.selected()
        if office is None:
            return
        set_trusted(self.catalogue, office.uuid, trusted)
        row = self.view.selectionModel().selectedRows()[0].row()
        self.reload()
        self.view.selectRow(row)

    def _name_edited(self, text: str) -> None:
        changed = text.strip() != self.catalogue.office.name
        self.rename_button.setEnabled(
            changed and bool(text.strip()) and not self.catalogue.read_only
        )

    def rename(self) -> None:
        name = self.name_edit.text().strip()
        if not self.rename_button.isEnabled():
            return
        try:
            self.catalogue.rename_office(name)
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                raise
            self.name_problem.setText(message)
            self.name_problem.show()
            return
        self.name_problem.hide()
        self.rename_button.setEnabled(False)
        self.renamed.emit(self.catalogue.office.name)
