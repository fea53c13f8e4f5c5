"""Fact sheets in the window: print preview, export to PDF, and booklets in the background.

The main window wires these in with one call, `install_factsheet_actions(...)`;
everything here reaches the catalogue through the facade and the
`ccn_desktop.factsheet` package. A booklet is written on the worker (ui/worker.py), so the
window stays responsive, and Cancel leaves no file behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QWidget,
)

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.factsheet.content import SheetSource
from ccn_desktop.factsheet.paper import PAPER_SIZES
from ccn_desktop.factsheet.printing import (
    page_layout,
    paint_parts,
    sheet_part,
    write_pdf,
)
from ccn_desktop.i18n import LANGUAGES, ngettext, speaking
from ccn_desktop.ui.factsheet_booklet import BookletDialog, write_booklet
from ccn_desktop.ui.factsheet_settings import (
    FOLDER_KEY,
    PAPER_KEY,
    SETTINGS_FILE,
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
    show_error,
    store_paper,
    store_sheet_language,
    tr,
)
from ccn_desktop.ui.feature_host import add_file_actions, host_of
from ccn_desktop.ui.open_file import offer_to_open

__all__ = [
    "FOLDER_KEY", "PAPER_KEY", "SETTINGS_FILE", "BookletDialog", "FactsheetActions",
    "choose_save_path", "export_pdf", "factsheet_settings", "install_factsheet_actions",
    "paper_setting", "print_preview", "show_error", "store_paper", "write_booklet",
]  # fmt: skip

log = logging.getLogger(__name__)


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
    dialog.resize(preview_size(_available_size(parent)))
    dialog.exec()
    return dialog


PREVIEW_SIZE = QSize(900, 1000)  # a page and the preview's toolbar, at 96 dpi


def preview_size(available: QSize) -> QSize:
    """The preview's size: a page's worth, but never more than the screen leaves (a
    900-pixel-high laptop screen, or a scaled one)."""
    return QSize(
        min(PREVIEW_SIZE.width(), available.width() * 9 // 10),
        min(PREVIEW_SIZE.height(), available.height() * 9 // 10),
    )


def _available_size(parent: QWidget | None) -> QSize:
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else PREVIEW_SIZE


def export_pdf(
    parent: QWidget | None,
    catalogue: Catalogue,
    city_uuid: str,
    settings: QSettings | None = None,
) -> Path | None:
    """Save the city's fact sheet as a PDF the user names; returns the file, or None."""
    settings = settings or factsheet_settings(catalogue)
    try:
        with speaking(sheet_language(settings)):
            sheet = SheetSource(catalogue).sheet(city_uuid)
            part = sheet_part(sheet)
    except Exception as exc:
        show_error(parent, _message(exc))
        return None
    name = tr("{city} fact sheet").format(city=sheet.name)
    suggested = _save_folder(settings) / file_name_for(name)
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


# -- the menu -----------------------------------------------------------------------------


@dataclass
class FactsheetActions:
    print_sheet: QAction
    export_pdf: QAction
    booklet: QAction
    paper: QAction  # a submenu: A4 / Letter
    language: QAction  # a submenu: the language of the sheets


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
    features = host_of(window)
    given = catalogue

    def shown_catalogue() -> Catalogue:
        """The window's catalogue at the moment of the click: a restore replaces it."""
        shown = given or (features.catalogue if features is not None else None)
        if shown is None:
            raise ValueError("fact sheets need a catalogue: pass one or install in the main window")
        return shown

    settings = factsheet_settings(shown_catalogue())

    def first_selected() -> str | None:
        selected = list(get_selected_uuids())
        if not selected:
            show_error(window, tr("Select a city in the Cities tab first."))
            return None
        return selected[0]

    def on_print() -> None:
        uuid = first_selected()
        if uuid is not None:
            print_preview(window, shown_catalogue(), uuid, settings)

    def on_export() -> None:
        uuid = first_selected()
        if uuid is not None:
            export_pdf(window, shown_catalogue(), uuid, settings)

    def on_booklet() -> None:
        dialog = BookletDialog(
            window,
            shown_catalogue(),
            list(get_selected_uuids()),
            list(get_filtered_uuids()),
            settings,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.written.connect(
            lambda path, pages: offer_to_open(
                window,
                path,
                ngettext(
                    "The booklet was written ({pages} page):\n{path}",
                    "The booklet was written ({pages} pages):\n{path}",
                    pages,
                ).format(pages=pages, path=path),
            )
        )
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
    add_file_actions(
        window,
        (print_action, export_action, booklet_action, paper_action, language_action),
        toolbar=True,
    )
    return actions
