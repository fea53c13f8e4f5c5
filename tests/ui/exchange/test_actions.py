"""The exchange in the main window: menus, toolbar, the review count in the status bar,
undo of a review, dropping a bundle; and `install_exchange_actions` on a plain window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.exchange.actions import ExchangeActions, install_exchange_actions
from ccn_desktop.ui.exchange.conflicts import ConflictsDialog
from ccn_desktop.ui.exchange.drop import dropped_bundle
from ccn_desktop.ui.main_window import MainWindow
from tests.helpers import city_values
from tests.ui.conftest import open_window
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import WAIT, export_in_window
from tests.ui.exchange.test_conflicts import make_conflict


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def menus(window: QMainWindow) -> dict[str, QMenu]:
    return {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}


def exchange_of(window: MainWindow) -> ExchangeActions:
    actions = window.exchange_actions
    assert isinstance(actions, ExchangeActions)
    return actions


def test_the_window_has_the_exchange_in_its_file_menu_toolbar_and_an_exchange_menu(
    qtbot: QtBot, make_office: MakeOffice
) -> None:
    window = open_window(qtbot, make_office("Dakar"))
    actions = exchange_of(window)
    file_menu = menu_texts(menus(window)["File"])
    assert file_menu.index("Import bundle…") < file_menu.index("Quit")
    assert "Export bundle…" in file_menu
    assert actions.import_action in window.toolbar.actions()
    assert actions.export_action in window.toolbar.actions()
    assert menu_texts(menus(window)["Exchange"]) == [
        "Sync with a stick or folder…", "Import bundle…", "Export bundle…", "Conflicts…",
        "Likely duplicates…", "Update reference data…", "Offices…", "Exchange log…",
    ]  # fmt: skip
    assert list(menus(window)) == ["File", "Edit", "View", "Exchange", "Help"]
    # The window's undo stack, status bar count and writes are used, not ours.
    assert actions.undo_stack is window.undo_stack and actions.host is window
    assert actions.review_label is None
    dialog = actions.show_offices()
    dialog.name_edit.setText("Bureau de Dakar")
    dialog.rename_button.click()
    assert "Bureau de Dakar" in window.windowTitle()
    assert window.office_label.text() == "Office: Bureau de Dakar"
    dialog.reject()


def test_a_plain_window_gets_a_file_menu_its_own_undo_and_review_count(
    qtbot: QtBot, make_office: MakeOffice
) -> None:
    class Plain(QMainWindow):
        def __init__(self, catalogue: Catalogue) -> None:
            super().__init__()
            self.catalogue = catalogue

    window = Plain(make_office("Dakar"))
    qtbot.addWidget(window)
    refreshed: list[bool] = []
    actions = install_exchange_actions(window, lambda: refreshed.append(True))
    assert menu_texts(menus(window)["File"]) == ["Import bundle…", "Export bundle…"]
    assert menu_texts(menus(window)["Exchange"])[-2:] == ["Undo", "Redo"]
    assert actions.review_label is not None and actions.review_label.isHidden()
    assert actions.host is not window and actions.undo_stack.count() == 0


def test_the_status_bar_counts_records_to_review_and_a_review_can_be_undone(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    _dakar, regional, uuid = make_conflict(qtbot, bare_window, make_office, stick)
    window = open_window(qtbot, regional)
    actions = exchange_of(window)
    assert window.review_label.isVisible() and window.review_label.text() == (
        "1 record needs review"
    )
    assert actions.conflicts_action.text() == "&Conflicts (1)…"
    qtbot.mouseClick(window.review_label, Qt.MouseButton.LeftButton)  # opens the conflicts
    dialog = actions.dialog
    assert isinstance(dialog, ConflictsDialog) and dialog.isVisible()
    review = dialog.open_review()
    assert review is not None
    shown_before = review.versions[0]
    review.all_buttons[review.theirs].click()
    assert review.save()
    assert window.review_label.isHidden() and actions.conflicts_action.text() == "&Conflicts…"
    assert window.undo_stack.count() == 1
    assert window.undo_action.text().startswith("&Undo Resolve the conflict in")
    assert regional.get("city", uuid)["notes"] == "Festival in May"
    dialog.reject()
    window.undo_action.trigger()  # Edit ▸ Undo
    assert regional.get("city", uuid)["notes"] == shown_before["notes"]
    assert window.current_tab().current_uuid == uuid  # the window shows the record undone
    assert regional.conflict_versions("city", uuid) == []  # undo writes, never re-conflicts
    window.redo_action.trigger()
    assert regional.get("city", uuid)["notes"] == "Festival in May"


def test_unsaved_changes_in_the_form_are_settled_before_an_import(
    qtbot: QtBot, make_office: MakeOffice, stick: Path
) -> None:
    office = make_office("Dakar")
    office.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    window = open_window(qtbot, office)
    actions = exchange_of(window)
    tab = window.current_tab()
    tab.select_row(0)
    tab.form.set_values({"notes": "typed, not saved"})
    assert tab.is_dirty
    asked: list[str] = []

    def answer_cancel() -> None:  # the window's own question, answered as a user would
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer_cancel)
    actions.import_bundle(stick / "any.ccnbundle.json")
    assert asked and asked[0].startswith("Save your changes to")
    assert actions.importer.task is None and actions.importer.message is None
    assert tab.is_dirty  # nothing lost, nothing imported
    QTimer.singleShot(0, answer_cancel)
    assert actions.export() is None  # the bundle would not hold what was typed
    assert len(asked) == 2 and tab.is_dirty


def _drag(path: Path, window: QMainWindow) -> tuple[QDragEnterEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, event)
    return event, mime


def test_dropping_a_bundle_on_the_window_imports_it_and_the_tables_follow(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    regional = make_office("Regional office")
    regional.add("city", city_values(name="Östersund", country_code="SE", country="Sweden"))
    window = open_window(qtbot, regional)
    tab = window.current_tab()
    tab.select_row(0)
    selected = tab.current_uuid
    assert window.acceptDrops() and tab.model.rowCount() == 1
    text_file = stick / "notes.txt"
    text_file.write_text("not a bundle")
    refused, _mime = _drag(text_file, window)
    assert not refused.isAccepted()
    entered, mime = _drag(path, window)
    assert entered.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    importer = exchange_of(window).importer
    qtbot.waitUntil(lambda: importer.preview is not None, timeout=WAIT)
    importer.preview.trust_check.setChecked(True)
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        importer.preview.import_button.click()
    assert tab.model.rowCount() == 2  # refreshed in place…
    assert tab.current_uuid == selected and tab.selected_uuids() == [selected]  # …selection kept


def test_what_a_drag_may_carry(tmp_path: Path) -> None:
    mime = QMimeData()
    assert dropped_bundle(mime) is None
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.ccnbundle.json"))])
    assert dropped_bundle(mime) == tmp_path / "a.ccnbundle.json"
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.json")), QUrl.fromLocalFile("/b.json")])
    assert dropped_bundle(mime) is None  # one file at a time
    mime.setUrls([QUrl("https://example.org/a.ccnbundle.json")])
    assert dropped_bundle(mime) is None


def test_a_read_only_catalogue_cannot_import_or_export(
    qtbot: QtBot, make_office: MakeOffice, tmp_path: Path
) -> None:
    office = make_office("Dakar")
    paths = DataPaths.in_folder(tmp_path / "offices" / "Dakar")
    read_only = Catalogue.open(paths, read_only=True)
    try:
        window = open_window(qtbot, read_only)
        actions = exchange_of(window)
        assert not actions.import_action.isEnabled()
        assert not actions.export_action.isEnabled()
        actions.import_bundle(tmp_path / "x.ccnbundle.json")
        assert "read-only" in actions.importer.message.text()
        window.close()
    finally:
        read_only.close()
    assert office.count("city") == 0


def test_restoring_the_backup_made_before_an_import_from_the_exchange_log(
    qtbot: QtBot, bare_window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    dakar.add("city", city_values(name="Niš", country_code="RS", country="Serbia"))
    path = export_in_window(qtbot, bare_window, dakar, stick).path
    regional = make_office("Regional office")
    regional.add("city", city_values(name="Östersund", country_code="SE", country="Sweden"))
    window = open_window(qtbot, regional)
    actions = exchange_of(window)
    importer = actions.importer
    actions.import_bundle(path)
    qtbot.waitUntil(lambda: importer.preview is not None, timeout=WAIT)
    importer.preview.trust_check.setChecked(True)
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        importer.preview.import_button.click()
    importer.message.button(QMessageBox.StandardButton.Close).click()
    assert window.tab_for("city").model.rowCount() == 2
    window.catalogue.update("city", window.catalogue.uuid_of("city", 1), {"notes": "after"})

    log = actions.show_log()
    assert not log.restore_button.isHidden()
    log.view.selectRow(0)
    assert log.model.entry_at(0).direction == "import"
    log.restore_button.click()
    said: list[str] = []

    def close_the_report() -> None:  # the safety net says what it did, in a message box
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    log.confirm_button.click()
    QTimer.singleShot(0, close_the_report)  # runs inside the restore's own message box
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT)
    assert said[0].startswith("The catalogue was restored from the backup of")
    restored = window.catalogue
    assert restored is not regional  # the window works on the reopened catalogue
    assert restored.count("city") == 1 and window.tab_for("city").model.rowCount() == 1
    assert restored.get("city", restored.uuid_of("city", 1))["notes"] == ""
    assert any("before-restore" in p.name for p in restored.paths.backups_dir.iterdir())
    assert actions.catalogue is restored and actions.import_action.isEnabled()
    restored.close()
