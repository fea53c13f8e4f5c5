"""The Qt binding itself: a known-bad build must not slip in through an upgrade."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_do_not_leak_references_to_none() -> None:
    """PySide6 6.12.0 lost one reference to None per void call; Python then aborts."""
    target = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        target.setObjectName("x")
    assert abs(sys.getrefcount(None) - before) < 50
