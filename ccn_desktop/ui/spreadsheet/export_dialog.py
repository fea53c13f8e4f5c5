"""File ▸ Export table…: which rows (all, the filtered ones, the selection) and which columns
(those shown or every field) of the current tab, to an .xlsx or .csv file.

The file is written in the background (`exchange.spreadsheet.export_sheet`); the
dialog only gathers the choices.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.i18n import number
from ccn_desktop.ui.spreadsheet.choosers import tr

ALL, FILTERED, SELECTED = "all", "filtered", "selected"
SHOWN, EVERY_FIELD = "shown", "every"


class ExportTableDialog(QDialog):
    """Rows and columns to export; `rows()` and `columns()` give the choice once accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        records_label: str,
        *,
        total: int,
        filtered: int,
        selected: int,
        shown_columns: Sequence[str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export-table")
        self.setWindowTitle(tr("Export table"))
        layout = QVBoxLayout(self)
        rows_box = QGroupBox(tr("Rows"), self)
        rows_layout = QVBoxLayout(rows_box)
        self.rows_group = QButtonGroup(self)
        self.all_button = QRadioButton(
            tr("Every record of {records} ({count})").format(
                records=records_label, count=number(total)
            ),
            rows_box,
        )
        self.filtered_button = QRadioButton(
            tr("The rows the filters show ({count})").format(count=number(filtered)), rows_box
        )
        self.selected_button = QRadioButton(
            tr("The selected rows ({count})").format(count=number(selected)), rows_box
        )
        self.selected_button.setEnabled(selected > 0)
        for button in (self.all_button, self.filtered_button, self.selected_button):
            rows_layout.addWidget(button)
            self.rows_group.addButton(button)
        (self.filtered_button if filtered != total else self.all_button).setChecked(True)
        layout.addWidget(rows_box)
        columns_box = QGroupBox(tr("Columns"), self)
        columns_layout = QVBoxLayout(columns_box)
        self.every_button = QRadioButton(tr("Every field"), columns_box)
        self.shown_button = QRadioButton(
            tr("The columns the table shows ({count})").format(count=number(len(shown_columns))),
            columns_box,
        )
        self.every_button.setChecked(True)
        columns_layout.addWidget(self.every_button)
        columns_layout.addWidget(self.shown_button)
        layout.addWidget(columns_box)
        self.shown_columns = list(shown_columns)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(tr("&Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> str:
        if self.selected_button.isChecked():
            return SELECTED
        return FILTERED if self.filtered_button.isChecked() else ALL

    def columns(self) -> list[str] | None:
        """The table's column names, or None for every field."""
        return list(self.shown_columns) if self.shown_button.isChecked() else None
