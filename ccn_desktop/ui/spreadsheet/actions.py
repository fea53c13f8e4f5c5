"""One call puts the spreadsheet features into the main window: `install_spreadsheet_actions`.

File ▸ Export table… (the current tab's rows and columns, as chosen), Import
spreadsheet… (through a preview, as a bundle) and New spreadsheet template….
The window's tables are re-read after an import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.errors import user_message
from ccn_desktop.exchange.errors import ExchangeCancelled
from ccn_desktop.exchange.spreadsheet import export_sheet, write_template
from ccn_desktop.i18n import number
from ccn_desktop.ui import worker
from ccn_desktop.ui.exchange.exchange_menu import menu_action
from ccn_desktop.ui.exchange.previewed_import import engine_progress
from ccn_desktop.ui.exchange.settings import last_folder, remember_folder
from ccn_desktop.ui.spreadsheet import choosers
from ccn_desktop.ui.spreadsheet.choosers import tr
from ccn_desktop.ui.spreadsheet.export_dialog import FILTERED, SELECTED, ExportTableDialog
from ccn_desktop.ui.spreadsheet.import_flow import SheetImportController

if TYPE_CHECKING:
    from ccn_desktop.ui.main_window import MainWindow
    from ccn_desktop.ui.tabs import RecordTab


class SpreadsheetActions(QObject):
    """The three actions and what they open; `dialog` and `message` are kept for tests."""

    def __init__(self, window: MainWindow, refresh: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self._refresh = refresh
        self.settings: QSettings = window.settings
        self.importer = SheetImportController(window, lambda: self.catalogue, self.settings)
        self.importer.imported.connect(lambda _result: self._refresh())
        self.dialog: ExportTableDialog | None = None
        self.message: QMessageBox | None = None
        self.task: worker.Task | None = None
        self.export_action = menu_action(
            self.window,
            tr("Export &table…"),
            tr("Write the table to an Excel or CSV file"),
            self.export_table,
        )
        self.import_action = menu_action(
            self.window,
            tr("Import &spreadsheet…"),
            tr("Bring the changes made in an Excel or CSV file into the catalogue"),
            self.import_sheet,
        )
        self.template_action = menu_action(
            self.window,
            tr("New spreadsheet &template…"),
            tr("Write a blank sheet of the current table for a city to fill in"),
            self.new_template,
        )
        for action in (self.export_action, self.import_action, self.template_action):
            window.add_file_action(action, toolbar=False)

    @property
    def catalogue(self) -> Catalogue:
        """The window's catalogue now (a restore replaces it); the actions exist once it is open."""
        catalogue = self.window.catalogue
        assert catalogue is not None, "spreadsheet actions are installed once the catalogue is open"
        return catalogue

    def _tab(self) -> RecordTab:
        return self.window.current_tab()

    # -- export -------------------------------------------------------------------------------

    def export_table(self) -> ExportTableDialog:
        """Ask which rows and columns, then where; the file is written in the background."""
        tab = self._tab()
        spec = ENTITIES[tab.entity]
        header = tab.table.horizontalHeader()
        columns = tab.model.columns
        shown = [name for index, name in enumerate(columns) if not header.isSectionHidden(index)]
        self.dialog = ExportTableDialog(
            self.window,
            tr(spec.label_plural).lower(),
            total=self.catalogue.count(tab.entity),
            filtered=tab.model.rowCount(),
            selected=len(tab.selected_ids()),
            shown_columns=shown,
        )
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.accepted.connect(lambda: self._export_chosen(tab))
        self.dialog.open()
        return self.dialog

    def _export_chosen(self, tab: RecordTab) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        rows, columns = dialog.rows(), dialog.columns()
        spec = ENTITIES[tab.entity]
        start = last_folder(self.settings) / f"{tr(spec.label_plural).lower()}.xlsx"
        path = choosers.choose_target(self.window, tr("Export table"), start)
        if path is None:
            return
        uuids = None
        if rows == SELECTED:
            uuids = tab.selected_uuids()
        elif rows == FILTERED:
            uuids = tab.filtered_uuids()
        self.export_to(path, tab.entity, uuids, columns)

    def export_to(
        self, path: Path, entity: str, uuids: list[str] | None, columns: list[str] | None
    ) -> worker.Task:
        remember_folder(self.settings, path.parent)

        def work(progress: worker.Progress) -> int:
            try:
                return export_sheet(
                    self.catalogue,
                    entity,
                    path,
                    uuids=uuids,
                    fields=columns,
                    progress=engine_progress(progress),
                    cancel=lambda: progress.cancelled,
                )
            except ExchangeCancelled:
                raise worker.Cancelled from None

        def done(count: int) -> None:
            self._inform(
                tr("Export table"),
                tr("Wrote {count} rows to {path}.").format(count=number(count), path=path),
            )

        self.task = worker.run_with_progress(
            self.window,
            tr("Export table"),
            tr("Writing {name}…").format(name=path.name),
            work,
            on_done=done,
            on_error=lambda exc: self._failed(tr("Export table"), exc),
        )
        return self.task

    # -- import and template ------------------------------------------------------------------

    def import_sheet(self, path: Path | None = None) -> None:
        tab = self._tab()
        if not tab.maybe_leave():
            return
        if path is None:
            self.importer.choose_and_import()
        else:
            self.importer.import_file(path)

    def new_template(self) -> None:
        entity = self._tab().entity
        spec = ENTITIES[entity]
        start = last_folder(self.settings) / f"{tr(spec.label_plural).lower()}-template.xlsx"
        path = choosers.choose_target(self.window, tr("New spreadsheet template"), start)
        if path is None:
            return
        try:
            write_template(entity, path)
        except Exception as exc:
            self._failed(tr("New spreadsheet template"), exc)
            return
        remember_folder(self.settings, path.parent)
        self._inform(
            tr("New spreadsheet template"),
            tr("Wrote a blank sheet of {records} to {path}.").format(
                records=tr(spec.label_plural).lower(), path=path
            ),
        )

    # -- messages -----------------------------------------------------------------------------

    def _failed(self, title: str, exc: BaseException) -> None:
        message = user_message(exc)
        if message is None:
            raise exc
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, self.window
        )
        self._show(box)

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, self.window
        )
        self._show(box)

    def _show(self, box: QMessageBox) -> None:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()


def install_spreadsheet_actions(
    window: MainWindow, refresh: Callable[[], None]
) -> SpreadsheetActions:
    """Add File ▸ Export table…, Import spreadsheet… and New spreadsheet template…."""
    return SpreadsheetActions(window, refresh)
