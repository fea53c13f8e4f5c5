"""Spreadsheets: any table out to .xlsx or .csv, and back in through a plan and a preview.

`writer` exports and makes blank templates; `reader` reads a file (refusing what is
not a sheet of ours); `columns` recognises the header; `cells` turns values into
cells and back; `plan` works out what a sheet would change; `apply` writes it
through the catalogue's writer. No Qt here.
"""

from __future__ import annotations

from ccn_desktop.exchange.spreadsheet.apply import SheetResult, apply_sheet_plan
from ccn_desktop.exchange.spreadsheet.errors import SheetProblems, SpreadsheetError
from ccn_desktop.exchange.spreadsheet.plan import SheetPlan, make_sheet_plan
from ccn_desktop.exchange.spreadsheet.writer import export_sheet, write_template

__all__ = [
    "SheetPlan",
    "SheetProblems",
    "SheetResult",
    "SpreadsheetError",
    "apply_sheet_plan",
    "export_sheet",
    "make_sheet_plan",
    "write_template",
]
