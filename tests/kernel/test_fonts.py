"""The machine's font files as WeasyPrint finds them (kernel/fonts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledenpanel.kernel.fonts import FontMissing, font_file


def test_the_report_s_family_is_found_as_a_file_in_both_weights() -> None:
    regular = Path(font_file("DejaVu Sans"))
    bold = Path(font_file("DejaVu Sans:bold"))

    assert regular.is_file()
    assert bold.is_file()
    assert regular != bold


def test_a_family_the_machine_lacks_is_refused_not_replaced_by_a_fallback() -> None:
    with pytest.raises(FontMissing) as missing:
        font_file("Ledenpanel Imaginary Sans")

    assert missing.value.family == "Ledenpanel Imaginary Sans"
