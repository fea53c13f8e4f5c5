"""The schema revision this program writes.

Checked at every open with one cheap query, so that Alembic (≈0.4 s to import) is
loaded only when a catalogue actually needs upgrading. A test keeps this equal to
the head of `db/versions/`.
"""

from __future__ import annotations

SCHEMA_HEAD = "0003_field_versions"
