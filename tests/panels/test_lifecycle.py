"""A panel's states: who may move it where, and what each step records."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ledenpanel.followup.services import answer_draft_save
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels import services
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import PanelEvent, PanelState, UnitPanelSettings
from ledenpanel.results.publication import results_publish
from tests.builders import Party, sample_questionnaire, staff_with_role, store_analysis


def _move(panel, actor, *actions, note=""):
    for action in actions:
        panel = services.panel_transition(panel=panel, action=action, actor=actor, note=note)
    return panel


def test_a_board_takes_a_panel_from_draft_to_open_without_required_review(panel, board_a1):
    panel = _move(panel, board_a1, Action.APPROVE, Action.OPEN)

    assert panel.state == PanelState.OPEN
    assert panel.approved_version.number == 1
    kinds = list(panel.events.values_list("kind", "to_state"))
    assert kinds[0] == (PanelEvent.Kind.CREATED, PanelState.DRAFT)
    assert (PanelEvent.Kind.TRANSITION, PanelState.OPEN) in kinds
    assert all(event.actor == board_a1 for event in panel.events.all())


def test_with_required_review_the_board_approves_only_after_the_coach_signs_off(
    party: Party, board_a1, coach_g1
):
    UnitPanelSettings.objects.create(unit=party.region_1, coach_review_required=True)
    panel = services.panel_create(
        unit=party.branch_a1,
        title="t",
        topic="t",
        purpose="p",
        created_by=board_a1,
        questionnaire=sample_questionnaire(),
    )
    assert panel.coach_review_required
    assert Action.APPROVE not in services.panel_actions(panel=panel, user=board_a1)

    panel = _move(panel, board_a1, Action.SUBMIT_FOR_REVIEW)
    assert Action.APPROVE not in services.panel_actions(panel=panel, user=board_a1)
    panel = _move(panel, coach_g1, Action.SIGN_OFF)
    assert Action.APPROVE in services.panel_actions(panel=panel, user=board_a1)

    # Saving the same questions keeps the sign-off; a change needs a new one.
    services.questionnaire_save(panel=panel, questionnaire=sample_questionnaire(), actor=board_a1)
    assert Action.APPROVE in services.panel_actions(panel=panel, user=board_a1)
    changed = sample_questionnaire()
    changed.questions()[0].label = "Een andere formulering van de stelling."
    services.questionnaire_save(panel=panel, questionnaire=changed, actor=board_a1)
    assert Action.APPROVE not in services.panel_actions(panel=panel, user=board_a1)


def test_a_coach_cannot_open_a_panel(panel, board_a1, coach_g1):
    panel = _move(panel, board_a1, Action.APPROVE)
    with pytest.raises(PermissionDenied):
        _move(panel, coach_g1, Action.OPEN)


def test_a_board_of_another_branch_cannot_touch_the_panel(panel, party: Party):
    other = staff_with_role(party.branch_b1, RoleKind.BOARD, "b1@example.org")
    with pytest.raises(PermissionDenied):
        _move(panel, other, Action.APPROVE)


def test_a_state_that_does_not_allow_the_step_says_so(panel, board_a1):
    with pytest.raises(services.PanelError, match="concept"):
        _move(panel, board_a1, Action.CLOSE)


def test_cancelling_needs_a_message_for_the_members(panel, board_a1):
    panel = _move(panel, board_a1, Action.APPROVE, Action.OPEN)
    with pytest.raises(services.PanelError):
        _move(panel, board_a1, Action.CANCEL)
    panel = _move(panel, board_a1, Action.CANCEL, note="Het onderwerp is door de raad al besloten.")
    assert panel.state == PanelState.CANCELLED
    assert panel.events.last().note == "Het onderwerp is door de raad al besloten."


def test_approving_needs_questions(party: Party, board_a1):
    panel = services.panel_create(
        unit=party.branch_a1, title="t", topic="t", purpose="p", created_by=board_a1
    )
    with pytest.raises(services.PanelError, match="geen vragen"):
        _move(panel, board_a1, Action.APPROVE)


def test_opening_needs_dates(party: Party, board_a1):
    panel = services.panel_create(
        unit=party.branch_a1,
        title="t",
        topic="t",
        purpose="p",
        created_by=board_a1,
        questionnaire=sample_questionnaire(),
    )
    panel = _move(panel, board_a1, Action.APPROVE)
    with pytest.raises(services.PanelError, match="datum"):
        _move(panel, board_a1, Action.OPEN)


def test_the_whole_cycle_ends_in_the_archive(panel, board_a1, coach_g1):
    panel = _move(panel, board_a1, Action.APPROVE, Action.OPEN, Action.CLOSE)
    store_analysis(panel, {"discussion_points": []})  # what the worker does after the close
    with pytest.raises(PermissionDenied):  # the coach edits the report; the board makes it final
        _move(panel, coach_g1, Action.MARK_REPORTED)
    panel = _move(panel, board_a1, Action.MARK_REPORTED)
    with pytest.raises(services.PanelError, match="Publiceer eerst de uitslag"):
        _move(panel, board_a1, Action.MARK_RESPONDED)
    results_publish(panel=panel, actor=board_a1, public=False)
    answer_draft_save(panel=panel, actor=board_a1, overall="Dank u.", points=[])
    panel = _move(panel, board_a1, Action.MARK_RESPONDED, Action.ARCHIVE)
    assert panel.state == PanelState.ARCHIVED


def test_the_closing_date_can_only_move_later_while_open(panel, board_a1):
    panel = _move(panel, board_a1, Action.APPROVE, Action.OPEN)
    later = (
        panel.closes_on.replace(day=panel.closes_on.day) + (panel.results_by - panel.closes_on) / 2
    )
    services.panel_extend_closing(panel=panel, closes_on=later, actor=board_a1)
    assert panel.closes_on == later
    with pytest.raises(services.PanelError):
        services.panel_extend_closing(panel=panel, closes_on=later, actor=board_a1)
    assert panel.events.filter(kind=PanelEvent.Kind.CLOSING_DATE).count() == 1


def test_dates_must_be_in_order(panel, board_a1):
    with pytest.raises(services.PanelError, match="volgorde"):
        services.panel_update(
            panel=panel, actor=board_a1, closes_on=panel.opens_on.replace(year=2000)
        )


def test_a_board_above_the_unit_reads_along_but_cannot_act(panel, party: Party):
    regional_board = staff_with_role(party.region_1, RoleKind.BOARD, "region@example.org")
    assert services.panel_actions(panel=panel, user=regional_board) == []
    with pytest.raises(PermissionDenied):
        _move(panel, regional_board, Action.APPROVE)


def test_a_coach_cannot_take_back_the_boards_approval(panel, board_a1, coach_g1):
    panel = _move(panel, board_a1, Action.APPROVE)
    assert Action.RETURN_TO_DRAFT not in services.panel_actions(panel=panel, user=coach_g1)
    assert Action.RETURN_TO_DRAFT in services.panel_actions(panel=panel, user=board_a1)


@pytest.mark.django_db(transaction=True)
def test_a_step_that_fails_leaves_the_panel_and_its_history_as_they_were(
    panel, board_a1, monkeypatch
):
    """The state change and what it sets going (fieldwork's steps) are one transaction."""
    panel = _move(panel, board_a1, Action.APPROVE)

    def broken(**_kwargs) -> None:
        raise RuntimeError("the invitations could not be made")

    monkeypatch.setitem(services._TRANSITION_EFFECTS, Action.OPEN, broken)
    with pytest.raises(RuntimeError):
        _move(panel, board_a1, Action.OPEN)

    panel.refresh_from_db()
    assert panel.state == PanelState.APPROVED
    assert not panel.events.filter(to_state=PanelState.OPEN).exists()


def test_opening_fails_loudly_when_nothing_carries_it_out(panel, board_a1, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    panel = _move(panel, board_a1, Action.APPROVE)
    monkeypatch.delitem(services._TRANSITION_EFFECTS, Action.OPEN)

    with pytest.raises(ImproperlyConfigured):
        _move(panel, board_a1, Action.OPEN)
