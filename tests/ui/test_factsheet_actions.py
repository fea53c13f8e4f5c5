"""Fact sheets from the window: preview, export, the booklet dialog and the menu actions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui import factsheet_actions, open_file
from ccn_desktop.ui.factsheet_actions import (
    BookletDialog,
    export_pdf,
    install_factsheet_actions,
    preview_size,
    print_preview,
)
from tests.factsheet.samples import BRAGA, KRAKOW, SARAJEVO


@pytest.fixture
def catalogue(starter_template: Path, tmp_path: Path) -> Iterator[Catalogue]:
    folder = tmp_path / "data"
    shutil.copytree(starter_template, folder)
    with Catalogue.open(DataPaths.in_folder(folder)) as opened:
        yield opened


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(factsheet_actions.PAPER_KEY, "Letter")
    settings.setValue(factsheet_actions.FOLDER_KEY, str(tmp_path))
    return settings


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        factsheet_actions, "show_error", lambda _parent, message: shown.append(message)
    )
    return shown


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[QPrintPreviewDialog]:
    opened: list[QPrintPreviewDialog] = []

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    return opened


def texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_print_preview_opens_on_the_city(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, previews: list, tmp_path: Path
) -> None:
    dialog = print_preview(None, catalogue, KRAKOW, settings)
    assert dialog is not None and previews == [dialog]
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Fact sheet: Kraków"
    size = dialog.printer().pageLayout().pageSize()
    assert size.id() == size.PageSizeId.Letter
    # What the preview (or the printer chosen from it) is given to paint: a QPrinter
    # (paper), here one that prints to a file.
    target = tmp_path / "painted.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    dialog.paintRequested.emit(printer)
    del printer  # finishes the file
    [text] = texts(target)
    assert text.startswith("Kraków Poland UNESCO Creative City Literature")
    assert "Kraków / Katowice" in text


def test_print_preview_of_an_unknown_city_says_so(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, previews: list, errors: list
) -> None:
    assert print_preview(None, catalogue, "no-such-uuid", settings) is None
    assert previews == []
    assert errors == ["No city no-such-uuid in this catalogue."]


def test_export_pdf_writes_where_the_user_chose(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    asked: list[Path] = []
    chosen = tmp_path / "out" / "braga.pdf"
    chosen.parent.mkdir()

    def choose(_parent: object, _title: str, suggested: Path) -> Path:
        asked.append(suggested)
        return chosen

    monkeypatch.setattr(factsheet_actions, "choose_save_path", choose)
    window = QMainWindow()
    qtbot.addWidget(window)
    assert export_pdf(window, catalogue, BRAGA, settings) == chosen
    assert asked == [tmp_path / "Braga fact sheet.pdf"]
    [text] = texts(chosen)
    assert text.startswith("Braga Portugal UNESCO Creative City Media Arts")
    assert float(PdfReader(chosen).pages[0].mediabox.height) == pytest.approx(792, abs=1)
    assert "Braga" in window.statusBar().currentMessage()
    assert settings.value(factsheet_actions.FOLDER_KEY) == str(chosen.parent)


def test_export_cancelled_or_failing_writes_nothing(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, errors: list,
) -> None:  # fmt: skip
    monkeypatch.setattr(factsheet_actions, "choose_save_path", lambda *_args: None)
    assert export_pdf(None, catalogue, BRAGA, settings) is None
    missing = tmp_path / "gone" / "x.pdf"
    monkeypatch.setattr(factsheet_actions, "choose_save_path", lambda *_args: missing)
    assert export_pdf(None, catalogue, BRAGA, settings) is None
    assert errors == [f"Cannot write {missing}: the folder {missing.parent} does not exist."]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "settings.ini"]


def booklet(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, selected: list, filtered: list
) -> BookletDialog:
    dialog = BookletDialog(None, catalogue, selected, filtered, settings)
    qtbot.addWidget(dialog)
    return dialog


def save(dialog: BookletDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_booklet_of_the_selection_in_a_worker_thread(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, tmp_path: Path
) -> None:
    dialog = booklet(qtbot, catalogue, settings, [SARAJEVO, KRAKOW], [BRAGA])
    assert dialog.selection_button.isChecked()
    assert dialog.selection_button.text() == "The selected cities (2)"
    assert dialog.paper_combo.currentText() == "Letter"
    assert dialog.target_edit.text() == str(tmp_path / "Selected cities fact sheets.pdf")
    dialog.paper_combo.setCurrentText("A4")
    with qtbot.waitSignal(dialog.written, timeout=60_000) as finished:
        save(dialog)
        assert dialog.task is not None and dialog.task.running  # on the worker, not here
    target, pages = finished.args
    assert (target, pages) == (tmp_path / "Selected cities fact sheets.pdf", 3)
    cover, first, second = texts(target)
    assert "2 fact sheets" in cover
    assert first.startswith("Sarajevo") and second.startswith("Kraków")
    assert float(PdfReader(target).pages[0].mediabox.height) == pytest.approx(842, abs=1)
    assert settings.value(factsheet_actions.PAPER_KEY) == "A4"
    assert dialog.result() == dialog.DialogCode.Accepted


def test_booklet_of_the_filtered_list_and_of_a_field(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, tmp_path: Path
) -> None:
    dialog = booklet(qtbot, catalogue, settings, [SARAJEVO], [BRAGA, KRAKOW])
    assert dialog.filtered_button.isChecked()
    target = tmp_path / "filtered.pdf"
    dialog.target_edit.setText(str(target))
    with qtbot.waitSignal(dialog.written, timeout=60_000):
        save(dialog)
    assert [text.split(" ")[0] for text in texts(target)[1:]] == ["Braga", "Kraków"]

    dialog = booklet(qtbot, catalogue, settings, [], [])
    assert dialog.field_button.isChecked() and not dialog.selection_button.isEnabled()
    dialog.field_combo.setCurrentIndex(dialog.field_combo.findData("Architecture"))
    assert dialog.field_combo.currentText() == "Architecture (5)"
    expected = tmp_path / "UNESCO Creative Cities of Architecture fact sheets.pdf"
    assert dialog.target_edit.text() == str(expected)
    with qtbot.waitSignal(dialog.written, timeout=60_000):
        save(dialog)
    pages = texts(expected)
    assert len(pages) == 6 and pages[0].startswith("City fact sheets UNESCO Creative Cities of")


def test_cancel_leaves_no_file(qtbot: QtBot, catalogue: Catalogue, settings: QSettings,
                               tmp_path: Path) -> None:  # fmt: skip
    dialog = booklet(qtbot, catalogue, settings, [], [])
    dialog.field_combo.setCurrentIndex(dialog.field_combo.findData("Music"))
    target = tmp_path / "music.pdf"
    dialog.target_edit.setText(str(target))
    with qtbot.waitSignal(dialog.stopped, timeout=60_000):
        save(dialog)
        assert dialog.progress is not None
        dialog.progress.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert dialog.error_label.text() == "Cancelled: no file was written."
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "settings.ini"]
    assert dialog.task is None and dialog.buttons.isEnabled() and dialog.isVisible() is False


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing/x.pdf", "the folder {tmp}/missing does not exist."), ("", "Choose the PDF file")],
)
def test_booklet_refuses_bad_targets(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, tmp_path: Path,
    target: str, message: str,
) -> None:  # fmt: skip
    dialog = booklet(qtbot, catalogue, settings, [SARAJEVO], [])
    dialog.target_edit.setText(str(tmp_path / target) if target else "")
    save(dialog)
    assert dialog.task is None
    assert message.format(tmp=tmp_path) in dialog.error_label.text()
    assert not dialog.error_label.isHidden()


def test_booklet_refuses_an_empty_choice(
    qtbot: QtBot, empty_catalogue: Catalogue, settings: QSettings
) -> None:
    dialog = booklet(qtbot, empty_catalogue, settings, [], [])
    assert dialog.field_combo.currentText() == "Architecture (0)"
    save(dialog)
    assert dialog.error_label.text() == "No city is chosen, so there is no fact sheet to print."
    assert dialog.task is None


class Window(QMainWindow):
    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.file_actions: list = []

    def add_file_action(self, action: object, *, toolbar: bool = True) -> None:
        self.file_actions.append(action)


def test_install_uses_add_file_action_when_the_window_has_it(
    qtbot: QtBot, catalogue: Catalogue, previews: list, errors: list
) -> None:
    window = Window(catalogue)
    qtbot.addWidget(window)
    selected: list[str] = []
    actions = install_factsheet_actions(window, lambda: selected, lambda: [])
    assert window.file_actions == [actions.print_sheet, actions.export_pdf, actions.booklet,
                                   actions.paper, actions.language]  # fmt: skip
    assert actions.print_sheet.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    actions.print_sheet.trigger()
    assert errors == ["Select a city in the Cities tab first."] and previews == []
    selected.extend([SARAJEVO, BRAGA])
    actions.print_sheet.trigger()
    assert [dialog.windowTitle() for dialog in previews] == ["Fact sheet: Sarajevo"]
    letter = next(a for a in actions.paper.menu().actions() if a.text() == "Letter")
    letter.trigger()
    assert factsheet_actions.factsheet_settings(catalogue).value("factsheet/paper") == "Letter"
    assert letter.isChecked()
    french = next(a for a in actions.language.menu().actions() if a.text() == "Français")
    french.trigger()
    assert factsheet_actions.factsheet_settings(catalogue).value("factsheet/language") == "fr"


def test_install_falls_back_to_the_file_menu(qtbot: QtBot, catalogue: Catalogue) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    existing = window.menuBar().addMenu("&File")
    existing.addAction("Quit")
    install_factsheet_actions(window, lambda: [], lambda: [], catalogue)
    menus = [action.menu() for action in window.menuBar().actions()]
    assert menus == [existing]
    assert [action.text() for action in existing.actions()] == [
        "Quit", "&Print fact sheet…", "&Export fact sheet as PDF…", "Fact &sheets for…",
        "Fact sheet paper size", "Fact sheet language",
    ]  # fmt: skip


def test_the_actions_follow_the_catalogue_a_restore_reopens(
    qtbot: QtBot, catalogue: Catalogue, tmp_path: Path, previews: list, errors: list
) -> None:
    window = Window(catalogue)
    qtbot.addWidget(window)
    actions = install_factsheet_actions(window, lambda: [KRAKOW], lambda: [])
    folder = tmp_path / "restored"
    shutil.copytree(catalogue.paths.data_dir, folder)
    with Catalogue.open(DataPaths.in_folder(folder)) as reopened:
        reopened.update("city", KRAKOW, {"name": "Kraków (restored)"})
        window.catalogue = reopened  # what the window's attach() does after a restore
        actions.print_sheet.trigger()
    assert errors == []
    assert [dialog.windowTitle() for dialog in previews] == ["Fact sheet: Kraków (restored)"]


def test_booklet_dialog_opens_from_the_menu(
    qtbot: QtBot, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[BookletDialog] = []
    monkeypatch.setattr(BookletDialog, "open", lambda dialog: opened.append(dialog))
    window = Window(catalogue)
    qtbot.addWidget(window)
    actions = install_factsheet_actions(window, lambda: [KRAKOW], lambda: [KRAKOW, BRAGA])
    actions.booklet.trigger()
    [dialog] = opened
    assert dialog.selection_button.text() == "The selected cities (1)"
    assert dialog.filtered_button.isChecked()


def test_printer_is_kept_with_the_preview(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, previews: list
) -> None:
    dialog = print_preview(None, catalogue, SARAJEVO, settings)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert isinstance(dialog.printer(), QPrinter)


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (QSize(1920, 1160), QSize(900, 1000)),
        (QSize(1440, 860), QSize(900, 774)),  # a 900-pixel laptop screen less the panel
        (QSize(720, 430), QSize(648, 387)),  # the same screen at scale 2
    ],
)
def test_the_preview_fits_the_screen(available: QSize, expected: QSize) -> None:
    assert preview_size(available) == expected


def test_the_preview_is_no_taller_than_the_screen(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, previews: list
) -> None:
    dialog = print_preview(None, catalogue, KRAKOW, settings)
    assert dialog is not None
    qtbot.addWidget(dialog)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.height() <= screen.height() and dialog.width() <= screen.width()


def test_pdf_title_and_numbered_contents(
    qtbot: QtBot, catalogue: Catalogue, settings: QSettings, tmp_path: Path
) -> None:
    dialog = booklet(qtbot, catalogue, settings, [SARAJEVO, KRAKOW], [BRAGA])
    with qtbot.waitSignal(dialog.written, timeout=60_000) as finished:
        save(dialog)
    target = finished.args[0]
    reader = PdfReader(target)
    assert reader.metadata is not None and reader.metadata.title == dialog._title()
    cover = texts(target)[0]
    assert "1 Sarajevo · 2 Kraków" in cover
    sheet = tmp_path / "one.pdf"
    monkeypatched = factsheet_actions.choose_save_path
    factsheet_actions.choose_save_path = lambda *_args: sheet  # type: ignore[assignment]
    try:
        assert export_pdf(None, catalogue, KRAKOW, settings) == sheet
    finally:
        factsheet_actions.choose_save_path = monkeypatched  # type: ignore[assignment]
    assert PdfReader(sheet).metadata.title == "Kraków — fact sheet"


def test_after_a_booklet_open_and_show_in_folder_are_offered(
    qtbot: QtBot, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(open_file, "open_path", lambda path: opened.append(path) or True)
    dialogs: list[BookletDialog] = []
    real_open = BookletDialog.open
    monkeypatch.setattr(BookletDialog, "open", lambda d: (dialogs.append(d), real_open(d)))
    window = Window(catalogue)
    qtbot.addWidget(window)
    actions = install_factsheet_actions(window, lambda: [KRAKOW], lambda: [KRAKOW, BRAGA])
    actions.booklet.trigger()
    [dialog] = dialogs
    dialog.target_edit.setText(str(tmp_path / "booklet.pdf"))
    with qtbot.waitSignal(dialog.written, timeout=60_000):
        save(dialog)
    box = window.findChild(QMessageBox, "file-written")
    assert box is not None and "booklet.pdf" in box.text()
    buttons = {button.text(): button for button in box.buttons()}
    assert {"&Open", "Show in &folder"} <= set(buttons)
    buttons["&Open"].click()
    assert opened == [tmp_path / "booklet.pdf"]
    box = window.findChild(QMessageBox, "file-written")
    if box is None or not box.isVisible():
        actions.booklet.trigger()
        dialogs[-1].target_edit.setText(str(tmp_path / "booklet.pdf"))
        with qtbot.waitSignal(dialogs[-1].written, timeout=60_000):
            save(dialogs[-1])
        box = [b for b in window.findChildren(QMessageBox, "file-written") if b.isVisible()][-1]
    [folder] = [b for b in box.buttons() if b.text() == "Show in &folder"]
    folder.click()
    assert opened[-1] == tmp_path
