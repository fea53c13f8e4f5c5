"""The network overview window: statistics and the world map (loaded when first opened)."""
