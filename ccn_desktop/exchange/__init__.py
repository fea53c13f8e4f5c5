"""Bundles between offices: format, export, verify, import plan/apply, merge — no Qt here."""
