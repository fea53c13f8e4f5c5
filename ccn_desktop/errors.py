"""Which exceptions carry a message meant for the user."""

from __future__ import annotations

import sys

from ccn_desktop.catalogue.errors import CatalogueError
from ccn_desktop.exchange.errors import ExchangeError
from ccn_desktop.paths import DataDirError
from ccn_desktop.resources import MissingResourceError

USER_FACING: tuple[type[BaseException], ...] = (
    CatalogueError,
    DataDirError,
    ExchangeError,
    MissingResourceError,
)
# StarterError too, but its module loads SQLAlchemy, which the window's first paint
# does without; a StarterError can only have been raised once that module is loaded.
_STARTER_MODULE = "ccn_desktop.catalogue.starter"


def _user_facing() -> tuple[type[BaseException], ...]:
    starter = sys.modules.get(_STARTER_MODULE)
    return (*USER_FACING, starter.StarterError) if starter is not None else USER_FACING


def user_message(exc: BaseException) -> str | None:
    """The sentence to show for an expected failure; None for a bug (log it)."""
    if isinstance(exc, _user_facing()):
        return str(exc)
    if isinstance(
        exc, PermissionError | FileNotFoundError | IsADirectoryError | NotADirectoryError
    ):
        return f"{exc.strerror}: {exc.filename}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}" + (f": {exc.filename}" if exc.filename else "")
    return None
