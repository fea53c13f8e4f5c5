"""What an empty table says instead of staying blank: why, and the way out.

"No city matches “xyz” — Clear filters" over the table when the filters hide every
record; "No deleted cities" in an empty Recently deleted view. The link clears the
filters.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from ccn_desktop.catalogue.entities import EntitySpec
from ccn_desktop.ui.labels import entity_label


class EmptyResultNote(QLabel):
    """A centred note on the table's viewport, shown while the table has no rows."""

    def __init__(self, table: QAbstractItemView, clear: Callable[[], None]) -> None:
        super().__init__(table.viewport())
        self.setObjectName("emptyResultNote")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setContentsMargins(16, 16, 16, 16)
        self.linkActivated.connect(lambda _link: clear())
        self._table = table
        table.viewport().installEventFilter(self)
        self.hide()

    def say(self, text: str, *, clear_link: str = "") -> None:
        """Show `text` (plain), followed by a link to clear the filters when given."""
        from html import escape

        html = escape(text)
        if clear_link:
            html += f' — <a href="clear">{escape(clear_link)}</a>'
        self.setText(html)
        self.setAccessibleName(f"{text} — {clear_link}" if clear_link else text)
        self._place()
        self.show()

    def explain(self, spec: EntitySpec, text: str, filtered: bool, deleted_view: bool) -> None:
        """The note for an empty table of `spec`'s records (nothing in an empty catalogue:
        its form offers a new record there)."""
        record = entity_label(spec).lower()
        text = text.strip()
        if not filtered:
            if not deleted_view:
                self.hide()
                return
            records = entity_label(spec, plural=True).lower()
            self.say(self.tr("No deleted {records}").format(records=records))
        elif text:
            self.say(
                self.tr("No {record} matches “{text}”").format(record=record, text=text),
                clear_link=self.tr("Clear filters"),
            )
        else:
            self.say(
                self.tr("No {record} matches these filters").format(record=record),
                clear_link=self.tr("Clear filters"),
            )

    def plain_text(self) -> str:
        return self.accessibleName()

    def _place(self) -> None:
        viewport = self._table.viewport()
        self.setGeometry(0, 0, viewport.width(), min(viewport.height(), 120))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
