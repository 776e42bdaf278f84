"""Poppler's command-line tools (pdftoppm, pdftotext, pdfinfo) for the report's PDF tests.

Without them the tests that read a PDF are skipped with the reason, as the
browser tests are without Chromium; ``.ci/run`` installs them and sets
LEDENPANEL_REQUIRE_POPPLER=1, so in CI a missing tool fails instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TOOLS = ("pdftoppm", "pdftotext", "pdfinfo")

needs_poppler = pytest.mark.skipif(
    not os.environ.get("LEDENPANEL_REQUIRE_POPPLER")
    and any(shutil.which(tool) is None for tool in TOOLS),
    reason="poppler-utils (pdftoppm, pdftotext, pdfinfo) is not installed",
)


def pdftotext(pdf: bytes, *options: str) -> str:
    """What ``pdftotext`` writes for the PDF ``pdf`` with ``options`` ("-layout", "-bbox")."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", *options, str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
