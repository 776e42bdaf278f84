from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """``answers|get_item:name`` — a saved answer (or error) by name, or None."""
    if not isinstance(mapping, Mapping):
        return None
    return mapping.get(str(key))


@register.filter
def contains(values: Any, value: str) -> bool:
    return isinstance(values, list | tuple | set) and value in values
