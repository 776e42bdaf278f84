"""Step 6: the board publishes the final report; every invited member gets the results."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from ledenpanel.invitations.models import Announcement, LetterBatch, MessageKind, OutboxMessage
from ledenpanel.organisations.models import Member, RoleKind
from ledenpanel.panels.services import PanelError
from ledenpanel.responses import services as answering
from ledenpanel.results.publication import results_publish
from tests.builders import (
    DRAFTED_POINTS,
    Party,
    Reported,
    board_closes,
    board_marks_final,
    member_session,
    open_panel_for,
    secret_for,
    staff_with_role,
    store_analysis,
    verified_client,
)
from tests.support.smtp import SmtpServer

POINT = DRAFTED_POINTS[0]["title"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _page(client: Client, secret: str) -> str:
    """The page a member's link or code opens, as the member's browser follows it."""
    response = client.get(f"/p/{secret}/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/uitslag/{secret}/"
    assert response["Cache-Control"] == "private, no-store"
    return CSRF.sub("", response.content.decode())


def test_a_members_link_shows_no_results_before_publication(final_report: Reported):
    page = _page(Client(), final_report.secrets["email"])

    assert "De uitslag is nog niet gepubliceerd." in page
    assert POINT not in page
    assert "Uitkomsten per vraag" not in page


def test_publishing_sends_the_results_to_every_invited_member(
    final_report: Reported, django_capture_on_commit_callbacks, letters_dir
):
    panel = final_report.panel

    publication = results_publish(panel=panel, actor=final_report.board, public=False)

    mailed = OutboxMessage.objects.filter(panel=panel, kind=MessageKind.RESULTS)
    emails = panel.invitations.filter(channel="email").exclude(member__email="")
    assert sorted(mailed.values_list("invitation_id", flat=True)) == sorted(
        emails.values_list("id", flat=True)
    )
    [batch] = LetterBatch.objects.filter(panel=panel, kind=MessageKind.RESULTS)
    letter_ids = list(panel.invitations.filter(channel="letter").values_list("id", flat=True))
    assert batch.invitation_ids == letter_ids
    announcement = Announcement.objects.get(panel=panel, kind=MessageKind.RESULTS)
    assert POINT in announcement.body_text
    assert POINT in announcement.letter_html
    assert publication.report_version.final_at is not None
    assert set(publication.pages) == {"nl", "en"}


def test_a_link_and_a_letter_code_open_the_same_results_page(final_report: Reported):
    results_publish(panel=final_report.panel, actor=final_report.board, public=False)

    by_link = _page(Client(), final_report.secrets["email"])
    by_code = _page(Client(), final_report.secrets["letter"])

    assert POINT in by_link
    assert "Uitkomsten per vraag" in by_link
    assert by_link.replace(final_report.secrets["email"], "S") == by_code.replace(
        final_report.secrets["letter"], "S"
    )


def test_the_page_is_the_same_whether_or_not_the_member_answered(
    party: Party, result: dict, django_capture_on_commit_callbacks, letters_dir
):
    panel = open_panel_for(party)
    answered, silent = party.member_a1, Member.objects.get(last_name="Briefmans")
    secrets = {member.pk: secret_for(panel, member) for member in (answered, silent)}
    session = member_session(secrets[answered.pk])
    assert answering.answers_submit(session=session, answers={"meedoen": "eens"}).counted
    with django_capture_on_commit_callbacks(execute=True):
        board = staff_with_role(party.branch_a1, RoleKind.BOARD, "b@example.org")
        board_closes(panel)
    store_analysis(panel, {**result, "discussion_points": DRAFTED_POINTS})
    board_marks_final(panel)
    results_publish(panel=panel, actor=board, public=False)

    pages = {pk: _page(Client(), secret).replace(secret, "S") for pk, secret in secrets.items()}

    assert pages[answered.pk] == pages[silent.pk]


def test_only_the_panels_board_publishes(final_report: Reported, party: Party):
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org")

    with pytest.raises(PermissionDenied):
        results_publish(panel=final_report.panel, actor=coach, public=False)

    response = verified_client(coach).post(
        f"/panels/{final_report.panel.public_id}/uitslag/publiceren/"
    )
    assert response.status_code in {403, 404}
    assert not Announcement.objects.exists()


def test_a_report_that_is_not_final_cannot_be_published(
    party: Party, result: dict, django_capture_on_commit_callbacks
):
    panel = open_panel_for(party)
    with django_capture_on_commit_callbacks(execute=True):
        board_closes(panel)
    store_analysis(panel, result)
    board = staff_with_role(party.branch_a1, RoleKind.BOARD, "b@example.org")

    with pytest.raises(PanelError, match="definitief"):
        results_publish(panel=panel, actor=board, public=False)


def test_publishing_twice_publishes_once(final_report: Reported):
    results_publish(panel=final_report.panel, actor=final_report.board, public=False)

    with pytest.raises(PanelError, match="al gepubliceerd"):
        results_publish(panel=final_report.panel, actor=final_report.board, public=True)

    assert Announcement.objects.filter(kind=MessageKind.RESULTS).count() == 1


def test_the_public_address_shows_the_page_only_where_the_board_chose_it(
    final_report: Reported,
):
    address = f"/uitslag/openbaar/{final_report.panel.public_id}/"
    assert Client().get(address).status_code == 404

    board = verified_client(final_report.board)
    board.post(f"/panels/{final_report.panel.public_id}/uitslag/publiceren/", {"public": "0"})
    assert Client().get(address).status_code == 404

    board.post(f"/panels/{final_report.panel.public_id}/uitslag/openbaar/", {"public": "1"})
    page = Client().get(address)
    assert page.status_code == 200
    assert POINT in page.content.decode()


def test_the_results_mail_carries_the_members_own_link_after_the_close(
    final_report: Reported, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    smtp_server.deliveries.clear()

    with django_capture_on_commit_callbacks(execute=True):
        results_publish(panel=final_report.panel, actor=final_report.board, public=False)

    member = final_report.panel.invitations.get(channel="email").member
    [delivery] = smtp_server.deliveries
    assert delivery.rcpt_tos == [member.email]
    message = delivery.message
    assert message["Subject"] == f"De uitslag van het ledenpanel: {final_report.panel.title}"
    assert delivery.mail_from.split("@")[0].endswith("-u")
    text = message.get_body(("plain",)).get_content()
    assert f"/p/{final_report.secrets['email']}/" in text
    assert POINT in text
    assert POINT in _page(Client(), final_report.secrets["email"])
