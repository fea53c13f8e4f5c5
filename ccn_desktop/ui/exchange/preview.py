"""The import preview: who signed the bundle, what it changes, record by record.

Shown before anything is written. The counts, the changed records and their
field-by-field differences come from the engine's plan. An office this catalogue
does not trust yet is shown with its key fingerprint, and Import stays disabled
until the user says she compared it and trusts the office. While the import runs
(in a worker, driven by `import_flow`), the dialog shows its progress and Cancel
stops it before anything is committed.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Generic, TypeVar

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop import i18n
from ccn_desktop.exchange.offices import SignerStatus
from ccn_desktop.exchange.plan import ImportPlan
from ccn_desktop.exchange.record_changes import ChangeKind
from ccn_desktop.ui.exchange.preview_models import (
    COUNT_KINDS,
    ChangeFilter,
    ChangesModel,
    CountsModel,
    FieldDiffModel,
    PlanDuplicatesModel,
    PreviewedPlan,
    kind_label,
)
from ccn_desktop.ui.exchange.preview_text import change_heading, summary_text, trust_text
from ccn_desktop.ui.exchange.values import CityNameBook, counts_text, size_text, tr, when_text
from ccn_desktop.ui.exchange.widgets import escape, fingerprint_label, table_view

PlanT = TypeVar("PlanT", bound=PreviewedPlan)


class ChangesPreview(QDialog, Generic[PlanT]):
    """Import or Cancel a plan's changes; `import_requested(trust)` asks the controller to
    apply the plan. The counts, the records that change and their differences are shown
    the same whatever is imported; a subclass says what the import is (the hooks below)."""

    import_requested = Signal(bool)
    cancel_requested = Signal()
    trust_check: QCheckBox  # made by `_signer_box`; hidden where there is no one to trust

    def __init__(self, parent: QWidget | None, plan: PlanT, city_names: CityNameBook) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("import-preview")
        self._busy = False
        self.setWindowTitle(self._title())
        self.setSizeGripEnabled(True)

        city_names.add(change.theirs for change in plan.changes if change.entity == "city")
        self.counts_model = CountsModel(plan, self)
        self.changes_model = ChangesModel(plan.changes, self)
        self.changes_filter = ChangeFilter(self)
        self.changes_filter.setSourceModel(self.changes_model)
        self.diff_model = FieldDiffModel(city_names, self)
        self.duplicates_model = PlanDuplicatesModel(plan.duplicates, self)

        layout = QVBoxLayout(self)
        layout.addWidget(self._signer_box())
        layout.addWidget(self._counts_box())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._changes_pane())
        splitter.addWidget(self._diff_pane())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._progress_row())
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(tr("&Import"), self)
        self.import_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._import_clicked)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        layout.addWidget(self.buttons)
        self._update_import_button()
        self.resize(1000, 680)
        if self.changes_filter.rowCount():
            self.changes_view.selectRow(0)

    # -- what the import is: a bundle's (PreviewDialog) or a spreadsheet's ---------------------

    @abstractmethod
    def _title(self) -> str: ...

    @abstractmethod
    def _signer_box(self) -> QGroupBox:
        """The box at the top: who or what the changes come from; it makes `trust_check`."""

    @abstractmethod
    def _summary_text(self) -> str: ...

    @property
    @abstractmethod
    def trust(self) -> bool:
        """Whether Import may go ahead: the sender is trusted, or the user says so now."""

    # -- the changes ------------------------------------------------------------------------

    def _counts_box(self) -> QGroupBox:
        box = QGroupBox(tr("What the import changes"), self)
        layout = QVBoxLayout(box)
        self.summary_label = QLabel(self._summary_text(), box)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.counts_view = table_view(box, tr("Changes by kind"))
        self.counts_view.setModel(self.counts_model)
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_view.setAlternatingRowColors(False)
        self.counts_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.counts_view.horizontalHeader()
        # Each heading whole in every language (French and Spanish run longer); the first
        # column takes the room that is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_view.resizeRowsToContents()
        height = self.counts_view.horizontalHeader().sizeHint().height()
        height += sum(self.counts_view.rowHeight(row) for row in range(3)) + 4
        self.counts_view.setFixedHeight(height)
        layout.addWidget(self.counts_view)
        self.duplicates_view = table_view(box, tr("Likely duplicates"))
        self.duplicates_view.setModel(self.duplicates_model)
        if self.plan.duplicates:
            note = QLabel(
                tr(
                    "Likely duplicates: these arriving records look like records already "
                    "here. They are imported as they are; merge them afterwards "
                    "(Exchange ▸ Likely duplicates)."
                ),
                box,
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            self.duplicates_view.setMaximumHeight(110)
            layout.addWidget(self.duplicates_view)
        else:
            self.duplicates_view.hide()
        return box

    def _changes_pane(self) -> QWidget:
        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel(tr("&Show:"), pane)
        self.kind_combo = QComboBox(pane)
        self.kind_combo.addItem(tr("Every change ({count})").format(
            count=i18n.number(len(self.plan.changes))), "")  # fmt: skip
        for kind in COUNT_KINDS:
            number = self.plan.total(kind)
            if number and kind != ChangeKind.UNCHANGED:
                self.kind_combo.addItem(f"{kind_label(kind)} ({i18n.number(number)})", str(kind))
        label.setBuddy(self.kind_combo)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        row.addWidget(label)
        row.addWidget(self.kind_combo, 1)
        layout.addLayout(row)
        self.changes_view = table_view(pane, tr("Records that change"))
        self.changes_view.setModel(self.changes_filter)
        self.changes_view.setSortingEnabled(True)
        self.changes_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.changes_view.setWordWrap(False)
        header = self.changes_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ChangesModel.KIND, max(80, header.sectionSizeHint(ChangesModel.KIND)))
        header.resizeSection(ChangesModel.TYPE, max(75, header.sectionSizeHint(ChangesModel.TYPE)))
        header.resizeSection(ChangesModel.TITLE, 150)
        self.changes_view.selectionModel().selectionChanged.connect(self._change_selected)
        layout.addWidget(self.changes_view, 1)
        return pane

    def _diff_pane(self) -> QWidget:
        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        self.diff_title = QLabel(tr("Select a record to see what changes in it."), pane)
        self.diff_title.setWordWrap(True)
        font = QFont(self.diff_title.font())
        font.setBold(True)
        self.diff_title.setFont(font)
        layout.addWidget(self.diff_title)
        self.diff_view = table_view(pane, tr("Field by field"))
        self.diff_view.setModel(self.diff_model)
        self.diff_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.diff_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.diff_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        layout.addWidget(self.diff_view, 1)
        return pane

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(tr("Import progress"))
        self.progress_label.hide()
        self.progress_bar.hide()
        row.addWidget(self.progress_label)
        row.addWidget(self.progress_bar, 1)
        return row

    # -- behaviour ----------------------------------------------------------------------------

    def _update_import_button(self, *_args: object) -> None:
        self.import_button.setEnabled(not self._busy and self.trust and not self.plan.nothing_to_do)
        if not self.trust:
            self.import_button.setToolTip(tr("Trust the office first (above)."))
        else:
            self.import_button.setToolTip("")

    def _kind_changed(self, _index: int) -> None:
        self.changes_filter.set_kind(str(self.kind_combo.currentData() or ""))
        if self.changes_filter.rowCount():
            self.changes_view.selectRow(0)
        else:
            self.diff_model.set_change(None)

    def _change_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        source = self.changes_filter.mapToSource(indexes[0])
        self.show_change(source.row())

    def show_change(self, row: int) -> None:
        """Show the differences of the plan's `row`th change."""
        change = self.changes_model.change_at(row)
        self.diff_model.set_change(change)
        self.diff_title.setText(change_heading(change))

    def _import_clicked(self) -> None:
        if not self.trust or self._busy:
            return
        self.import_requested.emit(self.trust)

    def _cancel_clicked(self) -> None:
        if self._busy:
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(tr("Cancelling…"))
            self.cancel_requested.emit()
        else:
            self.reject()

    def set_busy(self, busy: bool) -> None:
        """While the import runs: progress shown, Import disabled, Cancel stops the import."""
        self._busy = busy
        self.progress_label.setVisible(busy)
        self.progress_bar.setVisible(busy)
        self.trust_check.setEnabled(not busy)
        self.cancel_button.setEnabled(True)
        if busy:
            self.progress_label.setText(tr("Backing up the catalogue…"))
            self.progress_bar.setRange(0, 0)
        self._update_import_button()

    def show_progress(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        if total:
            self.progress_bar.setValue(min(done, total))
        if text:
            self.progress_label.setText(text)

    def reject(self) -> None:
        if self._busy:  # Escape or the close button while importing: ask the import to stop
            self._cancel_clicked()
            return
        super().reject()


class PreviewDialog(ChangesPreview[ImportPlan]):
    """The preview of a bundle: who signed it and whether this office trusts them."""

    def _title(self) -> str:
        bundle = self.plan.bundle
        name = bundle.path.name if bundle.path is not None else tr("bundle")
        return tr("Import {name}").format(name=name)

    def _signer_box(self) -> QGroupBox:
        plan, bundle = self.plan, self.plan.bundle
        signer = plan.signer
        reference = signer.status == SignerStatus.REFERENCE
        box = QGroupBox(tr("Source") if reference else tr("Signed by"), self)
        form = QFormLayout(box)
        name = (
            tr("The network's reference data, release {release}").format(
                release=max(bundle.manifest.knowledge.values(), default=0)
            )
            if reference
            else signer.name
        )
        office = QLabel(f"<b>{escape(name)}</b>", box)
        office.setTextFormat(Qt.TextFormat.RichText)
        office.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(tr("Data:") if reference else tr("Office:"), office)
        self.fingerprint_label = fingerprint_label(signer.fingerprint, box)
        if not reference:  # it is part of the program: there is no key to compare
            form.addRow(tr("Key fingerprint:"), self.fingerprint_label)
        else:
            self.fingerprint_label.hide()
        self.trust_label = QLabel(self._trust_text(), box)
        self.trust_label.setWordWrap(True)
        status_row = QHBoxLayout()
        icon = QLabel(box)
        pixmap = (
            QStyle.StandardPixmap.SP_DialogApplyButton
            if signer.trusted
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(16, 16))
        status_row.addWidget(icon)
        status_row.addWidget(self.trust_label, 1)
        form.addRow(tr("Trust:"), status_row)
        self.trust_check = QCheckBox(
            tr("I have compared this fingerprint with the one the office gave me: trust it"), box
        )
        self.trust_check.setVisible(not signer.trusted)
        self.trust_check.toggled.connect(self._update_import_button)
        if not signer.trusted:
            form.addRow("", self.trust_check)
        if reference:
            return box
        made = tr("{when}, {scope}; {size}: {contents}").format(
            when=when_text(bundle.manifest.created_at),
            scope=tr("changes made for this office")
            if bundle.manifest.scope == "for-office"
            else tr("the whole catalogue"),
            size=size_text(bundle.size),
            contents=counts_text(bundle.counts),
        )
        made_label = QLabel(made, box)
        made_label.setWordWrap(True)
        form.addRow(tr("Bundle:"), made_label)
        return box

    def _trust_text(self) -> str:
        return trust_text(self.plan.signer.status)

    def _summary_text(self) -> str:
        return summary_text(self.plan)

    @property
    def trust(self) -> bool:
        return self.plan.signer.trusted or self.trust_check.isChecked()
