from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import Invitation
from ledenpanel.invitations.services import key_store, panel_open_invitations
from ledenpanel.kernel.questionnaire.schema import (
    Question,
    Questionnaire,
    QuestionType,
    Section,
    agree_options,
)
from ledenpanel.panels.models import PanelState, QuestionnaireVersion
from ledenpanel.responses import services
from tests.conftest import Party
from tests.factories import MemberFactory


def two_page_questionnaire() -> Questionnaire:
    return Questionnaire(
        sections=[
            Section(
                "een",
                "Meedoen",
                [
                    Question(
                        "meedoen",
                        QuestionType.AGREE_SCALE,
                        "De afdeling doet mee aan de verkiezingen.",
                        options=agree_options(5),
                    )
                ],
            ),
            Section(
                "twee",
                "Toelichting",
                [
                    Question(
                        "waarom",
                        QuestionType.LONG_TEXT,
                        "Wilt u dit toelichten?",
                        required=False,
                    )
                ],
            ),
        ]
    )


@pytest.fixture
def open_panel(party: Party):
    """Branch A1's panel, open, with invitations for its members."""
    return open_panel_for(party)


def open_panel_for(party: Party):
    panel = party.panel_a1
    definition = two_page_questionnaire().to_dict()
    panel.questionnaire = definition
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=definition
    )
    panel.state = PanelState.OPEN
    panel.closes_on = timezone.localdate() + timedelta(days=7)
    panel.save()
    MemberFactory(
        branch=party.branch_a1,
        email="",
        street="Kerkstraat",
        house_number="2",
        postcode="1234 AB",
        city="Aa",
        last_name="Briefmans",
    )
    panel_open_invitations(panel=panel)
    return panel


def secret_for(panel, member) -> str:
    invitation = Invitation.objects.get(panel=panel, member=member)
    keys = key_store().read(str(panel.public_id))
    if invitation.channel == "email":
        return crypto.link_token(keys.link_key, invitation.ref)
    return crypto.letter_code(keys.link_key, invitation.ref, attempt=invitation.code_attempt)


# A browser's device secret, for tests that answer through the services directly.
DEVICE = "d" * 43


def member_session(secret: str, *, device: str = DEVICE) -> services.AnsweringSession:
    """The session a member's browser (``device``) gets for their link or code."""
    session = services.session_for_secret(secret, device=device)
    assert session is not None
    return session
