"""Qt's tr() answered from the gettext catalogue; Qt's own buttons from qtbase_<lang>.qm."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QWidget

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


def test_english_needs_no_catalogue(speak: object) -> None:
    speak("en")  # type: ignore[operator]
    assert QWidget().tr("&File") == "&File"
    assert vocabulary_label("Crafts and Folk Art") == "Crafts and Folk Art"
