"""The natural order of background bands, wherever groups are listed.

Bands are strings ("<2", "2-5", "10-20", "20+", "16-34", "65+"); sorted as text,
"10-20" comes before "2-5". Every table, chart and export lists them by
:func:`band_key`: numeric bands by their lower bound (an "under" band first),
other values (regions, genders) after them, by name.
"""

from __future__ import annotations


def band_key(value: str) -> tuple[int, float, str]:
    """Bands in their natural order ("16-24" before "25-44", "<2" first); other values by name."""
    head = value.lstrip("<≤").split("-")[0].split("/")[0].rstrip("+")
    try:
        return (0, float(head) - (0.5 if value[:1] in "<≤" else 0), value)
    except ValueError:
        return (1, 0.0, value)
