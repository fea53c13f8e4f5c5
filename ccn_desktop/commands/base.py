"""What the sub-commands share."""

from __future__ import annotations


class CommandError(Exception):
    """A failure the user can act on; printed as one line, exit status 1."""


def labelled(label: str) -> str:
    """`label` followed by a colon as the user's language writes it ("bureau :" in French)."""
    from ccn_desktop.i18n import _

    return _("{label}:").format(label=label)
