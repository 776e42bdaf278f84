"""Which state changes exist, from where to where, and who may make them.

Pure rules (no database): the roles a user holds on a panel, the states, which
state allows what (``can_edit_questions`` …) and the transitions. Services
enforce them; views ask them to offer only the buttons a user may press.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ledenpanel.panels.models import PanelState


class PanelRole(StrEnum):
    """The user's relation to one panel, which decides the actions offered."""

    BOARD = "board"
    COACH = "coach"
    COORDINATOR = "coordinator"


# Which states allow what. Views ask the predicates below to offer a button;
# services ask them again before they change anything.
QUESTIONS_EDITABLE = frozenset({PanelState.DRAFT, PanelState.IN_REVIEW})
# Before opening: the plan may change, and the opening page shows its preview.
BEFORE_OPENING = QUESTIONS_EDITABLE | {PanelState.APPROVED}
# After approval only the wording may be corrected (every fix is in the history).
WORDING_FIXABLE = frozenset({PanelState.APPROVED, PanelState.OPEN})
# After close: the responses are written (or being written) and stay.
CLOSED_STATES = frozenset(
    {PanelState.CLOSED, PanelState.REPORTED, PanelState.RESPONDED, PanelState.ARCHIVED}
)


def can_edit_questions(state: str) -> bool:
    return state in QUESTIONS_EDITABLE


def can_edit_plan(state: str) -> bool:
    """Dates, population, reminders: until the panel opens."""
    return state in BEFORE_OPENING


def can_fix_wording(state: str) -> bool:
    return state in WORDING_FIXABLE


BOARD = frozenset({PanelRole.BOARD})
BOARD_OR_COACH = frozenset({PanelRole.BOARD, PanelRole.COACH})


class Action(StrEnum):
    SUBMIT_FOR_REVIEW = "submit_for_review"
    SIGN_OFF = "sign_off"
    RETURN_TO_DRAFT = "return_to_draft"
    APPROVE = "approve"
    OPEN = "open"
    CLOSE = "close"
    MARK_REPORTED = "mark_reported"
    MARK_RESPONDED = "mark_responded"
    ARCHIVE = "archive"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[PanelState]
    target: PanelState
    roles: frozenset[PanelRole]
    label: str | Promise
    needs_note: bool = False


TRANSITIONS: dict[Action, Transition] = {
    Action.SUBMIT_FOR_REVIEW: Transition(
        frozenset({PanelState.DRAFT}),
        PanelState.IN_REVIEW,
        BOARD,
        _("Voorleggen aan de begeleider"),
    ),
    # The coach's sign-off keeps the state; it lets the board approve when
    # review is required.
    Action.SIGN_OFF: Transition(
        frozenset({PanelState.IN_REVIEW}),
        PanelState.IN_REVIEW,
        frozenset({PanelRole.COACH}),
        _("Beoordeling afronden"),
    ),
    Action.RETURN_TO_DRAFT: Transition(
        frozenset({PanelState.IN_REVIEW, PanelState.APPROVED}),
        PanelState.DRAFT,
        BOARD_OR_COACH,
        _("Terug naar concept"),
    ),
    Action.APPROVE: Transition(
        frozenset({PanelState.DRAFT, PanelState.IN_REVIEW}),
        PanelState.APPROVED,
        BOARD,
        _("Vragenlijst goedkeuren"),
    ),
    Action.OPEN: Transition(
        frozenset({PanelState.APPROVED}), PanelState.OPEN, BOARD, _("Ledenpanel openen")
    ),
    Action.CLOSE: Transition(
        frozenset({PanelState.OPEN}), PanelState.CLOSED, BOARD, _("Nu sluiten")
    ),
    Action.MARK_REPORTED: Transition(
        frozenset({PanelState.CLOSED}),
        PanelState.REPORTED,
        BOARD,
        _("Verslag definitief maken"),
    ),
    Action.MARK_RESPONDED: Transition(
        frozenset({PanelState.REPORTED}),
        PanelState.RESPONDED,
        BOARD,
        _("Reactie van het bestuur publiceren"),
    ),
    Action.ARCHIVE: Transition(
        frozenset({PanelState.RESPONDED}),
        PanelState.ARCHIVED,
        frozenset({PanelRole.BOARD, PanelRole.COORDINATOR}),
        _("Archiveren"),
    ),
    Action.CANCEL: Transition(
        frozenset({PanelState.DRAFT, PanelState.IN_REVIEW, PanelState.APPROVED, PanelState.OPEN}),
        PanelState.CANCELLED,
        BOARD,
        _("Annuleren"),
        needs_note=True,
    ),
}


def allowed_actions(
    *,
    state: str,
    roles: set[PanelRole],
    review_required: bool,
    reviewed: bool,
) -> list[Action]:
    """The actions a user with ``roles`` may take on a panel in ``state``.

    With coach review required, the board approves only from review and only
    after a coach signed off on the current questionnaire.
    """
    actions = []
    for action, transition in TRANSITIONS.items():
        if state not in transition.sources or not roles & transition.roles:
            continue
        if (
            action == Action.APPROVE
            and review_required
            and not (state == PanelState.IN_REVIEW and reviewed)
        ):
            continue
        # Only the board takes back its own approval.
        returning_approval = action == Action.RETURN_TO_DRAFT and state == PanelState.APPROVED
        if returning_approval and PanelRole.BOARD not in roles:
            continue
        actions.append(action)
    return actions
