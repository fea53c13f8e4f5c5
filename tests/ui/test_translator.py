"""Qt's tr() answered from the gettext catalogue; Qt's own buttons from qtbase_<lang>.qm."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ccn_desktop import i18n
from ccn_desktop.ui.labels import entity_label, field_label, vocabulary_label
from ccn_desktop.ui.translator import install_translators


@pytest.fixture
def speak(qapp: QCoreApplication) -> Iterator[object]:
    installed: list[QTranslator] = []

    def choose(language: str) -> None:
        i18n.use_language(language)
        installed.extend(install_translators(qapp, language))

    yield choose
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale("en"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ("&Fichier", "Villes", "Domaine créatif", "Cinéma", "Annuler", "Enregistrer")),
        ("es", ("&Archivo", "Ciudades", "Ámbito creativo", "Cine", "Cancelar", "Guardar")),
    ],
)
def test_tr_labels_and_standard_buttons_in_the_language(
    speak: object, qapp: QCoreApplication, language: str, expected: tuple[str, ...]
) -> None:
    speak(language)  # type: ignore[operator]
    from ccn_desktop.catalogue.entities import CITY

    widget = QWidget()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save
    )
    texts = {button.text() for button in buttons.buttons()}
    assert (
        widget.tr("&File"),
        entity_label(CITY, plural=True),
        field_label("city", "creative_field"),
        vocabulary_label("Film"),
    ) == expected[:4]
    assert set(expected[4:]) <= texts  # Qt's own words, from qtbase_<lang>.qm
    assert QCoreApplication.translate("AnyContext", "Conflicts") == widget.tr("Conflicts")
    assert widget.tr("A text no catalogue knows") == "A text no catalogue knows"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Toutes les fiches (villes, 420\u202f495)"),  # U+202F NARROW NO-BREAK SPACE
        ("es", "Todos los registros (ciudades, 420.495)"),
        ("en", "Every record of cities (420,495)"),
    ],
)
def test_counts_in_a_window_are_written_as_the_language_does(
    speak: object, qtbot: QtBot, language: str, expected: str
) -> None:
    speak(language)  # type: ignore[operator]
    from ccn_desktop.ui.spreadsheet.export_dialog import ExportTableDialog

    records = {"fr": "villes", "es": "ciudades", "en": "cities"}[language]
    dialog = ExportTableDialog(
        None, records, total=420495, filtered=12, selected=0, shown_columns=("name",)
    )
    qtbot.addWidget(dialog)
    assert dialog.all_button.text() == expected


def test_english_needs_no_catalogue(speak: object) -> None:
    speak("en")  # type: ignore[operator]
    assert QWidget().tr("&File") == "&File"
    assert vocabulary_label("Crafts and Folk Art") == "Crafts and Folk Art"


@pytest.mark.parametrize(
    ("language", "look_in", "files_of_type"),
    [("fr", "Voir dans\u00a0:", "Fichiers de type\u00a0:"), ("es", "Ver en:", "Ficheros de tipo:")],
)
def test_qt_file_chooser_speaks_the_language(
    speak: object, language: str, look_in: str, files_of_type: str
) -> None:
    """Qt's own dialogs come from qtbase_<lang>.qm, which the program's translator must not
    shadow (it answers None for a text its catalogue does not know)."""
    speak(language)  # type: ignore[operator]
    assert QCoreApplication.translate("QFileDialog", "Look in:") == look_in
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == files_of_type


@pytest.mark.parametrize(
    ("language", "labels"),
    [("fr", {"&Voir dans :", "&Nom de fichier\u00a0:", "Fichiers de &type :"}),
     ("es", {"&Ver en:", "&Nombre de fichero:", "Ficheros de &tipo:"})],
)  # fmt: skip
def test_the_file_chooser_as_shown_has_no_english_label(
    speak: object, qtbot: QtBot, language: str, labels: set[str]
) -> None:
    """The chooser's own labels carry mnemonics ("&Look in:") that Qt's shipped French and
    Spanish lack (they have "Look in:"): the program's catalogue fills the gap."""
    speak(language)  # type: ignore[operator]
    dialog = QFileDialog(None, "x")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    shown = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    assert shown == labels


def test_qt_translations_ship_for_every_language_of_the_program() -> None:
    """The .qm files install_translators loads exist where it looks (the frozen build's
    spec copies the same files from PySide6/Qt/translations)."""
    from ccn_desktop.ui.translator import qt_translation_folders

    folders = [Path(folder) for folder in qt_translation_folders()]
    for language in set(i18n.LANGUAGES) - {i18n.SOURCE_LANGUAGE}:
        assert any((folder / f"qtbase_{language}.qm").is_file() for folder in folders), language


def test_a_frozen_app_looks_beside_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    from ccn_desktop.ui.translator import qt_translation_folders

    monkeypatch.setattr(sys, "_MEIPASS", "/opt/ccn-desktop/_internal", raising=False)
    assert str(Path("/opt/ccn-desktop/_internal/PySide6/Qt/translations")) in (
        qt_translation_folders()
    )
