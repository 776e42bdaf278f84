"""Fixtures for the XLSForm reader's tests."""

from __future__ import annotations

import pytest

from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.kernel.xlsform import read_xlsform
from tests.support.kobo import kobo_form


@pytest.fixture(scope="module")
def imported() -> tuple[Questionnaire, list[str]]:
    """The KoboToolbox-style form read: its questionnaire and what was not imported."""
    result = read_xlsform(kobo_form(), "kobo.xlsx")
    assert result.errors == []
    assert result.questionnaire is not None
    return result.questionnaire, result.not_imported
