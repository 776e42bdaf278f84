"""The analysis engine: plain data in, plain data out, and never Django.

It runs inside the worker when a panel closes and from the command line on
exported files; ``tests/analysis/test_boundary.py`` keeps Django out.
"""
