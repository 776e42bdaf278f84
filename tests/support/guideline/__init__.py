"""The guideline linter's labelled question sets, their scoring and small question builders.

Also read by bench/lint_accuracy.py and bench/lint_independent.py.
"""
