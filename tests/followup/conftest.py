from __future__ import annotations

import pytest

from ledenpanel.organisations.models import Member
from ledenpanel.responses import services
from ledenpanel.responses.sessions import AnsweringSession
from ledenpanel.results.publication import results_publish
from tests.builders import (
    DRAFTED_POINTS,
    Party,
    Reported,
    board_closes,
    board_marks_final,
    engine_result,
    member_session,
    open_panel_for,
    secret_for,
    store_analysis,
    unit_board,
)


@pytest.fixture
def submitted_session(open_panel, party: Party) -> AnsweringSession:
    """Member A1's answering session, right after a submission that counted."""
    session = member_session(secret_for(open_panel, party.member_a1))
    assert services.answers_submit(session=session, answers={"meedoen": "eens"}).counted
    return session


@pytest.fixture(scope="module")
def result() -> dict:
    """The real engine's result for 30 answers to ``every_type_questionnaire``."""
    return engine_result(30)


@pytest.fixture
def final_report(party: Party, result: dict, django_capture_on_commit_callbacks) -> Reported:
    """Branch A1's panel, opened, closed (keys destroyed), analysed, its report final.

    The member's link and the letter member's code are taken at opening, as
    the mail and the letter carried them.
    """
    panel = open_panel_for(party)
    letter = Member.objects.get(last_name="Briefmans")
    secrets = {"email": secret_for(panel, party.member_a1), "letter": secret_for(panel, letter)}
    with django_capture_on_commit_callbacks(execute=True):
        board_closes(panel)
    store_analysis(panel, {**result, "discussion_points": DRAFTED_POINTS})
    return Reported(panel=board_marks_final(panel), secrets=secrets, board=unit_board(panel.unit))


@pytest.fixture
def published(final_report: Reported) -> Reported:
    """The same panel with its results published to the members."""
    results_publish(panel=final_report.panel, actor=final_report.board, public=False)
    return final_report
