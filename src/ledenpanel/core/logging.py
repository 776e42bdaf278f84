"""Logging filters that keep personal link tokens out of the logs."""

from __future__ import annotations

import logging


class RedactRequestPaths(logging.Filter):
    """Replace URL paths in Django's request log lines with a placeholder.

    Django logs "Not Found: /path" and "Internal Server Error: /path"; the
    paths of answering pages hold members' personal tokens.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                "[path]" if isinstance(arg, str) and arg.startswith("/") else arg
                for arg in record.args
            )
        return True
