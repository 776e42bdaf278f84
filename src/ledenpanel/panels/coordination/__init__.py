"""Coordination across levels ("no overkill"): overlapping panels, similar
topics and the per-member invitation cap. Pure functions over plain data."""
