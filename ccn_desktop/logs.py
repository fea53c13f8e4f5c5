"""A rotating log file in the log folder: where tracebacks go instead of the screen."""

from __future__ import annotations

import logging
import logging.handlers

from ccn_desktop.paths import DataPaths

LOG_FILE_NAME = "ccn-desktop.log"


def setup_logging(paths: DataPaths) -> None:
    root = logging.getLogger()
    if any(getattr(handler, "_ccn", False) for handler in root.handlers):
        return
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()  # an unwritable log folder must not stop the program
    handler._ccn = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
