"""Editing, versioning, wording fixes after approval, and coach comments."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import PermissionDenied

from ledenpanel.kernel.questionnaire.schema import Option, Questionnaire
from ledenpanel.kernel.questionnaire.structure import diff
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels import services
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import PanelEvent
from tests.builders import staff_with_role


def _approved(panel, board):
    return services.panel_transition(panel=panel, action=Action.APPROVE, actor=board)


def test_approval_freezes_the_questionnaire(panel, board_a1):
    panel = _approved(panel, board_a1)
    with pytest.raises(services.PanelError, match="staat vast"):
        services.questionnaire_save(
            panel=panel, questionnaire=Questionnaire.from_dict(panel.questionnaire), actor=board_a1
        )


def test_a_wording_fix_after_opening_is_recorded_as_a_new_version(panel, board_a1):
    panel = _approved(panel, board_a1)
    panel = services.panel_transition(panel=panel, action=Action.OPEN, actor=board_a1)
    fixed = Questionnaire.from_dict(panel.questionnaire)
    fixed.questions()[0].label = "Onze afdeling moet met een eigen kieslijst meedoen."

    services.questionnaire_fix_wording(
        panel=panel, questionnaire=fixed, actor=board_a1, note="Typfout verbeterd"
    )

    assert panel.approved_version.number == 2
    assert panel.events.filter(kind=PanelEvent.Kind.WORDING_FIX, note="Typfout verbeterd").exists()


def test_a_wording_fix_cannot_change_options(panel, board_a1):
    panel = _approved(panel, board_a1)
    changed = Questionnaire.from_dict(panel.questionnaire)
    changed.questions()[0].options.append(Option("extra", "Extra"))
    with pytest.raises(services.PanelError, match="alleen de tekst"):
        services.questionnaire_fix_wording(
            panel=panel, questionnaire=changed, actor=board_a1, note="x"
        )


def test_versions_can_be_compared(panel, board_a1):
    first = services.questionnaire_version_create(panel=panel, actor=board_a1, note="eerste")
    changed = Questionnaire.from_dict(copy.deepcopy(panel.questionnaire))
    changed.questions()[0].label = "Een nieuwe formulering."
    services.questionnaire_save(panel=panel, questionnaire=changed, actor=board_a1)
    second = services.questionnaire_version_create(panel=panel, actor=board_a1, note="tweede")

    lines = diff(
        Questionnaire.from_dict(first.definition), Questionnaire.from_dict(second.definition)
    )

    assert any(line.startswith("-[meedoen]") for line in lines)
    assert "+[meedoen] agree_scale: Een nieuwe formulering." in lines


def test_a_coach_comments_on_a_question_and_the_board_resolves_it(panel, board_a1, coach_g1):
    comment = services.comment_add(
        panel=panel, question_name="meedoen", author=coach_g1, text="Zeg 'kieslijst'."
    )
    services.comment_resolve(comment=comment, actor=board_a1)
    comment.refresh_from_db()
    assert comment.resolved


def test_an_outsider_cannot_comment(panel, party):
    outsider = staff_with_role(party.region_2, RoleKind.COACH, "coach-g2@example.org")
    with pytest.raises(PermissionDenied):
        services.comment_add(panel=panel, question_name="meedoen", author=outsider, text="x")
