"""The one base of the window's read-only lists, and the lists that stand on it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ccn_desktop.catalogue.statistics_tables import StatTable
from ccn_desktop.i18n import N_
from ccn_desktop.ui.backup_dialogs import BackupTableModel
from ccn_desktop.ui.exchange.conflicts import ConflictListModel
from ccn_desktop.ui.exchange.duplicates import DuplicateGroupsModel
from ccn_desktop.ui.exchange.exchange_log import ExchangeLogModel
from ccn_desktop.ui.exchange.offices import OfficesModel
from ccn_desktop.ui.exchange.preview_models import (
    ChangesModel,
    CountsModel,
    FieldDiffModel,
    PlanDuplicatesModel,
)
from ccn_desktop.ui.exchange.sync_summary import SummaryModel
from ccn_desktop.ui.history_models import HistoryTableModel, VersionValuesModel
from ccn_desktop.ui.network.stat_table_model import StatTableModel
from ccn_desktop.ui.table_model import DISPLAY, ItemListModel


class Fruit(ItemListModel[tuple[str, int]]):
    HEADERS = (N_("Name"), N_("Count"))

    def cell(self, item: tuple[str, int], column: int, role: int) -> Any:
        return str(item[column]) if role == DISPLAY else None


@pytest.mark.parametrize(
    "model",
    [
        BackupTableModel,
        ConflictListModel,
        DuplicateGroupsModel,
        ExchangeLogModel,
        OfficesModel,
        ChangesModel,
        CountsModel,
        FieldDiffModel,
        PlanDuplicatesModel,
        SummaryModel,
        HistoryTableModel,
        VersionValuesModel,
        StatTableModel,
    ],
)
def test_the_lists_stand_on_the_one_base(model: type) -> None:
    assert issubclass(model, ItemListModel)


def test_the_base_keeps_rows_and_titles(qtmodeltester: Any) -> None:
    assert (Fruit().rowCount(), Fruit().columnCount()) == (0, 2)
    model = Fruit()
    model.set_items([("apple", 3), ("pear", 12)])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2 and model.item_at(1) == ("pear", 12)
    assert list(model.items) == [("apple", 3), ("pear", 12)]
    assert model.index(1, 1).data() == "12"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(2, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    model.set_items([])
    assert model.rowCount() == 0


def test_a_reset_is_announced(qtbot: Any) -> None:
    model = Fruit()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_items([("fig", 1)])


def test_a_chart_table_brings_its_own_columns(qtmodeltester: Any) -> None:
    model = StatTableModel()
    assert model.columnCount() == 0 and model.headerData(0, Qt.Orientation.Horizontal) is None
    table = StatTable(
        key="members",
        title="Members",
        headers=("Creative field", "Europe", "Total"),
        rows=(("Film", 3, 3), ("Music", 1, 1), ("Total", 4, 4)),
        total_row=True,
    )
    model.set_table(table)
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == 3
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Europe"
    assert model.index(2, 2).data() == "4"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None  # Film's chip
