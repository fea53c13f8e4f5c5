"""Translated words for what the catalogue stores in English.

Field labels, entity names and vocabulary values (creative fields, statuses…) are
English keys in `catalogue/`; the window shows them through Qt's translator with
fixed contexts, so a translation file can cover them once for every widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ccn_desktop.catalogue.entities import ENTITIES, EntitySpec
from ccn_desktop.i18n import N_

# Table headers that differ from the field's form label, or are not fields at all.
COLUMN_LABELS = {
    "hosts": N_("Hosts"),
    "country": N_("Country"),
    "designation_year": N_("Designated"),
}


def field_label(entity: str, name: str) -> str:
    return QCoreApplication.translate("fields", ENTITIES[entity].field(name).label)


def column_label(entity: str, name: str) -> str:
    if name in COLUMN_LABELS:
        return QCoreApplication.translate("fields", COLUMN_LABELS[name])
    return field_label(entity, name)


def entity_label(spec: EntitySpec, *, plural: bool = False) -> str:
    return QCoreApplication.translate("entities", spec.label_plural if plural else spec.label)


def vocabulary_label(value: str) -> str:
    """A creative field, region, status or format in the user's language."""
    return QCoreApplication.translate("vocabulary", value) if value else ""
