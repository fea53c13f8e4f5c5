"""`RecordForm`: the editor of one city, conference or project, built from its EntitySpec.

Fields come in the spec's groups and order (titled boxes, top to bottom, in a
scroll area). The form checks its values as the user types with the catalogue's
own rules (`Catalogue.validate`, after a short pause), marks each invalid field
and writes the reason under it — in a new record only once the field was touched
or Save was pressed, so an empty form is not a wall of red. It never writes: the
window saves `values()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ccn_desktop.catalogue.entities import ENTITIES, FieldSpec, Kind
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.regions import region_for_country
from ccn_desktop.catalogue.validation import Problem
from ccn_desktop.ui.forms.code_picker import CodePicker
from ccn_desktop.ui.forms.editor_base import FieldEditor, problem_colour
from ccn_desktop.ui.forms.editors import ChoiceEditor
from ccn_desktop.ui.forms.field_rows import field_label, make_editor, row_title
from ccn_desktop.ui.forms.links_editor import LinksEditor
from ccn_desktop.ui.forms.monitoring_due import MonitoringDueLabel
from ccn_desktop.ui.forms.relations import RelationsBox
from ccn_desktop.ui.forms.wheel_guard import guard_wheel

VALIDATION_DELAY_MS = 200


class RecordForm(QWidget):
    """Edit one record of `entity`. Load a snapshot, read `values()`, watch the signals."""

    dirtyChanged = Signal(bool)
    validityChanged = Signal(bool)
    linkActivated = Signal(str, str)  # entity, uuid: the user asks to follow a relation

    def __init__(self, catalogue: Catalogue, entity: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.entity = entity
        self.spec = ENTITIES[entity]
        self.setObjectName(f"{entity}Form")
        self.setAccessibleName(self.tr("%1 form").replace("%1", self.tr(self.spec.label)))
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        self.group_boxes: dict[str, QGroupBox] = {}
        self.monitoring_label: MonitoringDueLabel | None = None
        self.relations: RelationsBox | None = None
        self._seen_version: dict[str, int] | None = None
        self._extra_labels: list[QLabel] = []
        self._uuid: str | None = None
        self._baseline: dict[str, Any] = {}
        self._dirty = False
        self._valid = False
        self._problems: list[Problem] = []
        self._touched: set[str] = set()  # fields the user changed since the last load
        self._reveal_all = False  # every problem shown (a stored record, or after Save)
        self._hidden = False  # some problem is not shown yet
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        self._build()
        self.load(None)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area)
        content = QWidget(self.scroll_area)
        content.setObjectName("formContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(10)
        self.banner = QLabel(content)  # problems that belong to no field shown here
        self.banner.setWordWrap(True)
        self.banner.hide()
        column.addWidget(self.banner)
        used_mnemonics: set[str] = set()
        for group, fields in self.spec.groups():
            box = QGroupBox(self.tr(group), content)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.setVerticalSpacing(2)  # each field keeps a line for its reason below it
            for spec in fields:
                self._add_field(box, form, spec, used_mnemonics)
                if spec.name == "report_dates" and self.entity == "city":
                    self._add_monitoring_row(box, form)
                if spec.name == "longitude" and self.entity == "city":
                    self._add_location_row(box, form)
            self.group_boxes[group] = box
            column.addWidget(box)
            if self.entity == "city" and self.relations is None:
                # Right under the identity, not after a long form: where a city took part.
                self.relations = RelationsBox(self.catalogue, content)
                self.relations.linkActivated.connect(self.linkActivated)
                column.addWidget(self.relations)
        column.addStretch(1)
        self.scroll_area.setWidget(content)
        guard_wheel(content)  # scrolling the form changes no field on the way
        # One label column for every box, so fields line up from box to box.
        labels = [*self.labels.values(), *self._extra_labels]
        if self.relations is not None:
            labels.extend(self.relations.row_labels)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _add_location_row(self, box: QGroupBox, form: QFormLayout) -> None:
        """A small map under the coordinates (drawn when shown, not at start-up)."""
        from ccn_desktop.ui.forms.location_preview import LocationPreview

        self.location_preview = LocationPreview(box)
        self.location_preview.setObjectName("locationPreview")
        title = row_title(self.tr("Map"), box)
        self._extra_labels.append(title)
        form.addRow(title, self.location_preview)

    def _update_location(self) -> None:
        preview = getattr(self, "location_preview", None)
        if preview is not None:
            values = self.values()
            preview.set_location(
                values.get("latitude"), values.get("longitude"), values.get("country_code")
            )

    def _add_monitoring_row(self, box: QGroupBox, form: QFormLayout) -> None:
        """A read-only row under the report dates: when the next report is due."""
        self.monitoring_label = MonitoringDueLabel(box)
        title = row_title(self.tr("Next report due"), box)
        self._extra_labels.append(title)
        form.addRow(title, self.monitoring_label)

    def _add_field(
        self, box: QGroupBox, form: QFormLayout, spec: FieldSpec, used: set[str]
    ) -> None:
        editor = make_editor(spec, self.catalogue, box)
        editor.setObjectName(f"field_{spec.name}")
        label = field_label(spec, editor, used, box)
        editor.changed.connect(lambda name=spec.name: self._edited(name))
        if isinstance(editor, CodePicker) and spec.kind == Kind.COUNTRY:
            editor.picked.connect(self._country_picked)
        if isinstance(editor, LinksEditor):
            editor.linkActivated.connect(self.linkActivated)
        form.addRow(label, editor)
        self.editors[spec.name] = editor
        self.labels[spec.name] = label

    # -- the contract ----------------------------------------------------------------------

    @property
    def current_uuid(self) -> str | None:
        """The UUID of the loaded record; None for a new one."""
        return self._uuid

    @property
    def seen_version(self) -> dict[str, int] | None:
        """The version of the record the form was loaded with: a save names it, so a record
        that moved on meanwhile is not overwritten blindly."""
        return self._seen_version

    def load(self, snapshot: Mapping[str, Any] | None, *, defaults: bool = True) -> None:
        """Show a record's snapshot (None: an empty form for a new record, with the usual
        answers of required choices unless `defaults` is false); not dirty after."""
        self._timer.stop()
        self._uuid = str(snapshot["uuid"]) if snapshot and snapshot.get("uuid") else None
        version = snapshot.get("version") if snapshot else None
        self._seen_version = dict(version) if isinstance(version, dict) else None
        self._touched.clear()
        self._reveal_all = snapshot is not None  # a stored record's problems are news
        self._loading = True
        try:
            for spec in self.spec.fields:
                if snapshot:
                    value = snapshot.get(spec.name, spec.empty())
                else:
                    value = spec.initial() if defaults else spec.empty()
                self.editors[spec.name].set_value(value)
        finally:
            self._loading = False
        self._baseline = self.values()
        if self.relations is not None:
            self.relations.load(self._uuid)
        self._update_monitoring()
        self._update_location()
        self._set_dirty(False)
        self.validate_now()
        self.scroll_area.verticalScrollBar().setValue(0)

    def values(self) -> dict[str, Any]:
        """Every field's value, in the shape `Catalogue.add` and `Catalogue.update` accept."""
        return {name: editor.value() for name, editor in self.editors.items()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Put values in the form as an edit (Duplicate, undo): the form may become dirty.

        Names that are not fields (meta fields of a snapshot) are ignored.
        """
        self._timer.stop()
        self._loading = True
        try:
            for name, value in values.items():
                if name in self.editors:
                    self.editors[name].set_value(value)
        finally:
            self._loading = False
        current = self.values()
        self._touched.update(name for name in values if name in self.editors)
        self._touched.difference_update(
            name for name in self.editors if current[name] == self._baseline.get(name)
        )
        self._update_monitoring()
        self._update_location()
        self._set_dirty(self.values() != self._baseline)
        self.validate_now()

    def is_dirty(self) -> bool:
        return self._dirty

    def is_valid(self) -> bool:
        """Whether the last check found no problem (see `validate_now` to check at once)."""
        return self._valid

    def revert(self) -> None:
        """Back to the values last loaded."""
        self.set_values(self._baseline)

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def validate_now(self) -> list[Problem]:
        """Check the current values at once (a pending check is not waited for)."""
        self._timer.stop()
        problems = self.catalogue.validate(self.entity, self.values(), self._uuid)
        self._display(problems)
        return problems

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Mark every field these problems name, touched or not (the catalogue refused a
        save); clear the others."""
        self._reveal_all = True
        self._display(list(problems))

    def has_hidden_problems(self) -> bool:
        """Whether a problem waits unshown in a field nobody touched yet (a new record)."""
        return self._hidden

    def _shown(self, field: str | None) -> bool:
        return self._reveal_all or field in self._touched

    def _display(self, problems: list[Problem]) -> None:
        self._problems = problems
        by_field: dict[str, list[str]] = {}
        loose: list[str] = []
        hidden = False
        for problem in self._problems:
            if not self._shown(problem.field):
                hidden = True
            elif problem.field in self.editors:
                by_field.setdefault(problem.field, []).append(problem.message)
            else:
                loose.append(str(problem))
        for name, editor in self.editors.items():
            messages = by_field.get(name)
            editor.set_problem("; ".join(dict.fromkeys(messages)) if messages else None)
        self.banner.setText("\n".join(loose))
        palette = self.banner.palette()
        palette.setColor(QPalette.ColorRole.WindowText, problem_colour(self))
        self.banner.setPalette(palette)
        self.banner.setVisible(bool(loose))
        valid = not self._problems
        if (valid, hidden) != (self._valid, self._hidden):
            self._valid, self._hidden = valid, hidden
            self.validityChanged.emit(valid)

    def focus_first_invalid(self) -> bool:
        """Scroll to and focus the first field (in reading order) with a problem."""
        for spec in self.spec.fields:
            editor = self.editors[spec.name]
            if editor.problem() is not None:
                self.scroll_area.ensureWidgetVisible(editor, 0, 40)
                editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def focus_first_field(self) -> bool:
        """Put the cursor in the first field that takes input (New, Enter from the table)."""
        for spec in self.spec.fields:
            widget = self.editors[spec.name].focus_widget()
            if widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                self.scroll_area.ensureWidgetVisible(self.editors[spec.name], 0, 40)
                widget.setFocus(Qt.FocusReason.TabFocusReason)  # styles draw the focus frame
                return True
        return False

    def editor(self, name: str) -> FieldEditor:
        return self.editors[name]

    # -- reacting to edits -----------------------------------------------------------------

    def _edited(self, name: str | None = None) -> None:
        if self._loading:
            return
        if name is not None:
            self._touched.add(name)
        self._update_monitoring()
        self._update_location()
        self._set_dirty(self.values() != self._baseline)
        self._timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _country_picked(self, code: str) -> None:
        """A chosen country fills the country name, and the region when none is set yet."""
        editor = self.editors.get("country_code")
        if "country" in self.editors and isinstance(editor, CodePicker):
            self.editors["country"].set_value(editor.name_of(code))
        region_editor = self.editors.get("region")
        if isinstance(region_editor, ChoiceEditor) and not region_editor.value():
            region = region_for_country(code)
            if region:
                region_editor.set_value(region)
        self._edited()

    def _update_monitoring(self) -> None:
        if self.monitoring_label is not None:
            self.monitoring_label.show_due(
                self.editors["designation_year"].value(),
                self.editors["report_dates"].value(),
                self,
            )
