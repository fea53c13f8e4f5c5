"""The history actions of the window's undo stack, light enough to import at start-up.

`Catalogue.update`, `delete` and `restore` take `step=UNDO` or `step=REDO`, so a
record's history says "Undone" or "Redone" rather than another edit.
"""

from __future__ import annotations

UNDO = "undo"
REDO = "redo"
