"""World outlines and map projection for the network overview (no Qt, no network)."""
