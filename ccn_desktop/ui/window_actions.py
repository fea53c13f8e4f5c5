"""The main window's own actions (New, Save, Undo, Find, the tab shortcuts…), Back and
Forward between records, and where each action goes: to the current tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from ccn_desktop import APP_NAME
from ccn_desktop.ui.labels import entity_label
from ccn_desktop.ui.window_state import WindowState

if TYPE_CHECKING:
    from ccn_desktop.ui.main_window import MainWindow


class WindowActions(WindowState):
    """Mixed into MainWindow (see window_state.py for the attributes these methods use)."""

    # -- building ----------------------------------------------------------------------

    def _action(
        self: MainWindow,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
        icon: str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, QKeySequence.StandardKey):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            self.action_icons.set(action, icon)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _make_actions(self: MainWindow) -> None:
        self.new_action = self._action(
            self.tr("&New"), self.new_record, QKeySequence.StandardKey.New,
            "new", self.tr("Add a new record in this tab"),
        )  # fmt: skip
        self.duplicate_action = self._action(
            self.tr("D&uplicate"), self.duplicate_record, "Ctrl+D",
            "duplicate", self.tr("Start a new record with this one's values"),
        )  # fmt: skip
        self.save_action = self._action(
            self.tr("&Save"), self.save_record, QKeySequence.StandardKey.Save,
            "save", self.tr("Save the record's changes"),
        )  # fmt: skip
        self.revert_action = self._action(
            self.tr("Re&vert"), self.revert_record, None,
            "revert", self.tr("Put back the record's stored values"),
        )  # fmt: skip
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action(
            self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo, "undo"
        )
        self.redo_action = self._action(
            self.tr("&Redo"), self.redo, QKeySequence.StandardKey.Redo, "redo"
        )
        self.delete_action = self._action(
            self.tr("&Delete"), self.delete_record, QKeySequence.StandardKey.Delete,
            "delete", self.tr("Delete the record (it can be restored)"),
        )  # fmt: skip
        self.restore_action = self._action(
            self.tr("Res&tore"), self.restore_record, None, "restore",
            self.tr("Bring the deleted record back"),
        )  # fmt: skip
        self.find_action = self._action(
            self.tr("&Find"), self.focus_search, QKeySequence.StandardKey.Find, None,
            self.tr("Type to filter the records of this tab"),
        )  # fmt: skip
        self.clear_filters_action = self._action(
            self.tr("&Clear Filters"), lambda: self.current_tab().clear_filters(), "Ctrl+Shift+L"
        )
        self.deleted_action = self._action(
            self.tr("Recently &Deleted"), self._toggle_deleted_view, "Ctrl+Shift+D", None,
            self.tr("Show the deleted records of this tab"),
        )  # fmt: skip
        self.deleted_action.setCheckable(True)
        self.history_action = self._action(
            self.tr("&History Panel"), self._toggle_history, "Ctrl+Shift+H"
        )
        self.history_action.setCheckable(True)
        self.history_action.setChecked(True)
        self.tab_actions = []
        for number, tab in enumerate(self._tabs.values(), start=1):
            action = self._action(
                entity_label(tab.spec, plural=True),
                lambda _checked=False, tab=tab: self.tabs.setCurrentWidget(tab),
                f"Ctrl+{number}",
            )
            self.tab_actions.append(action)
        self.network_action = self._action(
            self.tr("&Network Overview"), self.show_network, "Ctrl+Shift+N", None,
            self.tr("Statistics and a world map of the member cities"),
        )  # fmt: skip
        self.about_action = self._action(
            self.tr("&About {app}").format(app=APP_NAME), self.show_about
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(self.tr("About &Qt"), QApplication.aboutQt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _make_navigation(self: MainWindow) -> None:
        """Back/Forward between linked records, and shortcuts that work in text fields."""
        from ccn_desktop.ui.record_navigation import Place, RecordNavigation
        from ccn_desktop.ui.window_shortcuts import WindowShortcuts

        def here() -> Place | None:
            tab = self.current_tab()
            uuid = tab.current_uuid if tab.detail_built else None
            return Place(tab.entity, uuid) if uuid else None

        def go(place: Place) -> bool:
            return self._go_to_record(place.entity, place.uuid)

        self.navigation = RecordNavigation(self, here, go)
        self.action_icons.set(self.navigation.back_action, "back")
        self.action_icons.set(self.navigation.forward_action, "forward")
        self.window_shortcuts = WindowShortcuts(self)

    # -- routing actions to the current tab ------------------------------------------------

    def new_record(self: MainWindow) -> None:
        self.current_tab().new_record()

    def duplicate_record(self: MainWindow) -> None:
        self.current_tab().duplicate_record()

    def save_record(self: MainWindow) -> None:
        self.current_tab().save()

    def revert_record(self: MainWindow) -> None:
        self.current_tab().revert()

    def delete_record(self: MainWindow) -> None:
        self.current_tab().delete_record()

    def restore_record(self: MainWindow) -> None:
        self.current_tab().restore()

    def focus_search(self: MainWindow) -> None:
        self.current_tab().focus_search()

    def undo(self: MainWindow) -> None:
        if self.undo_stack.canUndo() and self.current_tab().maybe_leave():
            self.undo_stack.undo()

    def redo(self: MainWindow) -> None:
        if self.undo_stack.canRedo() and self.current_tab().maybe_leave():
            self.undo_stack.redo()

    def _toggle_deleted_view(self: MainWindow, on: bool) -> None:
        self.current_tab().set_deleted_view(on)
        self._update_state()

    def _toggle_history(self: MainWindow, on: bool) -> None:
        for tab in self._tabs.values():
            if tab.detail_built:
                tab.history.setVisible(on)
