"""File ▸ Export bundle…: everything, or what one office lacks, to a folder (the USB stick).

The engine writes under a temporary name, renames, and reads the file back; this
dialog runs it in a worker with a progress bar and Cancel (which leaves no file),
then says what was written where. The folder is remembered for next time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.exchange.export import ExportResult, export_bundle
from ccn_desktop.exchange.offices import KnownOfficeInfo, known_offices
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange import choosers
from ccn_desktop.ui.exchange.previewed_import import engine_progress
from ccn_desktop.ui.exchange.refusal import show_refusal
from ccn_desktop.ui.exchange.settings import last_folder, remember_folder
from ccn_desktop.ui.exchange.values import counts_text, size_text, tr, when_text
from ccn_desktop.ui.exchange.widgets import escape
from ccn_desktop.ui.forms.editor_base import problem_colour


class ExportDialog(QDialog):
    """Choose what and where, export with progress, read the summary."""

    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        settings: QSettings,
        *,
        for_office: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings
        # Shadows QDialog.result() (the dialog's exit code, unused here): the export's result.
        self.result: ExportResult | None = None  # type: ignore[assignment]
        self.error: BaseException | None = None
        self.message: QMessageBox | None = None
        self.task: worker.Task | None = None
        self._stop = threading.Event()
        self.setObjectName("export-bundle")
        self.setWindowTitle(tr("Export bundle"))
        self.offices: list[KnownOfficeInfo] = [
            office for office in known_offices(catalogue) if office.uuid != catalogue.office.uuid
        ]
        self.folder = last_folder(settings)

        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        self.options_page = self._options_page()
        self.progress_page = self._progress_page()
        self.summary_page = self._summary_page()
        for page in (self.options_page, self.progress_page, self.summary_page):
            self.pages.addWidget(page)
        layout.addWidget(self.pages)
        self.buttons = QDialogButtonBox(self)
        self.export_button = QPushButton(tr("&Export"), self)
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.buttons)
        if for_office is not None:
            self.select_office(for_office)
        self._update()
        self.resize(560, self.sizeHint().height())

    # -- pages ----------------------------------------------------------------------------

    def _options_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        scope = QGroupBox(tr("What to export"), page)
        scope_layout = QVBoxLayout(scope)
        self.everything_radio = QRadioButton(tr("&Everything in this catalogue"), scope)
        self.office_radio = QRadioButton(tr("&Only what this office does not have yet:"), scope)
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.everything_radio)
        self.scope_group.addButton(self.office_radio)
        self.everything_radio.setChecked(True)
        self.office_combo = QComboBox(scope)
        self.office_combo.setAccessibleName(tr("Office the bundle is for"))
        for office in self.offices:
            last = when_text(office.last_bundle_at)
            self.office_combo.addItem(
                tr("{name} (last bundle from it: {last})").format(name=office.name, last=last),
                office.uuid,
            )
        scope_layout.addWidget(self.everything_radio)
        scope_layout.addWidget(self.office_radio)
        office_row = QHBoxLayout()
        office_row.addSpacing(24)
        office_row.addWidget(self.office_combo, 1)
        scope_layout.addLayout(office_row)
        hint = QLabel(
            tr(
                "“Everything” is always safe. “Only what it does not have” makes a smaller "
                "bundle, judged by the last bundle that came from that office; if a bundle "
                "gets lost, the next one carries its content again."
            )
            if self.offices
            else tr(
                "No bundle from another office has been imported here yet, so the bundle "
                "holds everything."
            ),
            scope,
        )
        hint.setWordWrap(True)
        scope_layout.addWidget(hint)
        if not self.offices:
            self.office_radio.setEnabled(False)
            self.office_combo.setEnabled(False)
        self.office_radio.toggled.connect(self._update)
        layout.addWidget(scope)

        where = QGroupBox(tr("Where to write it"), page)
        where_layout = QVBoxLayout(where)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(self.folder), where)
        self.folder_edit.setAccessibleName(tr("Folder"))
        self.folder_edit.setToolTip(tr("The folder or USB stick the bundle is written to"))
        self.folder_edit.textEdited.connect(self._folder_typed)
        self.folder_button = QPushButton(tr("&Browse…"), where)
        self.folder_button.clicked.connect(self.choose_folder)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.folder_button)
        where_layout.addLayout(row)
        self.folder_problem = QLabel(where)
        self.folder_problem.setObjectName("folderProblem")
        self.folder_problem.setWordWrap(True)
        where_layout.addWidget(self.folder_problem)
        layout.addWidget(where)
        layout.addStretch(1)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.progress_label = QLabel(tr("Preparing the bundle…"), page)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setAccessibleName(tr("Export progress"))
        layout.addStretch(1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addStretch(1)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.summary_label = QLabel(page)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        return page

    # -- choosing ---------------------------------------------------------------------------

    def select_office(self, office_uuid: str) -> None:
        index = self.office_combo.findData(office_uuid)
        if index >= 0:
            self.office_combo.setCurrentIndex(index)
            self.office_radio.setChecked(True)

    @property
    def for_office(self) -> str | None:
        if self.office_radio.isChecked() and self.office_combo.currentIndex() >= 0:
            return str(self.office_combo.currentData())
        return None

    def choose_folder(self) -> None:
        chosen = choosers.choose_export_folder(self, self.folder)
        if chosen is not None:
            self.folder = chosen
            self.folder_edit.setText(str(chosen))
            self._update()

    def _folder_typed(self, text: str) -> None:
        self.folder = Path(text.strip()).expanduser() if text.strip() else Path()
        self._update()

    def folder_problem_text(self) -> str:
        """Why the typed folder cannot take the bundle, or "" when it can."""
        text = self.folder_edit.text().strip()
        if not text:
            return tr("Type or browse to the folder to write the bundle in.")
        if not self.folder.is_absolute():
            return tr("Give the whole path of the folder (it starts at a drive or /).")
        if self.folder.exists() and not self.folder.is_dir():
            return tr("This is a file, not a folder.")
        if not self.folder.is_dir():
            return tr("There is no folder here: check the path, or plug the stick in.")
        return ""

    def _update(self, *_args: object) -> None:
        self.office_combo.setEnabled(bool(self.offices) and self.office_radio.isChecked())
        problem = self.folder_problem_text()
        self.folder_problem.setText(problem)
        palette = self.folder_problem.palette()
        palette.setColor(palette.ColorRole.WindowText, problem_colour(self))
        self.folder_problem.setPalette(palette)
        self.folder_problem.setVisible(bool(problem))
        self.export_button.setEnabled(
            not problem and (not self.office_radio.isChecked() or bool(self.offices))
        )

    # -- exporting --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def start(self) -> None:
        """Export in the background; the dialog shows progress, then the summary."""
        if self.running:
            return
        if not self.folder.is_dir():
            self.error = FileNotFoundError(2, tr("The folder does not exist"), str(self.folder))
            self.message = show_refusal(self, self.error, None, importing=False)
            return
        remember_folder(self.settings, self.folder)
        self._stop.clear()
        self.pages.setCurrentWidget(self.progress_page)
        self.export_button.hide()
        self.progress_bar.setRange(0, 0)
        self.task = worker.Task(self._work, self.folder, self.for_office, parent=self)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._done)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.start()

    def _work(
        self, progress: worker.Progress, folder: Path, for_office: str | None
    ) -> ExportResult:
        try:
            return export_bundle(
                self.catalogue,
                folder,
                for_office=for_office,
                progress=engine_progress(progress),
                cancel=self._stop.is_set,
            )
        except ExchangeCancelled:
            raise worker.Cancelled from None

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        if total:
            self.progress_bar.setValue(min(done, total))
        if text:
            self.progress_label.setText(text + "…")

    def _done(self, result: ExportResult) -> None:
        self.result = result
        scope = (
            tr("what {office} does not have yet").format(office=result.for_office_name)
            if result.for_office
            else tr("everything in this catalogue")
        )
        self.summary_label.setText(
            tr(
                "<p>The bundle was written to <b>{folder}</b> as<br><b>{name}</b> ({size}).</p>"
                "<p>It holds {scope}: {contents}.</p>"
                "<p>It was read back and verified after writing, so the file on the stick "
                "is whole. You can remove the stick once your computer says it is safe to.</p>"
            ).format(
                folder=escape(str(result.path.parent)),
                name=escape(result.path.name),
                size=size_text(result.size),
                scope=scope,
                contents=counts_text(result.counts),
            )
        )
        self._finish(self.summary_page)
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self.pages.setCurrentWidget(self.options_page)
        self.export_button.show()
        self.cancel_button.setEnabled(True)
        self._update()
        self.message = show_refusal(self, exc, None, importing=False)

    def _cancelled(self) -> None:
        self.summary_label.setText(tr("The export was cancelled; no bundle was written."))
        self._finish(self.summary_page)

    def _finish(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self.export_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _cancel_clicked(self) -> None:
        if self.running:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(tr("Cancelling…"))
        else:
            self.reject()

    def reject(self) -> None:
        if self.running:  # Escape while writing: stop the export, leave no file
            self._cancel_clicked()
            return
        super().reject()


def open_export_dialog(
    parent: QWidget | None,
    catalogue: Catalogue,
    settings: QSettings,
    on_exported: Callable[[ExportResult], None] | None = None,
) -> ExportDialog:
    """Open (not exec) the dialog, window-modal; it deletes itself when closed."""
    dialog = ExportDialog(parent, catalogue, settings)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_exported is not None:
        dialog.exported.connect(on_exported)
    dialog.open()
    return dialog
