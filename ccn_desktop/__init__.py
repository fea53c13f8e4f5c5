"""CCN Desktop: an offline catalogue of the UNESCO Creative Cities Network."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "CCN Desktop"
APP_ID = "org.unesco.ccn_desktop"
