"""The lazy table model: Qt's model rules, chips, review marker, sort, filters, deleted view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from pytestqt.modeltest import ModelTester

from ccn_desktop.catalogue import store
from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.catalogue.queries import RecordQuery
from ccn_desktop.ui.record_table_model import (
    NEEDS_REVIEW_ROLE,
    PAGE_SIZE,
    UUID_ROLE,
    RecordTableModel,
)
from tests.helpers import city_values


@pytest.mark.parametrize("entity", ["city", "conference", "project"])
def test_every_model_passes_the_model_tester(
    qtmodeltester: ModelTester, starter_catalogue: Catalogue, entity: str
) -> None:
    model = RecordTableModel(starter_catalogue, entity)
    assert model.rowCount() == starter_catalogue.count(entity)
    qtmodeltester.check(model, force_py=True)
    model.set_filter(RecordQuery(text="lod"))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_a_page_at_a_time(
    qapp: object, starter_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    original = starter_catalogue.rows
    monkeypatch.setattr(
        starter_catalogue,
        "rows",
        lambda entity, ids, columns=None: asked.append(len(ids)) or original(entity, ids, columns),
    )
    model = RecordTableModel(starter_catalogue, "city")
    assert asked == []  # opening costs the id list only
    model.index(0, 0).data()
    model.index(5, 1).data()
    assert asked == [PAGE_SIZE]
    model.index(PAGE_SIZE + 1, 0).data()
    assert asked == [PAGE_SIZE, PAGE_SIZE]


def test_creative_field_has_chip_and_name(qapp: object, starter_catalogue: Catalogue) -> None:
    model = RecordTableModel(starter_catalogue, "city")
    column = model.columns.index("creative_field")
    index = model.index(0, column)
    assert index.data() in {
        "Architecture", "Crafts and Folk Art", "Design", "Film", "Gastronomy", "Literature",
        "Media Arts", "Music",
    }  # fmt: skip
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None


def test_records_needing_review_are_marked(qapp: object, empty_catalogue: Catalogue) -> None:
    uuid = empty_catalogue.add("city", city_values(name="Flagged"))
    empty_catalogue.add("city", city_values(name="Plain"))
    with empty_catalogue.transaction() as session:
        store.load(session, "city", uuid).needs_review = True
    model = RecordTableModel(empty_catalogue, "city")
    flagged, plain = model.index(0, 0), model.index(1, 0)
    assert (flagged.data(), flagged.data(NEEDS_REVIEW_ROLE)) == ("Flagged", True)
    assert isinstance(flagged.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert "needs review" in flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert plain.data(NEEDS_REVIEW_ROLE) is False
    assert plain.data(Qt.ItemDataRole.DecorationRole) is None


def test_sort_keeps_selection_on_the_same_record(qapp: object, empty_catalogue: Catalogue) -> None:
    for name, year in (("Alpha", 2010), ("Beta", 2004), ("Gamma", 2020)):
        empty_catalogue.add("city", city_values(name=name, designation_year=year))
    model = RecordTableModel(empty_catalogue, "city")
    held = QPersistentModelIndex(model.index(0, 0))  # Alpha
    year_column = model.columns.index("designation_year")
    model.sort(year_column, Qt.SortOrder.DescendingOrder)
    names = [model.index(row, 0).data() for row in range(3)]
    assert names == ["Gamma", "Alpha", "Beta"]
    assert held.row() == 1 and held.data() == "Alpha"
    model.sort(-1)
    assert [model.index(row, 0).data() for row in range(3)] == ["Alpha", "Beta", "Gamma"]


def test_deleted_view_lists_deleted_records_newest_first(
    qapp: object, empty_catalogue: Catalogue
) -> None:
    first = empty_catalogue.add("city", city_values(name="First"))
    second = empty_catalogue.add("city", city_values(name="Second"))
    empty_catalogue.add("city", city_values(name="Kept"))
    empty_catalogue.delete("city", second)
    empty_catalogue.delete("city", first)
    model = RecordTableModel(empty_catalogue, "city")
    model.set_filter(RecordQuery(deleted=True))
    assert [model.index(row, 0).data(UUID_ROLE) for row in range(2)] == [first, second]


def test_choice_values_and_numbers_are_displayed(qapp: object, empty_catalogue: Catalogue) -> None:
    empty_catalogue.add("project", {"title": "Reading rooms", "status": "Ongoing",
                                    "start_year": 2021})  # fmt: skip
    model = RecordTableModel(empty_catalogue, "project")
    start = model.index(0, model.columns.index("start_year"))
    end = model.index(0, model.columns.index("end_year"))
    assert (start.data(), end.data()) == ("2021", "")
    assert start.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, model.columns.index("status")).data() == "Ongoing"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Title"
