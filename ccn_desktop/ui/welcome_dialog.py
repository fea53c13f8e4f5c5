"""First start: name the office, see where the data will live, choose how to begin.

Two pages. The first asks what only the user can decide (the office name, which
travels in every bundle, and what to start from) and says where the catalogue
will be kept. "Create catalogue" makes the catalogue and the office's key pair;
the second page then shows the key's fingerprint, which other offices will be
asked to compare when they first import this office's bundles.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.identity import default_office_name
from ccn_desktop.errors import user_message
from ccn_desktop.i18n import ngettext, number
from ccn_desktop.paths import DataPaths
from ccn_desktop.resources import resource_path
from ccn_desktop.ui.icons import app_icon
from ccn_desktop.ui.text_fit import keep_text_whole

log = logging.getLogger(__name__)

OFFICE_NAME_MAX = 200  # the catalogue keeps at most this many characters


def starter_counts() -> dict[str, int]:
    """Record counts of the shipped starter catalogue, from its manifest."""
    from ccn_desktop.catalogue.starter import STARTER_FILE

    manifest = json.loads(resource_path(STARTER_FILE).read_text(encoding="utf-8"))["manifest"]
    return dict(manifest["counts"])


def counts_text(cities: int, conferences: int, projects: int) -> str:
    return ", ".join(
        (
            ngettext("{n} city", "{n} cities", cities).format(n=number(cities)),
            ngettext("{n} conference", "{n} conferences", conferences).format(
                n=number(conferences)
            ),
            ngettext("{n} project", "{n} projects", projects).format(n=number(projects)),
        )
    )


def _header(text: str) -> QHBoxLayout:
    """The icon beside a large bold title, at the top of each page."""
    icon = QLabel()
    icon.setPixmap(app_icon().pixmap(56, 56))
    title = QLabel(text)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    title.setFont(font)
    row = QHBoxLayout()
    row.addWidget(icon)
    row.addSpacing(8)
    row.addWidget(title, 1)
    return row


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class WelcomeDialog(QDialog):
    """Shown when there is no catalogue yet; `catalogue` holds the new one once accepted."""

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.catalogue: Catalogue | None = None
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(560)
        self.pages = QStackedWidget(self)
        self.setup_page = self._setup_page()
        self.ready_page = self._ready_page()
        self.pages.addWidget(self.setup_page)
        self.pages.addWidget(self.ready_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        keep_text_whole(self)  # the choices' notes wrap; none may be cut off
        self._name_changed(self.name_edit.text())

    # -- page 1: what to create ------------------------------------------------

    def _setup_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addLayout(_header(self.tr("Welcome to {app}").format(app=APP_NAME)))
        layout.addWidget(
            _paragraph(
                self.tr(
                    "There is no catalogue on this computer yet. Give your office a name: it "
                    "goes with every bundle you export, so other offices can tell where a "
                    "change came from."
                )
            )
        )

        form = QFormLayout()
        self.name_edit = QLineEdit(default_office_name(), page)
        self.name_edit.setMaxLength(OFFICE_NAME_MAX)
        self.name_edit.setAccessibleName(self.tr("Office name"))
        self.name_edit.selectAll()
        self.name_edit.textChanged.connect(self._name_changed)
        self.name_problem = QLabel(self.tr("An office name is required."), page)
        form.addRow(self.tr("Office &name:"), self.name_edit)
        form.addRow("", self.name_problem)
        layout.addLayout(form)

        where = QGroupBox(self.tr("Where your data is kept"), page)
        where_layout = QVBoxLayout(where)
        self.folder_label = QLabel(str(self.paths.data_dir), where)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        where_layout.addWidget(self.folder_label)
        if self.paths.portable:
            mode = self.tr(
                "Portable mode: the catalogue, the office key, backups, settings and logs stay "
                "in this folder beside the program (on the stick); nothing is written to this "
                "computer."
            )
        else:
            mode = self.tr(
                "The catalogue, the office key and backups are kept in this folder for your "
                "user account. Back it up with the rest of your files."
            )
        self.mode_label = _paragraph(mode)
        where_layout.addWidget(self.mode_label)
        layout.addWidget(where)

        begin = QGroupBox(self.tr("Begin with"), page)
        begin_layout = QVBoxLayout(begin)
        counts = starter_counts()
        self.starter_choice = QRadioButton(self.tr("The &starter catalogue"), begin)
        starter_note = _paragraph(
            self.tr(
                "The Creative Cities Network as UNESCO publishes it: {counts}. Offices that "
                "start from it share these records, so bundles do not duplicate them."
            ).format(
                counts=counts_text(counts["cities"], counts["conferences"], counts["projects"])
            )
        )
        self.empty_choice = QRadioButton(self.tr("An &empty catalogue"), begin)
        empty_note = _paragraph(self.tr("To fill by hand, or from other offices' bundles."))
        self.bundle_choice = QRadioButton(self.tr("A &bundle from another office…"), begin)
        bundle_note = _paragraph(
            self.tr(
                "Choose the bundle file next. Before anything is added you see who signed "
                "it (with its key fingerprint) and what it holds."
            )
        )
        self.starter_choice.setChecked(True)
        self.begin_group = QButtonGroup(begin)
        choices = (
            (self.starter_choice, starter_note),
            (self.empty_choice, empty_note),
            (self.bundle_choice, bundle_note),
        )
        for button, note in choices:
            self.begin_group.addButton(button)
            begin_layout.addWidget(button)
            note.setIndent(
                self.style().pixelMetric(self.style().PixelMetric.PM_ExclusiveIndicatorWidth) + 8
            )
            begin_layout.addWidget(note)
        layout.addWidget(begin)

        self.progress_label = QLabel("", page)
        layout.addWidget(self.progress_label)
        layout.addStretch(1)
        buttons = QDialogButtonBox(page)
        self.create_button = QPushButton(self.tr("&Create catalogue"), page)
        self.create_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("&Quit"), page)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self.create_catalogue)
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _name_changed(self, text: str) -> None:
        missing = not text.strip()
        self.name_problem.setVisible(missing)
        self.create_button.setEnabled(not missing)

    def create_catalogue(self) -> None:
        """Make the catalogue, the office and its key; on failure say why and stay here."""
        name = self.name_edit.text().strip()
        if not name:
            return
        bundle: Path | None = None
        if self.bundle_choice.isChecked():
            from ccn_desktop.ui.exchange import choosers
            from ccn_desktop.ui.exchange.settings import exchange_settings, last_folder

            bundle = choosers.choose_bundle_file(self, last_folder(exchange_settings(self.paths)))
            if bundle is None:
                return  # no file chosen: stay on this page, nothing created
        existed = self.paths.catalogue_file.exists()
        self.create_button.setEnabled(False)
        self.progress_label.setText(self.tr("Creating the catalogue and the office key…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            catalogue = Catalogue.open(
                self.paths, office_name=name, starter=self.starter_choice.isChecked()
            )
        except Exception as exc:
            QApplication.restoreOverrideCursor()
            if not existed:
                self._remove_partial_catalogue()
            message = user_message(exc)
            if message is None:
                log.exception("creating the catalogue failed")
                message = self.tr(
                    "The catalogue could not be created ({error}); details are in the log in "
                    "{folder}."
                ).format(error=f"{type(exc).__name__}: {exc}", folder=self.paths.log_dir)
            self.progress_label.setText("")
            self._name_changed(self.name_edit.text())
            QMessageBox.critical(self, APP_NAME, message)
            return
        QApplication.restoreOverrideCursor()
        log.info("first start: created the catalogue of office %s", catalogue.office.uuid)
        self.catalogue = catalogue
        if bundle is None:
            self._show_ready()
        else:
            self._import_first_bundle(catalogue, bundle)

    def _import_first_bundle(self, catalogue: Catalogue, bundle: Path) -> None:
        """The usual import (check, preview with the signer, apply); then the ready page,
        whether the user imported or cancelled (the empty catalogue can import later)."""
        from ccn_desktop.ui.exchange.import_flow import ImportController
        from ccn_desktop.ui.exchange.settings import exchange_settings

        self.progress_label.setText(self.tr("Reading {name}…").format(name=bundle.name))
        self.importer = ImportController(self, catalogue, exchange_settings(self.paths))
        self.importer.finished.connect(self._show_ready)
        self.importer.import_file(bundle)

    def _remove_partial_catalogue(self) -> None:
        """A catalogue whose creation failed half-way must not pass for a whole one."""
        file = self.paths.catalogue_file
        for path in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove the partial catalogue file %s", path)

    # -- page 2: the office is ready ---------------------------------------------

    def _ready_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addLayout(_header(self.tr("Your office is ready")))
        form = QFormLayout()
        self.office_label = QLabel(page)
        self.counts_label = QLabel(page)
        self.ready_folder_label = QLabel(str(self.paths.data_dir), page)
        self.ready_folder_label.setWordWrap(True)
        self.ready_folder_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.fingerprint_label = QLabel(page)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.15)
        mono.setWeight(QFont.Weight.DemiBold)
        self.fingerprint_label.setFont(mono)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setAccessibleName(self.tr("Office key fingerprint"))
        form.addRow(self.tr("Office:"), self.office_label)
        form.addRow(self.tr("Catalogue:"), self.counts_label)
        form.addRow(self.tr("Data folder:"), self.ready_folder_label)
        form.addRow(self.tr("Key fingerprint:"), self.fingerprint_label)
        layout.addLayout(form)
        layout.addWidget(
            _paragraph(
                self.tr(
                    "Every bundle this office exports is signed with its key. When another "
                    "office imports your first bundle, it is shown this fingerprint: read it "
                    "to them by phone or in a letter, so they can be sure the bundle is yours. "
                    "The private key never leaves the data folder."
                )
            )
        )
        layout.addStretch(1)
        buttons = QDialogButtonBox(page)
        self.open_button = QPushButton(self.tr("&Open the catalogue"), page)
        # Not the default yet: a dialog has one default button, and until the catalogue
        # is made it is "Create catalogue" (`_show_ready` moves it here).
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.clicked.connect(self.accept)
        layout.addWidget(buttons)
        return page

    def _show_ready(self) -> None:
        assert self.catalogue is not None
        office = self.catalogue.office
        counts = self.catalogue.counts()
        self.office_label.setText(office.name)
        self.counts_label.setText(
            counts_text(counts["city"], counts["conference"], counts["project"])
        )
        self.fingerprint_label.setText(office.fingerprint)
        # There is no going back once the catalogue exists; and without the first page
        # the stack (as tall as its tallest page) fits the shorter second one.
        self.pages.setCurrentWidget(self.ready_page)
        self.pages.removeWidget(self.setup_page)
        self.setup_page.hide()
        # Shrink to the second page once Qt has laid it out (after pending layout events).
        QTimer.singleShot(0, lambda: self.resize(self.width(), self.sizeHint().height()))
        self.create_button.setDefault(False)
        self.open_button.setDefault(True)
        self.open_button.setFocus()

    def reject(self) -> None:
        """Once the catalogue exists, closing the dialog opens it rather than losing it."""
        if self.catalogue is not None:
            self.accept()
        else:
            super().reject()
