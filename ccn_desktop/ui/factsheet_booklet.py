"""Booklets of fact sheets: the "Fact sheets for…" dialog, written on the worker
(ui/worker.py) so that the window stays responsive; Cancel leaves no file behind."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS
from ccn_desktop.factsheet.content import SheetSource, field_city_uuids
from ccn_desktop.factsheet.paper import PAPER_SIZES
from ccn_desktop.factsheet.printing import (
    Cancelled,
    booklet_parts,
    booklet_title,
    check_printable,
    check_target,
    parts_in,
    write_pdf,
)
from ccn_desktop.i18n import LANGUAGES, _, current_language, number, speaking
from ccn_desktop.ui import worker
from ccn_desktop.ui.factsheet_settings import (
    _message,
    _remember_folder,
    _save_folder,
    _status,
    choose_save_path,
    factsheet_settings,
    file_name_for,
    paper_name,
    paper_setting,
    sheet_language,
    store_paper,
    store_sheet_language,
    tr,
)

log = logging.getLogger("ccn_desktop.ui.factsheet_actions")

# -- booklets ---------------------------------------------------------------------------


def write_booklet(
    progress: worker.Progress,
    catalogue: Catalogue,
    uuids: Sequence[str],
    title: str,
    paper: str,
    target: Path,
    language: str | None = None,
) -> int:
    """Write one booklet PDF (on the worker thread) in `language` (default: the program's);
    returns its page count. Progress counts parts (the cover is one); Cancel stops after
    the part being printed."""
    total = len(uuids) + 1

    def on_part(done: int) -> bool:
        progress.report(done, total)
        return not progress.cancelled

    source = SheetSource(catalogue)
    language = language or current_language()
    with speaking(language):  # this thread's language only: the window keeps its own
        subtitle = _("City fact sheets")
    parts = parts_in(language, booklet_parts(source, uuids, title, subtitle))
    try:
        return write_pdf(target, parts, paper, on_part)
    except Cancelled:
        raise worker.Cancelled from None


class BookletDialog(QDialog):
    """The "Fact sheets for…" dialog: selection, filtered list or a field, into one booklet."""

    written = Signal(Path, int)  # the file and its page count
    stopped = Signal()  # cancelled, or failed: nothing was written

    SELECTION, FILTERED, FIELD = range(3)

    def __init__(
        self,
        parent: QWidget | None,
        catalogue: Catalogue,
        selected_uuids: Sequence[str],
        filtered_uuids: Sequence[str],
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings or factsheet_settings(catalogue)
        self.selected = list(dict.fromkeys(selected_uuids))
        self.filtered = list(dict.fromkeys(filtered_uuids))
        self.task: worker.Task | None = None  # the booklet being written
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(tr("Fact sheets for…"))
        self._build()
        self._choose_default()
        self._suggest_target()

    # -- layout --

    def _build(self) -> None:
        self.choice = QButtonGroup(self)
        self.selection_button = QRadioButton(
            tr("The selected cities ({count})").format(count=number(len(self.selected)))
        )
        self.filtered_button = QRadioButton(
            tr("The cities in the filtered list ({count})").format(count=number(len(self.filtered)))
        )
        self.field_button = QRadioButton(tr("All cities of a creative field:"))
        self.field_combo = QComboBox()
        for field in CREATIVE_FIELDS:
            count = self.catalogue.count("city", RecordQuery(equals={"creative_field": field}))
            self.field_combo.addItem(f"{field} ({count})", field)
        self.field_combo.setAccessibleName(tr("Creative field"))
        for index, button in enumerate(
            (self.selection_button, self.filtered_button, self.field_button)
        ):
            self.choice.addButton(button, index)
        self.selection_button.setEnabled(bool(self.selected))
        self.filtered_button.setEnabled(bool(self.filtered))
        field_row = QHBoxLayout()
        field_row.addWidget(self.field_button)
        field_row.addWidget(self.field_combo, 1)

        self.paper_combo = QComboBox()
        for paper in PAPER_SIZES:
            self.paper_combo.addItem(paper_name(paper), paper)
        self.paper_combo.setCurrentIndex(list(PAPER_SIZES).index(paper_setting(self.settings)))
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(list(LANGUAGES).index(sheet_language(self.settings)))
        self.language_combo.setAccessibleName(tr("Language of the fact sheets"))
        self.paper_combo.setAccessibleName(tr("Paper size"))
        self.target_edit = QLineEdit()
        self.target_edit.setAccessibleName(tr("PDF file"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("Paper size:"), self.paper_combo)
        form.addRow(tr("Language:"), self.language_combo)
        form.addRow(tr("PDF file:"), target_row)

        self.error_label = QLabel()  # why the booklet cannot be made, in one sentence
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("font-weight: bold;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Print one fact sheet per city into one PDF booklet, "
                                   "after a cover page:")))  # fmt: skip
        layout.addWidget(self.selection_button)
        layout.addWidget(self.filtered_button)
        layout.addLayout(field_row)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.choice.idToggled.connect(self._choice_changed)
        self.field_combo.currentIndexChanged.connect(self._field_changed)
        self.resize(520, self.sizeHint().height())

    def _choose_default(self) -> None:
        if len(self.selected) > 1 or (self.selected and not self.filtered):
            self.selection_button.setChecked(True)
        elif self.filtered:
            self.filtered_button.setChecked(True)
        else:
            self.field_button.setChecked(True)
        self._choice_changed(self.choice.checkedId(), True)

    def _choice_changed(self, which: int, checked: bool) -> None:
        if checked:
            self.field_combo.setEnabled(which == self.FIELD)
            self._suggest_target()

    def _field_changed(self) -> None:
        self.field_button.setChecked(True)
        self._suggest_target()

    # -- what and where --

    def chosen_field(self) -> str | None:
        return self.field_combo.currentData() if self.choice.checkedId() == self.FIELD else None

    def chosen_uuids(self) -> list[str]:
        which = self.choice.checkedId()
        if which == self.SELECTION:
            return self.selected
        if which == self.FILTERED:
            return self.filtered
        return field_city_uuids(self.catalogue, self.field_combo.currentData())

    def chosen_language(self) -> str:
        return str(self.language_combo.currentData())

    def _title(self) -> str:
        with speaking(self.chosen_language()):
            return booklet_title(self.chosen_field())

    def _suggest_target(self) -> None:
        which = self.choice.checkedId()
        name = {
            self.SELECTION: tr("Selected cities"),
            self.FILTERED: tr("Filtered cities"),
        }.get(which) or self._title()
        folder = _save_folder(self.settings)
        file_name = file_name_for(tr("{name} fact sheets").format(name=name))
        self.target_edit.setText(str(folder / file_name))

    def _browse(self) -> None:
        chosen = choose_save_path(self, tr("Save the booklet as"), Path(self.target_edit.text()))
        if chosen is not None:
            self.target_edit.setText(str(chosen))

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    # -- running --

    def start(self) -> None:
        """Check the choice and the file, then write the booklet in a worker thread."""
        self.error_label.hide()
        try:
            uuids = self.chosen_uuids()
            if not uuids:
                self._refuse(tr("No city is chosen, so there is no fact sheet to print."))
                return
            check_printable(SheetSource(self.catalogue), uuids)
            text = self.target_edit.text().strip()
            if not text:
                self._refuse(tr("Choose the PDF file to write."))
                return
            target = check_target(Path(text if text.lower().endswith(".pdf") else text + ".pdf"))
        except Exception as exc:
            self._refuse(_message(exc))
            return
        paper = str(self.paper_combo.currentData())
        store_paper(self.settings, paper)
        language = self.chosen_language()
        store_sheet_language(self.settings, language)
        _remember_folder(self.settings, target)
        self.buttons.setEnabled(False)
        self.progress = QProgressDialog(
            tr("Printing {count} fact sheets…").format(count=number(len(uuids))),
            tr("Cancel"), 0, len(uuids) + 1, self,
        )  # fmt: skip
        self.progress.setWindowTitle(tr("Fact sheets"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        self.task = worker.Task(
            write_booklet, self.catalogue, uuids, self._title(), paper, target, language,
            parent=self,
        )  # fmt: skip
        self.task.progressed.connect(lambda done, _total, _text: self._progressed(done))
        self.task.finished.connect(self._succeeded)
        self.task.failed.connect(lambda exc: self._failed(_message(exc)))
        self.task.cancelled.connect(self._cancelled)
        self.target = target
        self.task.start()

    def _progressed(self, done: int) -> None:
        if self.progress is not None:
            self.progress.setValue(done)

    @Slot()
    def cancel(self) -> None:
        """Stop after the sheet being printed; the partial file is removed by the writer."""
        if self.task is not None:
            self.task.cancel()

    def _finish_thread(self) -> None:
        if self.task is not None:
            self.task.wait()
            self.task = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.buttons.setEnabled(True)

    def _succeeded(self, pages: int) -> None:
        self._finish_thread()
        _status(self.parentWidget(), tr("Saved {pages} pages of fact sheets to {path}.").format(
            pages=pages, path=self.target))  # fmt: skip
        self.written.emit(self.target, pages)
        self.accept()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish_thread()
        self._refuse(message)
        self.stopped.emit()

    @Slot()
    def _cancelled(self) -> None:
        self._finish_thread()
        self._refuse(tr("Cancelled: no file was written."))
        self.stopped.emit()

    def reject(self) -> None:
        if self.task is not None:  # Esc while printing: cancel first, then close
            self.cancel()
            return
        super().reject()
