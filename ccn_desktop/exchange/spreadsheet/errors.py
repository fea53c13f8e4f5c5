"""Why a spreadsheet is refused: one sentence, or every problem named by its cell."""

from __future__ import annotations

from collections.abc import Sequence

from ccn_desktop.exchange.errors import ExchangeError
from ccn_desktop.i18n import _, ngettext

MAX_LISTED = 100  # problems listed at once; the rest are counted


class SpreadsheetError(ExchangeError):
    """The file cannot be read as a sheet of records (one sentence for the user)."""


class SheetProblems(SpreadsheetError):
    """The sheet was read, but cells break the rules; nothing is written until none do.

    `problems` are whole sentences naming the place ("cities.xlsx, row 14, column F
    (E-mail): is not an e-mail address"), at most MAX_LISTED of them; `total` counts all.
    """

    def __init__(self, file_name: str, problems: Sequence[str], total: int) -> None:
        self.file_name = file_name
        self.problems = list(problems)
        self.total = total
        self.summary = ngettext(
            "{file} has {count} problem; nothing was imported:",
            "{file} has {count} problems; nothing was imported:",
            total,
        ).format(file=file_name, count=total)
        lines = [self.summary, *self.problems]
        if total > len(self.problems):
            lines.append(_("… and {count} more problems.").format(count=total - len(self.problems)))
        super().__init__("\n".join(lines))
