"""Fixtures for the report's charts: the synthetic result and its rendered pages."""

from __future__ import annotations

import pytest

from ledenpanel.analysis.report import render_html
from tests.support.report_result import build_result


@pytest.fixture(scope="module")
def result() -> dict:
    """A weighted result with every question type (see tests/support/report_result.py)."""
    return build_result()


@pytest.fixture(scope="module")
def page(result: dict) -> str:
    """The Dutch report page of ``result``."""
    return render_html(result)


@pytest.fixture(scope="module")
def english_page(result: dict) -> str:
    return render_html(result, lang="en")
