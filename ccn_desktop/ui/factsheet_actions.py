"""Fact sheets in the window: print preview, export to PDF, and booklets in the background.

The main window wires these in with one call, `install_factsheet_actions(...)`;
everything here reaches the catalogue through the facade and the
`ccn_desktop.factsheet` package. A booklet is written by a worker thread, so the
window stays responsive, and Cancel leaves no file behind.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop import APP_NAME
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.catalogue.vocabulary import CREATIVE_FIELDS
from ccn_desktop.errors import user_message
from ccn_desktop.factsheet.content import SheetSource, field_city_uuids
from ccn_desktop.factsheet.paper import PAPER_SIZES, PaperError, known_paper
from ccn_desktop.factsheet.printing import (
    Cancelled,
    booklet_parts,
    booklet_title,
    check_printable,
    check_target,
    default_paper,
    page_layout,
    paint_parts,
    parts_in,
    sheet_part,
    write_pdf,
)
from ccn_desktop.i18n import LANGUAGES, N_, _, current_language, speaking

log = logging.getLogger(__name__)

PAPER_KEY = "factsheet/paper"
LANGUAGE_KEY = "factsheet/language"
FOLDER_KEY = "factsheet/folder"
SETTINGS_FILE = "ccn-desktop.ini"


def tr(text: str) -> str:
    return QCoreApplication.translate("FactSheets", text)


# -- small pieces the tests patch -------------------------------------------------


def choose_save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    """Ask where to save a PDF; None when the user cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(suggested), tr("PDF files (*.pdf)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, APP_NAME, message)


# -- settings ------------------------------------------------------------------------


def factsheet_settings(catalogue: Catalogue) -> QSettings:
    """The program's settings file in the configuration folder (portable mode included)."""
    path = catalogue.paths.config_dir / SETTINGS_FILE
    return QSettings(str(path), QSettings.Format.IniFormat)


def paper_setting(settings: QSettings) -> str:
    """The stored paper size, or the locale's (Letter in the US, Canada, Mexico…; else A4)."""
    stored = settings.value(PAPER_KEY, "")
    try:
        return known_paper(str(stored)) if stored else default_paper()
    except PaperError:
        return default_paper()


def sheet_language(settings: QSettings) -> str:
    """The language fact sheets are printed in: the one chosen for them, else the program's
    (a French office may print an English sheet for a visiting delegation)."""
    stored = str(settings.value(LANGUAGE_KEY, "") or "")
    return stored if stored in LANGUAGES else current_language()


def store_sheet_language(settings: QSettings, language: str) -> None:
    settings.setValue(LANGUAGE_KEY, language)


def paper_name(paper: str) -> str:
    """The paper's name for people ("Letter" is "Lettre US" in French); A4 is A4 everywhere."""
    return tr(_PAPER_NAMES.get(paper, paper))


_PAPER_NAMES = {"Letter": N_("Letter")}


def store_paper(settings: QSettings, paper: str) -> None:
    settings.setValue(PAPER_KEY, known_paper(paper))
    settings.sync()


def _save_folder(settings: QSettings) -> Path:
    stored = settings.value(FOLDER_KEY, "")
    folder = Path(str(stored)) if stored else Path.home()
    return folder if folder.is_dir() else Path.home()


def _remember_folder(settings: QSettings, path: Path) -> None:
    settings.setValue(FOLDER_KEY, str(path.parent))
    settings.sync()


def file_name_for(title: str) -> str:
    """A file name any file system accepts, from a city name or a booklet title."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", title).strip(" .-")
    return (cleaned[:120] or tr("fact sheet")) + ".pdf"


def _message(exc: BaseException) -> str:
    message = user_message(exc)
    if message is None:
        log.exception("fact sheet failed")
        message = tr("The fact sheet could not be made ({error}); details are in the log.")
        message = message.format(error=f"{type(exc).__name__}: {exc}")
    return message


# -- one city --------------------------------------------------------------------------


def print_preview(
    parent: QWidget | None,
    catalogue: Catalogue,
    city_uuid: str,
    settings: QSettings | None = None,
) -> QPrintPreviewDialog | None:
    """Open a print preview of the city's fact sheet; the user prints from there."""
    settings = settings or factsheet_settings(catalogue)
    try:
        with speaking(sheet_language(settings)):
            part = sheet_part(SheetSource(catalogue).sheet(city_uuid))
    except Exception as exc:
        show_error(parent, _message(exc))
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper_setting(settings)))
    printer.setDocName(tr("{city} — fact sheet").format(city=part.city))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("Fact sheet: {city}").format(city=part.city))
    dialog.printer_ = printer  # type: ignore[attr-defined]  # keep it alive with the dialog

    def paint(target: QPrinter) -> None:
        try:
            paint_parts(target, [part])
        except Exception as exc:
            show_error(dialog, _message(exc))

    dialog.paintRequested.connect(paint)
    dialog.resize(900, 1000)
    dialog.exec()
    return dialog


def export_pdf(
    parent: QWidget | None,
    catalogue: Catalogue,
    city_uuid: str,
    settings: QSettings | None = None,
) -> Path | None:
    """Save the city's fact sheet as a PDF the user names; returns the file, or None."""
    settings = settings or factsheet_settings(catalogue)
    language = sheet_language(settings)
    try:
        with speaking(language):
            sheet = SheetSource(catalogue).sheet(city_uuid)
            part = sheet_part(sheet)
    except Exception as exc:
        show_error(parent, _message(exc))
        return None
    suggested = _save_folder(settings) / file_name_for(
        tr("{city} fact sheet").format(city=sheet.name)
    )
    target = choose_save_path(parent, tr("Export fact sheet as PDF"), suggested)
    if target is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_pdf(target, [part], paper_setting(settings))
    except Exception as exc:
        QGuiApplication.restoreOverrideCursor()
        show_error(parent, _message(exc))
        return None
    QGuiApplication.restoreOverrideCursor()
    _remember_folder(settings, target)
    _status(parent, tr("Saved the fact sheet of {city} to {path}.").format(
        city=sheet.name, path=target))  # fmt: skip
    return target


def _status(parent: QWidget | None, message: str) -> None:
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 8000)


# -- booklets ---------------------------------------------------------------------------


class BookletWorker(QObject):
    """Writes one booklet PDF in a worker thread; `stop()` may be called from any thread."""

    progress = Signal(int)  # parts done (the cover counts as one)
    succeeded = Signal(int)  # pages written
    failed = Signal(str)  # one sentence for the user
    cancelled = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        uuids: Sequence[str],
        title: str,
        paper: str,
        target: Path,
        language: str | None = None,
    ) -> None:
        super().__init__()
        self.language = language or current_language()
        self.catalogue = catalogue
        self.uuids = list(uuids)
        self.title = title
        self.paper = paper
        self.target = target
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def _on_part(self, done: int) -> bool:
        self.progress.emit(done)
        return not self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            source = SheetSource(self.catalogue)
            with speaking(self.language):
                subtitle = _("City fact sheets")
            parts = parts_in(self.language, booklet_parts(source, self.uuids, self.title, subtitle))
            pages = write_pdf(self.target, parts, self.paper, self._on_part)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:
            self.failed.emit(_message(exc))
        else:
            self.succeeded.emit(pages)


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
        self.thread_: QThread | None = None
        self.worker: BookletWorker | None = None
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(tr("Fact sheets for…"))
        self._build()
        self._choose_default()
        self._suggest_target()

    # -- layout --

    def _build(self) -> None:
        self.choice = QButtonGroup(self)
        self.selection_button = QRadioButton(
            tr("The selected cities ({count})").format(count=len(self.selected))
        )
        self.filtered_button = QRadioButton(
            tr("The cities in the filtered list ({count})").format(count=len(self.filtered))
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
        self.paper_combo.setAccessibleName(tr("Paper size"))
        self.target_edit = QLineEdit()
        self.target_edit.setAccessibleName(tr("PDF file"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(list(LANGUAGES).index(sheet_language(self.settings)))
        self.language_combo.setAccessibleName(tr("Language of the fact sheets"))
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
        self.target_edit.setText(
            str(folder / file_name_for(tr("{name} fact sheets").format(name=name)))
        )

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
            tr("Printing {count} fact sheets…").format(count=len(uuids)),
            tr("Cancel"), 0, len(uuids) + 1, self,
        )  # fmt: skip
        self.progress.setWindowTitle(tr("Fact sheets"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        self.worker = BookletWorker(self.catalogue, uuids, self._title(), paper, target, language)
        self.thread_ = QThread(self)
        self.worker.moveToThread(self.thread_)
        self.thread_.started.connect(self.worker.run)
        self.worker.progress.connect(self.progress.setValue)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.target = target
        self.thread_.start()

    @Slot()
    def cancel(self) -> None:
        """Stop after the sheet being printed; the partial file is removed by the writer."""
        if self.worker is not None:
            self.worker.stop()  # a plain call: the worker's own thread is busy printing

    def _finish_thread(self) -> None:
        if self.thread_ is not None:
            self.thread_.quit()
            self.thread_.wait()
            self.thread_ = None
        if self.worker is not None:
            self.worker.deleteLater()
            self.worker = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.buttons.setEnabled(True)

    @Slot(int)
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
        if self.thread_ is not None:  # Esc while printing: cancel first, then close
            self.cancel()
            return
        super().reject()


# -- the menu -----------------------------------------------------------------------------


@dataclass
class FactsheetActions:
    print_sheet: QAction
    export_pdf: QAction
    booklet: QAction
    paper: QAction  # a submenu: A4 / Letter
    language: QAction  # a submenu: the language of the sheets


def _file_menu(window: QMainWindow) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and menu.title().replace("&", "") == tr("File"):
            return menu
    return window.menuBar().addMenu(tr("&File"))


def install_factsheet_actions(
    window: QMainWindow,
    get_selected_uuids: Callable[[], Sequence[str]],
    get_filtered_uuids: Callable[[], Sequence[str]],
    catalogue: Catalogue | None = None,
) -> FactsheetActions:
    """Add Print fact sheet… (Ctrl+P), Export fact sheet as PDF…, Fact sheets for… and the
    paper size to the window's File menu (`window.add_file_action` when it has one).

    `get_selected_uuids()` gives the selected cities (the first is the one printed),
    `get_filtered_uuids()` the cities of the filtered list, both as UUIDs.
    """
    catalogue = catalogue or window.catalogue  # type: ignore[attr-defined]
    settings = factsheet_settings(catalogue)

    def first_selected() -> str | None:
        selected = list(get_selected_uuids())
        if not selected:
            show_error(window, tr("Select a city in the Cities tab first."))
            return None
        return selected[0]

    def on_print() -> None:
        uuid = first_selected()
        if uuid is not None:
            print_preview(window, catalogue, uuid, settings)

    def on_export() -> None:
        uuid = first_selected()
        if uuid is not None:
            export_pdf(window, catalogue, uuid, settings)

    def on_booklet() -> None:
        dialog = BookletDialog(
            window, catalogue, list(get_selected_uuids()), list(get_filtered_uuids()), settings
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    print_action = QAction(tr("&Print fact sheet…"), window)
    print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    print_action.setStatusTip(tr("Preview and print the selected city's fact sheet"))
    print_action.triggered.connect(on_print)
    export_action = QAction(tr("&Export fact sheet as PDF…"), window)
    export_action.setStatusTip(tr("Save the selected city's fact sheet as a PDF file"))
    export_action.triggered.connect(on_export)
    booklet_action = QAction(tr("Fact &sheets for…"), window)
    booklet_action.setStatusTip(
        tr("One PDF booklet for the selection, the filtered list or a creative field")
    )
    booklet_action.triggered.connect(on_booklet)

    paper_menu = QMenu(tr("Fact sheet paper size"), window)
    group = QActionGroup(paper_menu)
    current = paper_setting(settings)
    for paper in PAPER_SIZES:
        choice = paper_menu.addAction(paper_name(paper))
        choice.setCheckable(True)
        choice.setChecked(paper == current)
        group.addAction(choice)
        choice.triggered.connect(lambda _checked=False, p=paper: store_paper(settings, p))
    paper_action = paper_menu.menuAction()

    language_menu = QMenu(tr("Fact sheet language"), window)
    languages = QActionGroup(language_menu)
    spoken = sheet_language(settings)
    for code, name in LANGUAGES.items():
        choice = language_menu.addAction(name)
        choice.setCheckable(True)
        choice.setChecked(code == spoken)
        languages.addAction(choice)
        choice.triggered.connect(lambda _checked=False, c=code: store_sheet_language(settings, c))
    language_action = language_menu.menuAction()

    actions = FactsheetActions(
        print_action, export_action, booklet_action, paper_action, language_action
    )
    add: Any = getattr(window, "add_file_action", None)
    if add is None:
        menu = _file_menu(window)
        add = menu.addAction
    for action in (print_action, export_action, booklet_action, paper_action, language_action):
        add(action)
    return actions
