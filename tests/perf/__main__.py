"""`python -m tests.perf` (or `make bench`): run the benchmarks and print the table."""

from __future__ import annotations

from tests.perf.runner import main

raise SystemExit(main())
