"""Which exceptions carry a message meant for the user."""

from __future__ import annotations

from ccn_desktop.catalogue.errors import CatalogueError
from ccn_desktop.catalogue.starter import StarterError
from ccn_desktop.exchange.errors import ExchangeError
from ccn_desktop.paths import DataDirError
from ccn_desktop.resources import MissingResourceError

USER_FACING: tuple[type[BaseException], ...] = (
    CatalogueError,
    DataDirError,
    ExchangeError,
    MissingResourceError,
    StarterError,
)


def user_message(exc: BaseException) -> str | None:
    """The sentence to show for an expected failure; None for a bug (log it)."""
    if isinstance(exc, USER_FACING):
        return str(exc)
    if isinstance(
        exc, PermissionError | FileNotFoundError | IsADirectoryError | NotADirectoryError
    ):
        return f"{exc.strerror}: {exc.filename}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}" + (f": {exc.filename}" if exc.filename else "")
    return None
