"""A refused bundle, or a failed exchange, said in one sentence with the details a click away.

The engine's own sentence (damaged, forged, too new, too big, not a bundle…) is the
message; what the user can do, and the particulars someone helping her needs, go in
the message box's details. The box is opened, not executed, so the window stays
usable behind it and tests can read and close it.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ccn_desktop.errors import user_message
from ccn_desktop.exchange.errors import BundleError, UntrustedSignerError
from ccn_desktop.i18n import N_
from ccn_desktop.ui.exchange.values import size_text, tr

log = logging.getLogger(__name__)

NOTHING_CHANGED = N_("Nothing was imported: the catalogue is exactly as it was.")
ADVICE = N_(
    "A bundle is checked from end to end before anything is written. A file that was "
    "not copied completely (a stick pulled out too early), that was changed by hand or by "
    "another program, or that was not signed by the office it names, cannot be imported.\n"
    "Ask the office that sent it for a new copy; if it keeps being refused, send these "
    "details to whoever helps you with CCN Desktop."
)


def refusal_text(exc: BaseException, path: Path | None) -> tuple[str, str]:
    """(the sentence, the details) for a bundle that cannot be imported."""
    message = user_message(exc)
    details = []
    if path is not None:
        details.append(tr("File: {path}").format(path=path))
        with contextlib.suppress(OSError):
            details.append(tr("Size: {size}").format(size=size_text(path.stat().st_size)))
    if isinstance(exc, BundleError) and exc.path:
        details.append(tr("Where in the bundle: {where}").format(where=exc.path))
    if message is None:
        log.error("unexpected error while importing %s", path, exc_info=exc)
        message = tr("The bundle could not be imported because of an unexpected error.")
        details.append("")
        details.extend(traceback.format_exception(exc))
    else:
        details.append(tr("Reason: {kind}").format(kind=type(exc).__name__))
        if isinstance(exc, BundleError):
            details.extend(["", tr(ADVICE)])
    return message, "\n".join(line.rstrip("\n") for line in details)


def show_refusal(
    parent: QWidget | None, exc: BaseException, path: Path | None, *, importing: bool = True
) -> QMessageBox:
    """Open (not exec) the message box for `exc`; returns it, already shown."""
    message, details = refusal_text(exc, path)
    box = QMessageBox(parent)
    box.setObjectName("exchange-refusal")
    box.setIcon(
        QMessageBox.Icon.Information
        if isinstance(exc, UntrustedSignerError)
        else QMessageBox.Icon.Warning
    )
    box.setWindowTitle(tr("Import bundle") if importing else tr("Export bundle"))
    box.setText(message)
    if importing:
        box.setInformativeText(tr(NOTHING_CHANGED))
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
