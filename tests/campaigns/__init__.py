"""Long campaigns that try to lose data on purpose (crashes, full disks, bad bundles).

Not part of the default test run; each runs with one command and prints its figures,
e.g. `python -m tests.campaigns.crash --trials 20`. The default suite runs a short
version of each (tests/test_campaigns.py). Results are in docs/reliability.md.
"""
