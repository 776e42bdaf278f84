"""Opening branch A1's panel the way the board does, with its mail run."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ledenpanel.fieldwork import transitions as fieldwork
from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion
from tests.conftest import Party
from tests.factories import MemberFactory
from tests.responses.conftest import two_page_questionnaire


def ready_panel(party: Party, *, extra_members: int = 0, reminder_days=(5, 10)) -> Panel:
    panel = party.panel_a1
    definition = two_page_questionnaire().to_dict()
    panel.questionnaire = definition
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=definition
    )
    panel.state = PanelState.OPEN
    panel.closes_on = timezone.localdate() + timedelta(days=14)
    panel.reminder_days = list(reminder_days)
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
    MemberFactory.create_batch(extra_members, branch=party.branch_a1)
    return panel


def open_with_mail(party: Party, capture, **kwargs) -> Panel:
    """Open the panel; the outbox run happens when the transaction commits."""
    panel = ready_panel(party, **kwargs)
    with capture(execute=True), transaction.atomic():
        fieldwork.panel_opened(panel=panel)
    return panel
