"""Step 7: the board's answer per discussion point, drafted in versions, published together."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ledenpanel.followup.models import AnswerVersion, FollowUpConsent
from ledenpanel.followup.services import AnswerError, answer_draft_save
from ledenpanel.invitations.crypto import KeysDestroyed
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import Announcement, LetterBatch, MessageKind, OutboxMessage
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import PanelState
from ledenpanel.panels.services import panel_transition
from tests.builders import DRAFTED_POINTS, Party, Reported, staff_with_role, verified_client

REASONING = "Wij nemen dit over: de leden zijn er duidelijk over."
COMPLETE = {
    "overall": "Dank aan iedereen die meedeed.",
    **{
        f"p{index}-{name}": value
        for index in range(len(DRAFTED_POINTS))
        for name, value in (
            ("position", "adopt" if index == 0 else "discuss"),
            ("reasoning", f"{REASONING} ({index + 1})"),
            ("next_step", "Voorstel op het congres"),
            ("next_step_on", "2027-03-01"),
        )
    },
}


def _answer_page(client: Client, reported: Reported) -> str:
    return client.get(f"/panels/{reported.panel.public_id}/reactie/").content.decode()


def _member_page(reported: Reported) -> str:
    secret = reported.secrets["email"]
    return Client().get(f"/uitslag/{secret}/").content.decode()


def test_the_answer_cannot_come_before_the_results(final_report: Reported):
    with pytest.raises(AnswerError, match="Publiceer eerst de uitslag"):
        answer_draft_save(
            panel=final_report.panel, actor=final_report.board, overall="x", points=[{}, {}]
        )


def test_a_draft_never_reaches_the_members(published: Reported):
    board = verified_client(published.board)

    board.post(f"/panels/{published.panel.public_id}/reactie/", {**COMPLETE, "action": "save"})

    assert AnswerVersion.objects.get().published_at is None
    assert REASONING not in _member_page(published)
    assert not Announcement.objects.filter(kind=MessageKind.ANSWER).exists()
    published.panel.refresh_from_db()
    assert published.panel.state == PanelState.REPORTED


def test_every_save_is_a_version_with_its_author(published: Reported):
    board = verified_client(published.board)
    address = f"/panels/{published.panel.public_id}/reactie/"

    board.post(address, {"overall": "Eerste opzet", "action": "save"})
    board.post(address, {**COMPLETE, "action": "save"})

    versions = list(AnswerVersion.objects.order_by("number"))
    assert [version.number for version in versions] == [1, 2]
    assert {version.author for version in versions} == {published.board}
    assert versions[0].overall == "Eerste opzet"
    assert "v2" in _answer_page(board, published)


def test_an_incomplete_answer_is_not_published_and_says_what_is_missing(published: Reported):
    board = verified_client(published.board)
    incomplete = {**COMPLETE, "p1-position": "", "action": "publish"}

    response = board.post(f"/panels/{published.panel.public_id}/reactie/", incomplete, follow=True)

    assert "het standpunt bij punt 2" in response.content.decode()
    published.panel.refresh_from_db()
    assert published.panel.state == PanelState.REPORTED
    assert AnswerVersion.objects.filter(published_at__isnull=False).count() == 0


def test_the_published_answer_shows_next_to_each_point_and_goes_to_every_member(
    published: Reported,
):
    board = verified_client(published.board)

    board.post(f"/panels/{published.panel.public_id}/reactie/", {**COMPLETE, "action": "publish"})

    published.panel.refresh_from_db()
    assert published.panel.state == PanelState.RESPONDED
    page = _member_page(published)
    for number, point in enumerate(DRAFTED_POINTS, 1):
        item = page[page.index(f'id="point-{number}"') :]
        item = item[: item.index("</li>")]
        assert point["title"] in item
        assert f"{REASONING} ({number})" in item
    assert "overnemen" in page
    assert "verder bespreken" in page
    mailed = OutboxMessage.objects.filter(panel=published.panel, kind=MessageKind.ANSWER)
    assert mailed.count() == published.panel.invitations.filter(channel="email").count()


def test_only_the_board_writes_the_answer(published: Reported, party: Party):
    coach = verified_client(staff_with_role(party.region_1, RoleKind.COACH, "c@example.org"))

    response = coach.post(f"/panels/{published.panel.public_id}/reactie/", COMPLETE)

    assert response.status_code == 403
    assert not AnswerVersion.objects.exists()


def test_a_late_answer_shows_as_late_to_the_members(published: Reported):
    panel = published.panel
    panel.response_by = timezone.localdate() - timedelta(days=1)
    panel.save(update_fields=["response_by"])

    assert "Reactie te laat." in _member_page(published)

    verified_client(published.board).post(
        f"/panels/{panel.public_id}/reactie/", {**COMPLETE, "action": "publish"}
    )
    page = _member_page(published)
    assert "Reactie te laat." not in page
    assert "promise promise-late" in page


def test_archiving_destroys_the_link_key_the_close_kept(
    published: Reported, django_capture_on_commit_callbacks
):
    board = verified_client(published.board)
    board.post(f"/panels/{published.panel.public_id}/reactie/", {**COMPLETE, "action": "publish"})
    panel_id = str(published.panel.public_id)
    assert key_store().read_link_key(panel_id)

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=published.panel, action=Action.ARCHIVE, actor=published.board)

    with pytest.raises(KeysDestroyed):
        key_store().read_link_key(panel_id)
    # The link still opens the results page: it needs only the verifier key.
    assert REASONING in _member_page(published)


def test_a_later_update_reaches_only_those_who_asked_to_be_kept_informed(
    published: Reported, party: Party
):
    panel = published.panel
    informed = panel.invitations.get(member=party.member_a1)
    FollowUpConsent.objects.create(invitation=informed, keep_informed=True)
    board = verified_client(published.board)
    board.post(f"/panels/{panel.public_id}/reactie/", {**COMPLETE, "action": "publish"})
    before = set(OutboxMessage.objects.filter(panel=panel).values_list("id", flat=True))

    board.post(
        f"/panels/{panel.public_id}/reactie/",
        {"action": "update", "text": "Het congres nam het voorstel aan."},
    )

    update_mail = OutboxMessage.objects.filter(panel=panel).exclude(id__in=before)
    assert list(update_mail.values_list("invitation_id", "kind", "number")) == [
        (informed.id, MessageKind.UPDATE, 1)
    ]
    assert not LetterBatch.objects.filter(panel=panel, kind=MessageKind.UPDATE).exists()
    assert "Het congres nam het voorstel aan." in _member_page(published)


def test_the_units_public_record_shows_a_late_answer(published: Reported, party: Party):
    panel = published.panel
    panel.response_by = timezone.localdate() - timedelta(days=3)
    panel.save(update_fields=["response_by"])

    page = Client().get(f"/eenheid/{party.branch_a1.public_id}/uitslagen/").content.decode()

    assert panel.title in page
    assert "te laat, nog niet gegeven" in page
    assert "promise promise-on_time" in page  # the results came on time


def test_a_next_step_date_that_is_no_date_is_refused(published: Reported):
    with pytest.raises(AnswerError, match="datum van de volgende stap"):
        answer_draft_save(
            panel=published.panel,
            actor=published.board,
            overall="",
            points=[{"next_step_on": "volgend voorjaar"}, {}],
        )
