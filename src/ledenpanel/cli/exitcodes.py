"""Exit codes of every `ledenpanel` command.

0 success, 1 invalid input (nothing written), 2 wrong usage.
"""

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
