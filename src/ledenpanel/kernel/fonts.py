"""The machine's font files, found as WeasyPrint finds them (fontconfig), and their widths.

What reportlab typesets beside WeasyPrint (the letters' stamps, the report's
crosstab appendix) must use the very file Pango picks for the same family, or
the two would not match on the page; the report's charts measure their labels
with the same file's widths. Nothing is ever fetched.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from functools import cache

from fontTools.ttLib import TTFont


class FontMissing(Exception):
    """The machine has no font of the family asked for."""

    def __init__(self, family: str) -> None:
        super().__init__(f"no font of the family {family!r} on this machine (fc-match)")
        self.family = family


@cache
def font_file(pattern: str) -> str:
    """The path of the font file for a fontconfig pattern ("DejaVu Sans:bold").

    Raises ``FontMissing`` when fontconfig is absent or answers with a fallback of
    another family.
    """
    family = pattern.split(":", 1)[0]
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissing(family)
    try:
        found = subprocess.run(
            [fc_match, "--format=%{family}\n%{file}", pattern],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError) as error:
        raise FontMissing(family) from error
    # fc-match answers with a fallback when the family is missing: what is set in it
    # would then not match what WeasyPrint set.
    if len(found) != 2 or family not in found[0].split(","):
        raise FontMissing(family)
    return found[1]


@cache
def advance_widths(pattern: str) -> Mapping[str, float]:
    """Each character's advance width in the font, in ems (kerning aside).

    Enough to measure a line of text as it will be set, to lay out a chart
    around its labels. Raises ``FontMissing`` like ``font_file``.
    """
    with TTFont(font_file(pattern), lazy=True) as font:
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {chr(code): metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
