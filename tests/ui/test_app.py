"""The program refuses a second start on the same data folder, in a dialog that says why."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ccn_desktop.catalogue.facade import Catalogue
from ccn_desktop.paths import DataPaths
from ccn_desktop.ui.app import run_gui
from tests.processes import lock_holder


def test_a_second_program_on_the_data_folder_is_refused(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    Catalogue.open(data_paths, starter=False).close()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    with lock_holder(data_paths.data_dir) as holder:
        assert run_gui(data_paths) == 1
    assert len(warnings) == 1
    assert f"already open on the data folder {data_paths.data_dir}" in warnings[0]
    assert f"process {holder.pid}" in warnings[0]
