"""Test infrastructure shared by several test packages (not panel builders:
those are in tests/builders.py)."""
