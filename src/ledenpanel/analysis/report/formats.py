"""How figures are written: Dutch "1.234,5" and "62 %", English "1,234.5" and "62%".

Every formatter takes whatever the result holds and prints "—" for a missing or
hidden (``null``) figure; the template uses them as filters (see ``rendering``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .i18n import DEFAULT_LANGUAGE, language, translator
from .lenient import as_number

DASH = "—"  # what a hidden or missing figure prints
MINUS = "\u2212"  # a real minus sign: a hyphen reads as a dash in a range


def _decimal(number: float, digits: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """``1234.5`` → Dutch ``1.234,5`` (a comma for decimals), English ``1,234.5``."""
    text = f"{abs(number):,.{digits}f}"
    if language(lang) == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{MINUS}{text}" if number < 0 and text.strip("0,.") else text


def _spaced(lang: str) -> str:
    """Dutch puts a space before "%" and after "<"; English writes "62%" and "<1%"."""
    return " " if language(lang) == "nl" else ""


def fmt_number(value: Any, digits: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    number = as_number(value)
    return DASH if number is None else _decimal(number, digits, lang)


def fmt_plain(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """Whole numbers without decimals (a median of 9 years), others with one."""
    number = as_number(value)
    if number is None:
        return DASH
    return _decimal(number, 0 if number == int(number) else 1, lang)


def fmt_count(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    return fmt_number(value, 0, lang)


def fmt_signed(value: Any, digits: int = 3, lang: str = DEFAULT_LANGUAGE) -> str:
    """With an explicit sign: partial R-indicators say over (+) or under (−)."""
    number = as_number(value)
    if number is None:
        return DASH
    text = _decimal(number, digits, lang)
    return text if text.startswith(MINUS) or not text.strip("0,.") else f"+{text}"


def _as_share(value: Any) -> float | None:
    """A number that can be written as a percentage (×100 stays finite), or None."""
    number = as_number(value)
    return number if number is not None and math.isfinite(number * 100) else None


def _percent_text(share: float, lang: str) -> str:
    percent = share * 100
    rounded = round(percent)
    space = _spaced(lang)
    # "0 %" for a share that is not zero would say nobody chose it.
    if 0 < percent < 0.5:
        return f"<{space}1"
    if 99.5 <= percent < 100:
        return f">{space}99"
    return _decimal(rounded, 0, lang)


def fmt_percent(share: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A share in [0, 1] as a whole percentage: ``0.62`` → ``62 %`` (English ``62%``)."""
    number = _as_share(share)
    return DASH if number is None else f"{_percent_text(number, lang)}{_spaced(lang)}%"


def fmt_points(share: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A difference of shares in percentage points: ``0.3`` → ``30 procentpunt``."""
    number = _as_share(share)
    if number is None:
        return DASH
    points = round(number * 100)
    return translator(lang).ngettext(
        "%(points)s procentpunt",
        "%(points)s procentpunt",
        abs(points),
        points=_decimal(points, 0, lang),
    )


def fmt_axis(values: Sequence[float], percent: bool, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """An axis's values, all with the fewest decimals (at most three) that write every
    one exactly: ``[0, 0.25, 0.5]`` as shares → ``0 %``, ``25 %``, ``50 %``;
    ``[0, 2.5, 5]`` → ``0,0``, ``2,5``, ``5,0``. Unlike ``fmt_percent`` an axis
    says "0 %", never "< 1 %".
    """
    scaled = [value * 100 if percent else value for value in values]
    digits = next((d for d in range(3) if all(abs(v - round(v, d)) < 1e-9 for v in scaled)), 3)
    sign = f"{_spaced(lang)}%" if percent else ""
    return [f"{_decimal(value, digits, lang)}{sign}" for value in scaled]


def fmt_percent_range(low: Any, high: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """An interval of shares: ``55–68 %``; "—" when either end is missing."""
    low_n, high_n = _as_share(low), _as_share(high)
    if low_n is None or high_n is None:
        return DASH
    low_text = _decimal(round(low_n * 100), 0, lang)
    high_text = _decimal(round(high_n * 100), 0, lang)
    return f"{low_text}–{high_text}{_spaced(lang)}%"


def fmt_range(low: Any, high: Any, digits: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    """An interval of numbers: ``3,2 – 3,6`` (spaced: the ends may be negative)."""
    low_n, high_n = as_number(low), as_number(high)
    if low_n is None or high_n is None:
        return DASH
    return f"{_decimal(low_n, digits, lang)} – {_decimal(high_n, digits, lang)}"


def fmt_p(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    number = as_number(value)
    if number is None:
        return DASH
    if number < 0.001:
        return f"< {_decimal(0.001, 3, lang)}"  # "p < 0.001" is spaced in English too
    return _decimal(number, 3, lang)
