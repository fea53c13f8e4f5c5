"""The preview of a spreadsheet import: as a bundle's, with the sheet where the signer was.

What the sheet changes is shown exactly as a bundle's changes are (counts, the
records that change, field by field), from the same `RecordChange`s; instead of
who signed it, the box at the top names the file and the kind of records.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QWidget

from ccn_desktop.catalogue.entities import ENTITIES
from ccn_desktop.exchange.record_changes import ChangeKind, counted
from ccn_desktop.exchange.spreadsheet import SheetPlan
from ccn_desktop.i18n import number
from ccn_desktop.ui.exchange.preview import ChangesPreview
from ccn_desktop.ui.exchange.values import CityNameBook, ntr
from ccn_desktop.ui.exchange.widgets import escape
from ccn_desktop.ui.spreadsheet.choosers import tr


class SheetPreviewDialog(ChangesPreview[SheetPlan]):
    """Import or Cancel a sheet's changes; `import_requested` asks the controller to apply."""

    def __init__(self, parent: QWidget | None, plan: SheetPlan, city_names: CityNameBook) -> None:
        super().__init__(parent, plan, city_names)
        self.setObjectName("spreadsheet-preview")

    def _title(self) -> str:
        return tr("Import {name}").format(name=self.plan.file_name)

    def _signer_box(self) -> QGroupBox:
        plan = self.plan
        box = QGroupBox(tr("Spreadsheet"), self)
        form = QFormLayout(box)
        name = QLabel(f"<b>{escape(plan.file_name)}</b>", box)
        name.setTextFormat(Qt.TextFormat.RichText)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(tr("File:"), name)
        folder = QLabel(str(plan.path.parent), box)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(tr("Folder:"), folder)
        spec = ENTITIES[plan.entity]
        records = QLabel(
            tr("{records}: {rows} rows").format(
                records=tr(spec.label_plural), rows=number(len(plan.sheet.rows))
            ),
            box,
        )
        form.addRow(tr("Holds:"), records)
        note = QLabel(
            tr(
                "Rows with a uuid update that record (only the cells that differ); rows "
                "without one are new records. Records the sheet does not list are left "
                "as they are."
            ),
            box,
        )
        note.setWordWrap(True)
        form.addRow("", note)
        self.trust_check = QCheckBox(box)  # a sheet is this office's own edit: no trust to give
        self.trust_check.hide()
        self.fingerprint_label = QLabel(box)
        self.fingerprint_label.hide()
        self.trust_label = QLabel(box)
        self.trust_label.hide()
        return box

    @property
    def trust(self) -> bool:
        return True

    def _summary_text(self) -> str:
        plan = self.plan
        if plan.nothing_to_do:
            return tr("Every row is already as in this catalogue: importing it changes nothing.")
        parts = [
            counted(kind, plan.total(kind))
            for kind in (ChangeKind.NEW, ChangeKind.UPDATED)
            if plan.total(kind)
        ]
        unchanged = ntr(
            "{count} row unchanged", "{count} rows unchanged", plan.total(ChangeKind.UNCHANGED)
        )
        text = tr("{changed}; {unchanged}.").format(changed=", ".join(parts), unchanged=unchanged)
        return text[0].upper() + text[1:]

    def show_change(self, row: int) -> None:
        change = self.changes_model.change_at(row)
        self.diff_model.set_change(change)
        if change.kind == ChangeKind.NEW:
            text = tr("{title} ({where}): new")
        else:
            text = tr("{title} ({where}): updated")
        self.diff_title.setText(text.format(title=change.title, where=change.where))
