"""`python -m ccn_desktop` runs the same entry point as the `ccn-desktop` script."""

from __future__ import annotations

import sys

from ccn_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
