"""The unit and member pages: content, paging, and a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse

from ledenpanel.organisations.models import RoleKind
from tests.builders import Party, staff_with_role, verified_client
from tests.factories import MemberFactory


def test_the_member_list_uses_a_fixed_number_of_queries(
    party: Party, board_a1, django_assert_max_num_queries
):
    MemberFactory.create_batch(60, branch=party.branch_a1)
    client = verified_client(board_a1)
    url = reverse("organisations:member_list", kwargs={"unit_id": party.branch_a1.public_id})
    client.get(url)  # warm the session

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200
    assert "61 leden" in response.content.decode()
    assert "Pagina 1 van 2" in response.content.decode()


def test_the_member_page_shows_how_a_member_can_be_invited(party: Party, board_a1):
    client = verified_client(board_a1)
    response = client.get(
        reverse("organisations:member_detail", kwargs={"member_id": party.member_a1.public_id})
    )
    page = response.content.decode()
    assert party.member_a1.member_number in page
    assert "Netwerk Zorg" in page


def test_a_coach_sees_a_unit_without_a_member_count(party: Party):
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org")
    page = (
        verified_client(coach)
        .get(reverse("organisations:unit_detail", kwargs={"unit_id": party.branch_a1.public_id}))
        .content.decode()
    )
    assert "Afdeling Aa" in page
    assert "Leden bekijken" not in page


def test_the_member_page_says_when_no_contact_is_the_members_own_choice(party: Party, board_a1):
    roster_says_no = MemberFactory(branch=party.branch_a1, do_not_contact=True)
    own_choice = MemberFactory(branch=party.branch_a1, do_not_contact=True, refused_by_member=True)
    client = verified_client(board_a1)

    def page(member) -> str:
        url = reverse("organisations:member_detail", kwargs={"member_id": member.public_id})
        return client.get(url).content.decode()

    assert "zelf afgemeld voor alle ledenpanels" in page(own_choice)
    roster_page = page(roster_says_no)
    assert "geen contact" in roster_page
    assert "zelf afgemeld" not in roster_page
