"""`install_exchange_actions`: menus, the review count in the status bar, dropping a bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.exchange.actions import ExchangeActions, install_exchange_actions
from ccn_desktop.ui.exchange.conflicts import ConflictsDialog
from ccn_desktop.ui.exchange.drop import dropped_bundle
from ccn_desktop.ui.main_window import MainWindow
from tests.ui.exchange.conftest import MakeOffice
from tests.ui.exchange.exchanging import WAIT, export_in_window
from tests.ui.exchange.test_conflicts import make_conflict


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def install(qtbot: QtBot, catalogue: Catalogue) -> tuple[MainWindow, ExchangeActions, list[str]]:
    window = MainWindow(catalogue)
    qtbot.addWidget(window)
    window.show()
    refreshed: list[str] = []
    actions = install_exchange_actions(window, lambda: refreshed.append("refresh"))
    return window, actions, refreshed


def test_the_actions_go_into_the_file_menu_and_an_exchange_menu(
    qtbot: QtBot, make_office: MakeOffice
) -> None:
    window, actions, _refreshed = install(qtbot, make_office("Dakar"))
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert menu_texts(menus["File"]) == ["Import bundle…", "Export bundle…"]
    assert menu_texts(menus["Exchange"]) == [
        "Import bundle…", "Export bundle…", "Conflicts…", "Likely duplicates…", "Offices…",
        "Exchange log…", "Undo", "Redo",
    ]  # fmt: skip
    assert actions.review_label is not None and actions.review_label.isHidden()
    assert actions.import_action.isEnabled() and actions.export_action.isEnabled()
    dialog = actions.show_offices()
    assert dialog.objectName() == "offices" and dialog.isVisible()
    dialog.name_edit.setText("Dakar office")
    dialog.rename_button.click()
    assert window.windowTitle().endswith("Dakar office")
    dialog.reject()


def test_a_window_with_its_own_extension_points_gets_the_actions_there(
    qtbot: QtBot, make_office: MakeOffice
) -> None:
    """The main window being rewritten offers add_file_action, undo_stack and review_label."""

    class Window(QMainWindow):
        def __init__(self, catalogue: Catalogue) -> None:
            super().__init__()
            self.catalogue = catalogue
            self.added: list[tuple[str, bool]] = []
            self.review_label = QLabel("2 records need review", self)
            self.office_label = QLabel(f"Office: {catalogue.office.name}", self)
            from PySide6.QtGui import QUndoStack

            self.undo_stack = QUndoStack(self)
            self.writes: list[str] = []

        def add_file_action(self, action: object, *, toolbar: bool = True) -> None:
            self.added.append((action.text().replace("&", ""), toolbar))  # type: ignore[attr-defined]

        def apply_write(self, entity: str, uuid: str, write: object) -> bool:
            self.writes.append(uuid)
            write()  # type: ignore[operator]
            return True

    window = Window(make_office("Dakar"))
    qtbot.addWidget(window)
    actions = install_exchange_actions(window, lambda: None)
    assert window.added == [("Import bundle…", True), ("Export bundle…", True)]
    assert actions.undo_stack is window.undo_stack and actions.host is window
    assert actions.review_label is None  # the window counts reviews itself
    exchange = next(a.menu() for a in window.menuBar().actions() if "xchange" in a.text())
    assert "Undo" not in menu_texts(exchange)
    qtbot.mouseClick(window.review_label, Qt.MouseButton.LeftButton)  # opens the conflicts
    assert isinstance(actions.dialog, ConflictsDialog)
    actions.dialog.reject()
    offices = actions.show_offices()
    offices.name_edit.setText("Bureau de Dakar")
    offices.rename_button.click()
    assert window.office_label.text() == "Office: Bureau de Dakar"


def test_the_status_bar_counts_records_to_review_and_opens_them(
    qtbot: QtBot, window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    _dakar, regional, uuid = make_conflict(qtbot, window, make_office, stick)
    _main, actions, _refreshed = install(qtbot, regional)
    label = actions.review_label
    assert label is not None and not label.isHidden()
    assert "1 record needs review" in label.text()
    assert actions.conflicts_action.text() == "&Conflicts (1)…"
    label.linkActivated.emit("#conflicts")
    assert isinstance(actions.dialog, ConflictsDialog) and actions.dialog.isVisible()
    review = actions.dialog.open_review()
    assert review is not None and review.save()
    assert label.isHidden() and actions.conflicts_action.text() == "&Conflicts…"
    assert actions.undo_stack.count() == 1
    actions.undo_action.trigger()
    assert regional.conflict_versions("city", uuid) == []  # undo writes, never re-conflicts


def _drag(path: Path, window: QMainWindow) -> tuple[QDragEnterEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, event)
    return event, mime


def test_dropping_a_bundle_on_the_window_imports_it(
    qtbot: QtBot, window: QMainWindow, make_office: MakeOffice, stick: Path
) -> None:
    dakar = make_office("Dakar")
    path = export_in_window(qtbot, window, dakar, stick).path
    main, actions, refreshed = install(qtbot, make_office("Regional office"))
    assert main.acceptDrops()
    text_file = stick / "notes.txt"
    text_file.write_text("not a bundle")
    refused, _mime = _drag(text_file, main)
    assert not refused.isAccepted()
    entered, mime = _drag(path, main)
    assert entered.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(main, drop)
    assert drop.isAccepted()
    importer = actions.importer
    qtbot.waitUntil(lambda: importer.preview is not None, timeout=WAIT)
    importer.preview.trust_check.setChecked(True)
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        importer.preview.import_button.click()
    assert refreshed == ["refresh"]


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
        _window, actions, _refreshed = install(qtbot, read_only)
        assert not actions.import_action.isEnabled()
        assert not actions.export_action.isEnabled()
        actions.import_bundle(tmp_path / "x.ccnbundle.json")
        assert "read-only" in actions.importer.message.text()
    finally:
        read_only.close()
    assert office.count("city") == 0
