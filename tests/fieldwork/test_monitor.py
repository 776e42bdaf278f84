"""The board's fieldwork monitor: delivery per invitation, answering only in aggregate."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.fieldwork.monitor import panel_progress
from ledenpanel.invitations.models import Invitation, LetterBatch, LetterState, MessageKind
from ledenpanel.organisations.models import RoleKind, UnitKind
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.responses.models import Envelope
from tests.builders import (
    Party,
    invitations_by_hand,
    open_panel_by_hand,
    open_panel_for,
    staff_with_role,
    submit_for,
    verified_client,
)
from tests.factories import MemberFactory, UnitFactory

# session, user, device, roles, unit tree, panel, page count, counts, closing,
# open envelopes, letter batches, reminder days, breakdowns, page rows: none
# grows with size.
QUERIES = 14


def _monitor(client, panel: Panel, **params):
    return client.get(reverse("fieldwork:monitor", args=[panel.public_id]), params)


def _progress(client, panel: Panel):
    return client.get(reverse("fieldwork:monitor_progress", args=[panel.public_id]))


def test_it_admits_the_panels_board_and_the_coordinator_only(party: Party, board_a1, coordinator):
    panel = open_panel_for(party)
    region_board = staff_with_role(party.region_1, RoleKind.BOARD, "board-g1@example.org")
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach-g1@example.org")
    other_board = staff_with_role(party.branch_b1, RoleKind.BOARD, "board-b1@example.org")

    assert _monitor(verified_client(board_a1), panel).status_code == 200
    assert _monitor(verified_client(coordinator), panel).status_code == 200
    # The region's board reads the panel along, but this page names members.
    assert _monitor(verified_client(region_board), panel).status_code == 403
    assert _monitor(verified_client(coach), panel).status_code == 403
    assert _monitor(verified_client(other_board), panel).status_code == 404
    assert _progress(verified_client(coach), panel).status_code == 403


def test_it_shows_email_progress_sent_failed_bounced_and_to_go(party: Party, board_a1):
    panel = open_panel_by_hand(party.branch_a1)
    invitations_by_hand(panel, party.branch_a1, 6, delivery="sent")
    invitations_by_hand(
        panel, party.branch_a1, 2, delivery="failed", delivery_error="550 no such user"
    )
    invitations_by_hand(panel, party.branch_a1, 1, delivery="bounced")
    invitations_by_hand(panel, party.branch_a1, 3, delivery="pending")
    invitations_by_hand(panel, party.branch_a1, 4, channel="letter", delivery="pending")
    LetterBatch.objects.create(
        panel=panel,
        kind=MessageKind.INVITATION,
        sequence=1,
        invitation_ids=[1, 2, 3],
        state=LetterState.DONE,
    )
    LetterBatch.objects.create(
        panel=panel,
        kind=MessageKind.INVITATION,
        sequence=2,
        invitation_ids=[4],
    )
    Invitation.objects.filter(panel=panel).filter(
        pk__in=Invitation.objects.filter(panel=panel, delivery="sent").values("pk")[:2]
    ).update(opted_out=True)

    html = _monitor(verified_client(board_a1), panel).content.decode()

    def count(name: str) -> str:
        return re.search(rf'data-count="{name}">([^<]*)<', html).group(1).strip()

    assert (count("sent"), count("failed"), count("bounced"), count("to-go")) == (
        "6",
        "2",
        "1",
        "3",
    )
    assert count("opted-out") == "2"
    assert 'data-count="reminders"' not in html  # no reminder days planned: none shown
    assert '<progress id="email-progress" max="12" value="9">' in html
    assert (count("letters"), count("batches-done"), count("letters-done")) == ("4", "1 van 2", "3")
    assert "550 no such user" in html  # the board sees why, to fix the address


def test_it_hides_a_branch_with_three_responders_and_a_second_one_with_it(regional, party):
    progress = panel_progress(panel=regional)
    [branches] = [table for table in progress.breakdowns if table.key == "branch"]
    cells = {cell.key: cell for cell in branches.cells}

    assert progress.responded == 48  # the whole panel's count is always shown
    assert cells["A1"].responded is None  # 3 < k
    # Alone, A1 would be 48 − 15 − 30: the smallest shown branch is hidden with it.
    assert cells["A2"].responded is None
    assert cells["A3"].responded == 30
    assert [cell.invited for cell in branches.cells] == [20, 25, 40]


def test_it_hides_a_group_where_nearly_everyone_invited_answered(party: Party):
    panel = open_panel_by_hand(party.region_1)
    invitations_by_hand(panel, party.branch_a1, 12, responded=11)  # 11 of 12: tells on each of them
    invitations_by_hand(panel, party.branch_a2, 40, responded=20)
    branch_b = UnitFactory(
        code="A4", name="Afdeling Ad", kind=UnitKind.AFDELING, parent=party.region_1
    )
    invitations_by_hand(panel, branch_b, 40, responded=25)

    [branches] = [t for t in panel_progress(panel=panel).breakdowns if t.key == "branch"]
    shown = {cell.key: cell.responded for cell in branches.cells}

    assert shown == {"A1": None, "A2": None, "A4": 25}


def test_the_page_shows_no_hidden_count_anywhere(regional, party):
    board = staff_with_role(party.region_1, RoleKind.BOARD, "board-g1@example.org")
    html = _monitor(verified_client(board), regional).content.decode()
    table = re.search(
        r'<table class="table breakdown" id="breakdown-branch">.*?</table>', html, re.S
    )
    rows = dict(
        re.findall(
            r"<th scope=\"row\">([^<]+)</th>\s*<td>\d+</td>\s*<td[^>]*>([^<]+)<", table.group(0)
        )
    )

    assert rows == {"Afdeling Aa": "verborgen", "Afdeling Ab": "verborgen", "Afdeling Ac": "30"}
    assert ">3<" not in table.group(0)
    assert ">15<" not in table.group(0)


def test_it_never_shows_per_invitation_whether_a_member_answered(party: Party, board_a1):
    panel = open_panel_for(party)
    answered, other = party.member_a1, MemberFactory(branch=party.branch_a1)
    Invitation.objects.create(
        panel=panel, member=other, channel="email", verifier=secrets.token_hex(32)
    )
    Invitation.objects.filter(panel=panel).update(delivery="sent")
    submit_for(panel, Invitation.objects.get(panel=panel, member=answered), {"meedoen": "eens"})
    assert Invitation.objects.get(panel=panel, member=answered).responded is True

    html = _monitor(verified_client(board_a1), panel).content.decode()
    deliveries = re.search(r'<table class="table" id="deliveries">.*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>.*?</tr>", deliveries.split("<tbody>")[1], re.S)

    def row_of(member) -> str:
        [row] = [row for row in rows if member.member_number in row]
        return row.replace(escape(member.display_name), "NAME").replace(
            member.member_number, "NUMBER"
        )

    assert row_of(answered) == row_of(other)
    assert 'data-count="responded">1 ' in html  # only the aggregate


def test_the_progress_fragment_polls_and_shows_new_responses(party: Party, board_a1):
    panel = open_panel_for(party)
    client = verified_client(board_a1)
    before = _progress(client, panel)
    html = before.content.decode()
    assert before.status_code == 200
    assert "<html" not in html  # a fragment, swapped in place
    url = reverse("fieldwork:monitor_progress", args=[panel.public_id])
    assert f'hx-get="{url}" hx-trigger="every 5s" hx-swap="outerHTML"' in html
    assert 'data-count="responded">0 ' in html

    submit_for(panel, Invitation.objects.get(member=party.member_a1), {"meedoen": "eens"})
    Envelope.objects.create(panel=panel, ciphertext=b"x", is_open=True)

    html = _progress(client, panel).content.decode()
    assert 'data-count="responded">1 ' in html
    assert 'data-count="open">1<' in html


def test_it_stops_polling_and_shows_final_figures_after_close(party: Party, board_a1):
    panel = open_panel_for(party)
    # What a close of 42 respondents leaves, without answering 42 times.
    panel.state = PanelState.CLOSED
    panel.save(update_fields=["state"])
    PanelClosing.objects.create(panel=panel, stage=CloseStage.DONE, respondents=42)
    Invitation.objects.filter(panel=panel).update(responded=None)  # cleared at close

    html = _progress(verified_client(board_a1), panel).content.decode()

    assert "hx-trigger" not in html
    assert 'data-count="responded">42 ' in html
    assert "definitieve aantallen" in html


def test_after_close_it_shows_the_participation_tables_the_close_stored(regional, party):
    from ledenpanel.analysis.participation import participation

    invited = list(Invitation.objects.filter(panel=regional).values_list("background", "responded"))
    table = participation(
        [background for background, _flag in invited],
        [flag for _background, flag in invited],
        region_of={"A1": "G1", "A2": "G1", "A3": "G1"},
    )
    regional.state = PanelState.CLOSED
    regional.save(update_fields=["state"])
    PanelClosing.objects.create(
        panel=regional, stage=CloseStage.DONE, respondents=48, aggregates={"participation": table}
    )
    Invitation.objects.filter(panel=regional).update(responded=None)

    progress = panel_progress(panel=regional)
    [branches] = [t for t in progress.breakdowns if t.key == "branch"]

    assert progress.responded == 48
    assert {cell.key: cell.responded for cell in branches.cells} == {
        "A1": None,
        "A2": None,
        "A3": 30,
    }


def test_it_filters_the_delivery_table_by_status(party: Party, board_a1):
    panel = open_panel_by_hand(party.branch_a1)
    invitations_by_hand(panel, party.branch_a1, 3, delivery="sent")
    invitations_by_hand(panel, party.branch_a1, 1, delivery="failed", delivery_error="timeout")
    [bounced] = invitations_by_hand(panel, party.branch_a1, 1, delivery="bounced")
    client = verified_client(board_a1)

    def listed(status: str) -> int:
        html = _monitor(client, panel, status=status).content.decode()
        return len(re.findall(r"<tr>", html.split('id="deliveries"')[1].split("</table>")[0])) - 1

    assert listed("") == 5
    assert listed("failed") == 1
    assert listed("bounced") == 1
    assert listed("problems") == 2
    assert (
        bounced.member.member_number in _monitor(client, panel, status="bounced").content.decode()
    )


def test_the_monitor_runs_the_same_queries_for_few_or_many_invitations(
    party: Party, board_a1, django_assert_num_queries
):
    client = verified_client(board_a1)
    _monitor(client, open_panel_by_hand(party.branch_a1))  # warm the session and roles
    for count in (60, 180):
        panel = open_panel_by_hand(party.branch_a1)
        invitations_by_hand(panel, party.branch_a1, count, responded=count // 2)
        LetterBatch.objects.create(panel=panel, kind=MessageKind.INVITATION, sequence=1)
        with django_assert_num_queries(QUERIES):
            assert _monitor(client, panel, page="2").status_code == 200


def test_the_panel_page_links_to_the_monitor_once_open(party: Party, board_a1):
    client = verified_client(board_a1)
    detail = reverse("panels:detail", args=[party.panel_a1.public_id])
    monitor_url = reverse("fieldwork:monitor", args=[party.panel_a1.public_id])
    assert monitor_url not in client.get(detail).content.decode()

    open_panel_for(party)
    assert monitor_url in client.get(detail).content.decode()
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach-g1@example.org")
    assert monitor_url not in verified_client(coach).get(detail).content.decode()


def test_it_shows_the_reminder_days_and_no_count_of_reminders(party: Party, board_a1):
    """How many were reminded is how many had not answered: only the days are shown."""
    from ledenpanel.invitations.models import PanelOpening

    panel = open_panel_by_hand(party.branch_a1, reminder_days=[5, 10])
    PanelOpening.objects.create(panel=panel, seed=1, population_size=0, sampled=0)
    PanelOpening.objects.filter(panel=panel).update(opened_at=timezone.now() - timedelta(days=6))
    invitations_by_hand(panel, party.branch_a1, 3)

    html = _progress(verified_client(board_a1), panel).content.decode()

    days = re.search(r'data-count="reminders">([^<]*)<', html).group(1)
    assert days.count("(geweest)") == 1  # day 5 has come, day 10 not yet
    assert days.count(",") == 1
    assert "Herinneringen verstuurd" not in html
