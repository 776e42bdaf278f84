"""The promised dates: the board is reminded before them, the levels above alerted after."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from ledenpanel.followup.deadlines import deadline_alerts_send
from ledenpanel.organisations.models import RoleKind
from ledenpanel.results.publication import results_publish
from tests.builders import Party, Reported, staff_with_role


def _plan(reported: Reported, *, results_in: int | None, answer_in: int) -> None:
    today = timezone.localdate()
    panel = reported.panel
    panel.results_by = today + timedelta(days=results_in) if results_in is not None else None
    panel.response_by = today + timedelta(days=answer_in)
    panel.save(update_fields=["results_by", "response_by"])


def _mails(capture, today) -> list:
    mail.outbox.clear()
    with capture(execute=True):
        sent = deadline_alerts_send(today=today)
    return sent


def test_the_board_is_reminded_a_week_before_and_on_the_day(
    final_report: Reported, django_capture_on_commit_callbacks
):
    _plan(final_report, results_in=None, answer_in=7)
    today = timezone.localdate()

    sent = _mails(django_capture_on_commit_callbacks, today)

    assert [(deadline, stage) for _panel, deadline, stage in sent] == [("answer", "week_before")]
    [message] = mail.outbox
    assert message.to == [final_report.board.email]
    assert message.subject.startswith("Binnen een week: reactie van het bestuur")
    # Once: the next sweep the same day sends nothing.
    assert _mails(django_capture_on_commit_callbacks, today) == []
    assert mail.outbox == []

    on_the_day = _mails(django_capture_on_commit_callbacks, today + timedelta(days=7))

    assert [stage for _panel, _deadline, stage in on_the_day] == ["due"]
    assert mail.outbox[0].subject.startswith("Vandaag:")


def test_after_the_date_the_coordinator_and_the_unit_above_are_alerted(
    final_report: Reported, party: Party, django_capture_on_commit_callbacks
):
    coordinator = staff_with_role(party.national, RoleKind.COORDINATOR, "co@example.org")
    region_board = staff_with_role(party.region_1, RoleKind.BOARD, "g1@example.org")
    _plan(final_report, results_in=-2, answer_in=-1)

    sent = _mails(django_capture_on_commit_callbacks, timezone.localdate())

    assert sorted((deadline, stage) for _panel, deadline, stage in sent) == [
        ("answer", "late"),
        ("results", "late"),
    ]
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {coordinator.email, region_board.email, final_report.board.email}
    assert all(message.subject.startswith("Te laat:") for message in mail.outbox)


def test_a_kept_promise_sends_nothing(final_report: Reported, django_capture_on_commit_callbacks):
    _plan(final_report, results_in=-1, answer_in=30)
    results_publish(panel=final_report.panel, actor=final_report.board, public=False)

    assert _mails(django_capture_on_commit_callbacks, timezone.localdate()) == []
