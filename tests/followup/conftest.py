from __future__ import annotations

import pytest

from ledenpanel.responses import services
from ledenpanel.responses.sessions import AnsweringSession
from tests.builders import Party, member_session, secret_for


@pytest.fixture
def submitted_session(open_panel, party: Party) -> AnsweringSession:
    """Member A1's answering session, right after a submission that counted."""
    session = member_session(secret_for(open_panel, party.member_a1))
    assert services.answers_submit(session=session, answers={"meedoen": "eens"}).counted
    return session
