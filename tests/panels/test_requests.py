"""Requests for a panel from members: decided against criteria, requesters told."""

from __future__ import annotations

import pytest

from ledenpanel.panels import services
from ledenpanel.panels.models import Panel, RequestStatus


def test_an_approved_request_becomes_a_draft_panel_crediting_the_requesters(
    panel_request, board_a1, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(
            request=panel_request,
            approve=True,
            criteria_assessment={"Het onderwerp hoort bij de taken van deze eenheid.": True},
            reason="Past bij ons verkiezingsprogramma.",
            actor=board_a1,
        )

    panel = Panel.objects.get(request=panel_request)
    assert panel.state == "draft"
    assert "Fatma Yılmaz" in panel.purpose
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "fatma@example.org"
    body = message.get_body(("plain",)).get_content()
    assert "toegekend" in body
    assert "Past bij ons verkiezingsprogramma." in body


def test_a_rejection_needs_reasons_and_tells_the_requesters(
    panel_request, board_a1, smtp_server, django_capture_on_commit_callbacks
):
    with pytest.raises(services.PanelError):
        services.request_decide(
            request=panel_request, approve=False, criteria_assessment={}, reason=" ", actor=board_a1
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(
            request=panel_request,
            approve=False,
            criteria_assessment={},
            reason="Er liep in mei al een panel over wonen.",
            actor=board_a1,
        )
    panel_request.refresh_from_db()
    assert panel_request.status == RequestStatus.REJECTED
    assert "niet toegekend" in smtp_server.wait_for(1)[0].get_body(("plain",)).get_content()
    assert not Panel.objects.filter(request=panel_request).exists()


def test_the_default_criteria_apply_until_a_unit_sets_its_own(party):
    criteria = services.request_criteria_for(unit=party.branch_a1)
    assert len(criteria) == 5
