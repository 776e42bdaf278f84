"""Fixtures for the panel tests: a coach, a draft panel and a members' request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels import services
from ledenpanel.panels.models import RequesterKind
from tests.builders import Party, sample_questionnaire, staff_with_role


@pytest.fixture
def coach_g1(party: Party):
    return staff_with_role(party.region_1, RoleKind.COACH, "coach-g1@example.org")


@pytest.fixture
def panel(party: Party, board_a1):
    today = timezone.localdate()
    return services.panel_create(
        unit=party.branch_a1,
        title="Meedoen aan de verkiezingen",
        topic="Doet de afdeling mee aan de gemeenteraadsverkiezingen?",
        purpose="Het bestuur wil weten hoe de leden erover denken voor het besluit in maart.",
        created_by=board_a1,
        opens_on=today + timedelta(days=7),
        closes_on=today + timedelta(days=21),
        results_by=today + timedelta(days=35),
        response_by=today + timedelta(days=49),
        questionnaire=sample_questionnaire(),
    )


@pytest.fixture
def panel_request(party: Party):
    """Members' request to branch A1 for a panel on affordable housing."""
    return services.request_submit(
        unit=party.branch_a1,
        topic="Betaalbaar wonen in onze gemeente",
        reason="Veel leden maken zich zorgen over de huren.",
        requester_kind=RequesterKind.MEMBERS,
        requesters="Fatma Yılmaz, Jan de Boer en 12 andere leden",
        contact_email="Fatma@example.org",
        proposed_questions="Hoe belangrijk vindt u sociale huurwoningen?",
    )
