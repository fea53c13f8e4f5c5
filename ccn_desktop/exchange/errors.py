"""Why a bundle is refused or an exchange stopped; each message is one sentence for a user."""

from __future__ import annotations


class ExchangeError(Exception):
    """Base of every error the exchange engine raises on purpose."""


class BundleError(ExchangeError):
    """The file is not a bundle this program can accept (damaged, forged, too new, invalid).

    `path` names the place inside the bundle when there is one (`cities[12].name`).
    """

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class UntrustedSignerError(ExchangeError):
    """The bundle is sound but its office is not trusted yet; the user must decide."""


class ExchangeCancelled(ExchangeError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Cancelled; nothing was changed.")
