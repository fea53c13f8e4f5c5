"""Benchmarks, outside the default test run: `python -m tests.perf` (see README.md here)."""
