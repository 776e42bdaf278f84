"""The English catalogue is complete and its compiled form is up to date."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import ledenpanel

CATALOGUE = Path(ledenpanel.__file__).parent / "locale" / "en" / "LC_MESSAGES"

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed"
)


def _compile(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            str(tmp_path / "django.mo"),
            str(CATALOGUE / "django.po"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_message_has_an_english_translation(tmp_path):
    result = _compile(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_the_compiled_catalogue_matches_the_source(tmp_path):
    _compile(tmp_path)
    assert (tmp_path / "django.mo").read_bytes() == (CATALOGUE / "django.mo").read_bytes()
