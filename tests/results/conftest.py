"""Fixtures for the results tests: analyses computed and stored."""

from __future__ import annotations

import logging

import pytest

from ledenpanel.accounts.models import User
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import Panel, PanelState
from tests.builders import (
    DRAFTED_POINTS,
    Party,
    board_closes,
    closed_every_type_panel,
    engine_result,
    open_panel_for,
    staff_with_role,
    store_analysis,
)
from tests.support.exports import exported_panel


@pytest.fixture(scope="module")
def result() -> dict:
    """The real engine's result for 30 answers to ``every_type_questionnaire``."""
    return engine_result(30)


@pytest.fixture
def reported(party: Party, result: dict):
    """Branch A1's panel, closed, with its analysis stored."""
    # Set directly: the stored analysis is the engine's on made-up answers,
    # which no close of this panel would give.
    panel = party.panel_a1
    panel.state = PanelState.CLOSED
    panel.save(update_fields=["state"])
    PanelClosing.objects.create(panel=panel, stage=CloseStage.DONE, respondents=30)
    store_analysis(panel, result)
    return panel


@pytest.fixture
def analysed(party: Party, django_capture_on_commit_callbacks, caplog):
    """A national panel closed after 30 members answered; its close and analysis ran."""
    caplog.set_level(logging.DEBUG)
    return closed_every_type_panel(party, django_capture_on_commit_callbacks, respondents=30)


@pytest.fixture
def closed_with_points(party: Party, result: dict) -> Panel:
    """Branch A1's panel, opened and closed by its board, with drafted discussion points."""
    panel = board_closes(open_panel_for(party))
    store_analysis(panel, {**result, "discussion_points": DRAFTED_POINTS})
    return panel


@pytest.fixture
def coach_a1(party: Party) -> User:
    """The coach of region 1, who supports branch A1."""
    return staff_with_role(party.region_1, RoleKind.COACH, "coach-g1@example.org")


@pytest.fixture
def exported(party: Party) -> Panel:
    """Branch A1's panel closed with 40 responses (see ``tests.support.exports``)."""
    return exported_panel(party)
