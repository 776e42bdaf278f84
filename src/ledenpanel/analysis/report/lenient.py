"""Reading a result that may be partial, odd or from an older engine.

Each reader returns the type the report needs or an empty value, never raises:
a stray null, a string where a list belongs or a missing block prints "—" or
nothing, not a traceback.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from jinja2 import Undefined


def as_number(value: Any) -> float | None:
    """A finite float, or None for null, NaN, infinity and non-numbers."""
    # Undefined: a template may pass a figure the result does not have.
    if isinstance(value, bool | Undefined) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def as_list(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def dicts(value: Any) -> list[Mapping[str, Any]]:
    """The objects of a list; anything else in it (a stray null) is skipped."""
    return [item for item in as_list(value) if isinstance(item, Mapping)]


def as_dict(value: Any) -> dict:
    return value if isinstance(value, Mapping) else {}
