"""Ledenpanel's conventions on top of XLSForm, shared by reading and writing.

The rating list, grids, points groups, agree scales (see the package
docstring). What XLSForm's own words mean is in :mod:`.vocabulary`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ledenpanel.kernel.questionnaire.schema import DONT_KNOW_NAMES

# Rating 0-10: a select_one over the choices 0..10.
RATING_LIST = "r0_10"
RATING_NAMES = tuple(str(point) for point in range(11))
RATING_APPEARANCE = "likert"

# Grids: a group of select_one questions on one shared list.
GRID_APPEARANCE = "table-list"
GRID_APPEARANCES = frozenset({"table-list", "field-list"})

# Points (constant sum): a group of integers, one per option, with this marker.
POINTS_MARKER = "ledenpanel-points"
POINTS_APPEARANCE = f"field-list {POINTS_MARKER}"
POINTS_TOTAL_SUFFIX = "_total"

LONG_TEXT_APPEARANCE = "multiline"

# Display-only appearances: the answering pages render their own way, so these
# are dropped without a note.
DISPLAY_APPEARANCES = frozenset(
    {
        "likert",
        "minimal",
        "horizontal",
        "horizontal-compact",
        "compact",
        "quick",
        "columns",
        "columns-pack",
        "columns-flex",
        "no-buttons",
        "list",
        "list-nolabel",
        "label",
        "numbers",
        "thousands-sep",
        "field-list",
        "table-list",
        "w1",
        "w2",
        "w3",
        "w4",
        "w5",
        "w6",
    }
)


def is_dont_know_name(name: str) -> bool:
    return name.strip().lower() in DONT_KNOW_NAMES


def format_number(value: float) -> str:
    """A number as XPath writes it: no exponent, no trailing ``.0``."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def parse_parameters(text: str) -> dict[str, str]:
    """``"randomize=true; total=100"`` → ``{"randomize": "true", "total": "100"}``."""
    parameters: dict[str, str] = {}
    for part in re.split(r"[;,\s]+", text.strip()):
        if "=" in part:
            key, _, value = part.partition("=")
            parameters[key.strip().lower()] = value.strip()
        elif part:
            parameters[part.strip().lower()] = ""
    return parameters


def form_id(title: str) -> str:
    """A valid XML name from the title: ``"Ledenpeiling 2026"`` → ``"ledenpeiling_2026"``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_title.lower()).strip("_")[:60]
    if not slug:
        return "ledenpanel"
    return slug if slug[0].isalpha() else f"f_{slug}"


# -- agree scales ------------------------------------------------------------

_NEUTRAL = (
    "neutra",
    "neither",
    "noch",
    "niet eens, niet oneens",
    "niet mee eens, niet mee oneens",
    "niet eens of oneens",
    "kararsız",
    "ni d'accord",
)
_NEGATIVE = ("oneens", "disagree", "katılmıyorum", "pas d'accord", "nicht zu")
_POSITIVE = ("eens", "agree", "katılıyorum", "d'accord", "stimme", "akkoord")


def _scale_side(text: str) -> int | None:
    """-1 for disagree, 0 for neutral, 1 for agree, None for anything else."""
    lowered = " ".join(text.lower().replace("_", " ").split())
    if not lowered:
        return None
    if any(marker in lowered for marker in _NEUTRAL):
        return 0
    negative = any(marker in lowered for marker in _NEGATIVE)
    rest = lowered
    for marker in _NEGATIVE:
        rest = rest.replace(marker, " ")
    positive = any(marker in rest for marker in _POSITIVE)
    if negative and positive:
        return 0
    if negative:
        return -1
    if positive:
        return 1
    return None


def _is_scale(texts: list[str]) -> bool:
    sides = [_scale_side(text) for text in texts]
    half = len(texts) // 2
    return len(texts) in (5, 7) and sides == [-1] * half + [0] + [1] * half


def is_agree_scale(names: list[str], labels: list[str]) -> bool:
    """Option names or default-language labels (without "weet niet") in agree-scale order.

    5 or 7 options, disagree first: helemaal oneens … helemaal eens, or strongly
    disagree … strongly agree; one neutral middle option.
    """
    return _is_scale(labels) or _is_scale(names)
