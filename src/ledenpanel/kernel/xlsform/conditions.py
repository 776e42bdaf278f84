"""``relevant`` and ``constraint`` expressions: the small subset Ledenpanel understands.

Show-if conditions are written and read as XPath in XLSForm's ``${name}`` notation:

==============  ============================
operator        expression
==============  ============================
equals          ``${q} = 'v'``
not_equals      ``${q} != 'v'``
selected        ``selected(${q}, 'v')``
greater_than    ``${q} > 5``
less_than       ``${q} < 5``
answered        ``${q} != ''``
==============  ============================

joined with `` and `` (all must hold). Anything else (``or``, ``not()``, other
functions, paths, ``>=``) is not read as a condition.
"""

from __future__ import annotations

import re

from ledenpanel.kernel.questionnaire.schema import Condition, Operator

from .conventions import format_number

_NUMBER = r"-?\d+(?:\.\d+)?"
_QUOTED = r"'[^']*'|\"[^\"]*\""
_REF = r"\$\{\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}"

_ANSWERED = re.compile(rf"{_REF}\s*!=\s*(?:''|\"\")")
_COMPARE = re.compile(rf"{_REF}\s*(!=|=|>|<)\s*({_QUOTED}|{_NUMBER})")
_SELECTED = re.compile(rf"selected\(\s*{_REF}\s*,\s*({_QUOTED}|{_NUMBER})\s*\)")
_AND = re.compile(r"\s+and\s+|\s*\Z")

_OPERATORS = {
    "=": Operator.EQUALS,
    "!=": Operator.NOT_EQUALS,
    ">": Operator.GREATER_THAN,
    "<": Operator.LESS_THAN,
}
_SYMBOLS = {operator: symbol for symbol, operator in _OPERATORS.items()}

_BOUND = re.compile(rf"\.\s*(>=|<=)\s*({_NUMBER}|'{_NUMBER}')")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _quote(value: str) -> str:
    return f'"{value}"' if "'" in value else f"'{value}'"


def _is_number(value: str) -> bool:
    return re.fullmatch(_NUMBER, value) is not None


def parse_relevant(expression: str) -> list[Condition] | None:
    """The conditions of a ``relevant`` expression, or ``None`` when it is not in the subset."""
    text = expression.strip()
    conditions: list[Condition] = []
    position = 0
    while position < len(text):
        condition, position = _parse_one(text, position)
        if condition is None:
            return None
        conditions.append(condition)
        separator = _AND.match(text, position)
        if separator is None:
            return None
        position = separator.end()
    return conditions or None


def _parse_one(text: str, position: int) -> tuple[Condition | None, int]:
    if match := _ANSWERED.match(text, position):
        return Condition(match.group(1), Operator.ANSWERED), match.end()
    if match := _SELECTED.match(text, position):
        return Condition(match.group(1), Operator.SELECTED, _unquote(match.group(2))), match.end()
    if match := _COMPARE.match(text, position):
        operator = _OPERATORS[match.group(2)]
        value = _unquote(match.group(3))
        if operator in (Operator.GREATER_THAN, Operator.LESS_THAN) and not _is_number(value):
            return None, position
        return Condition(match.group(1), operator, value), match.end()
    return None, position


def format_condition(condition: Condition) -> str:
    reference = f"${{{condition.question}}}"
    if condition.operator == Operator.ANSWERED:
        return f"{reference} != ''"
    if condition.operator == Operator.SELECTED:
        return f"selected({reference}, {_quote(condition.value)})"
    value = condition.value
    if condition.operator in (Operator.EQUALS, Operator.NOT_EQUALS) or not _is_number(value):
        value = _quote(value)
    return f"{reference} {_SYMBOLS[condition.operator]} {value}"


def format_relevant(conditions: list[Condition]) -> str:
    return " and ".join(format_condition(condition) for condition in conditions)


def parse_bounds(constraint: str) -> tuple[float | None, float | None] | None:
    """``. >= 1 and . <= 10`` → ``(1.0, 10.0)``; ``None`` when it says anything else."""
    text = constraint.strip()
    if not text:
        return None, None
    parts = re.split(r"\s+and\s+", text)
    minimum: float | None = None
    maximum: float | None = None
    for part in parts:
        match = _BOUND.fullmatch(part.strip().strip("()").strip())
        if match is None:
            return None
        value = float(_unquote(match.group(2)))
        if match.group(1) == ">=":
            if minimum is not None:
                return None
            minimum = value
        else:
            if maximum is not None:
                return None
            maximum = value
    return minimum, maximum


def format_bounds(minimum: float | None, maximum: float | None) -> str:
    parts = []
    if minimum is not None:
        parts.append(f". >= {format_number(minimum)}")
    if maximum is not None:
        parts.append(f". <= {format_number(maximum)}")
    return " and ".join(parts)
