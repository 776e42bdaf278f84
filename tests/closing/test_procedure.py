"""The close procedure end to end: responses written once, nothing left behind."""

from __future__ import annotations

from collections import Counter

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.closing.services import panel_close
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import Invitation
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import PanelState
from ledenpanel.panels.services import panel_transition
from ledenpanel.responses import selectors, services
from ledenpanel.responses.models import Draft, Envelope, Receipt, Response
from tests.builders import Party, member_session, national_panel, secret_for, submit_many


def _close(panel, capture) -> PanelClosing:
    with capture(execute=True):
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    return PanelClosing.objects.get(panel=panel)


def _leftovers(panel) -> dict[str, int]:
    return {
        "envelopes": Envelope.objects.filter(panel=panel).count(),
        "receipts": Receipt.objects.filter(panel=panel).count(),
        "drafts": Draft.objects.filter(panel=panel).count(),
        "responded flags": Invitation.objects.filter(panel=panel).exclude(responded=None).count(),
    }


def test_closing_writes_one_response_per_submission_and_leaves_nothing_behind(
    party: Party, django_capture_on_commit_callbacks
):
    panel = national_panel(party, per_branch={"A1": 14, "A2": 12, "B1": 14})
    submitted = submit_many(panel, 30)
    # An unfinished answer leaves a draft: it goes too.
    last = Invitation.objects.filter(panel=panel).order_by("-member_id").first()
    session = member_session(secret_for(panel, last.member))
    services.draft_save(session=session, answers={"vervoer": "bus"}, page=0)
    # The draft, and each submitter's browser's note that it is done: all go.
    assert Draft.objects.filter(panel=panel).count() == 31

    closing = _close(panel, django_capture_on_commit_callbacks)

    assert closing.stage == CloseStage.DONE
    assert closing.finished_at is not None
    responses = list(Response.objects.filter(panel=panel))
    assert len(responses) == 30 == closing.respondents
    assert Counter(r.answers["vervoer"] for r in responses) == Counter(
        a["vervoer"] for a in submitted
    )
    assert sum(bool(r.evaluation) for r in responses) == 15
    assert _leftovers(panel) == dict.fromkeys(_leftovers(panel), 0)
    assert key_store().is_destroyed(str(panel.public_id))
    assert not key_store().exists(str(panel.public_id))
    panel.refresh_from_db()
    assert panel.state == PanelState.CLOSED


def test_every_combination_of_kept_bands_has_at_least_k_respondents(
    party: Party, django_capture_on_commit_callbacks
):
    panel = national_panel(party, per_branch={"A1": 20, "A2": 15, "B1": 15})
    submit_many(panel, 45)

    closing = _close(panel, django_capture_on_commit_callbacks)

    combinations = Counter(
        tuple(sorted(r.bands.items())) for r in Response.objects.filter(panel=panel)
    )
    assert min(combinations.values()) >= closing.min_group
    assert closing.coding["smallest"] >= closing.min_group
    assert any(r.bands for r in Response.objects.filter(panel=panel))  # something is kept


def test_the_aggregates_hold_counts_and_suppressed_tables_only(
    party: Party, django_capture_on_commit_callbacks
):
    panel = national_panel(party, per_branch={"A1": 25, "A2": 4, "B1": 25})
    submit_many(panel, 45)

    aggregates = _close(panel, django_capture_on_commit_callbacks).aggregates

    assert aggregates["has_results"] is True
    assert aggregates["respondents"] == 45
    assert aggregates["assisted"] == 5  # every tenth member answered with a volunteer
    assert aggregates["versions"] == {"1": 45}
    participation = aggregates["participation"]
    assert participation["responded"] == 45
    assert participation["invited"] == Invitation.objects.filter(panel=panel).count()
    # A2 has 4 members: its count is hidden, and so is one more branch of its
    # region, so "region minus the others" does not give A2 away.
    branches = participation["by"]["branch"]
    assert branches["A2"]["responded"] is None
    assert branches["A1"]["responded"] is None
    representativeness = aggregates["representativeness"]
    assert -1 <= representativeness["r"] <= 1
    assert set(representativeness["partials"]) == {"age", "gender", "region", "tenure"}
    vervoer = aggregates["subunits"]["items"]["vervoer"]
    assert vervoer["branch"]["A2"] is None
    shown = [counts for counts in vervoer["branch"].values() if counts is not None]
    assert all(sum(counts.values()) >= 10 for counts in shown)


def test_a_panel_under_k_keeps_its_count_and_no_results(
    party: Party, django_capture_on_commit_callbacks
):
    panel = national_panel(party, per_branch={"A1": 5, "B1": 3})
    submit_many(panel, 7)

    closing = _close(panel, django_capture_on_commit_callbacks)

    assert closing.stage == CloseStage.DONE
    assert closing.respondents == 7
    assert closing.aggregates["has_results"] is False
    assert closing.aggregates["subunits"] == {}
    assert closing.coding["variables"] == {}
    assert [r.bands for r in Response.objects.filter(panel=panel)] == [{}] * 7


def test_closing_again_changes_nothing(party: Party, django_capture_on_commit_callbacks):
    panel = national_panel(party, per_branch={"A1": 12})
    submit_many(panel, 11)
    _close(panel, django_capture_on_commit_callbacks)

    closing = panel_close(panel=panel)

    assert closing.stage == CloseStage.DONE
    assert Response.objects.filter(panel=panel).count() == 11


def test_open_link_answers_are_kept_apart_without_bands(
    party: Party, django_capture_on_commit_callbacks
):
    panel = national_panel(party, per_branch={"A1": 12})
    submit_many(panel, 10)
    for index in range(3):
        session = selectors.answering_session_for_open_link(
            panel=panel, secret=f"browser-secret-{index}"
        )
        answers = {"vervoer": "bus", "stelling": "eens", "themas": ["zorg"], "cijfer": 7}
        assert services.answers_submit(session=session, answers=answers).counted

    closing = _close(panel, django_capture_on_commit_callbacks)

    assert closing.respondents == 10
    assert closing.open_respondents == 3
    open_responses = Response.objects.filter(panel=panel, is_open=True)
    assert [r.bands for r in open_responses] == [{}] * 3


def test_a_closed_panel_link_no_longer_answers(party: Party, django_capture_on_commit_callbacks):
    panel = national_panel(party, per_branch={"A1": 3})
    invitation = Invitation.objects.filter(panel=panel).first()
    secret = secret_for(panel, invitation.member)
    _close(panel, django_capture_on_commit_callbacks)

    session = member_session(secret)

    assert session is not None  # the link still opens the results page later
    assert not selectors.answering_is_open(session=session)


def test_letter_files_are_deleted_at_close(party: Party, django_capture_on_commit_callbacks):
    from ledenpanel.invitations.letters import panel_letters_dir
    from ledenpanel.invitations.models import LetterBatch, LetterState, MessageKind

    panel = national_panel(party, per_branch={"A1": 3}, letters=2)
    directory = panel_letters_dir(panel)
    directory.mkdir(parents=True, exist_ok=True)
    pdf = directory / "letters-1.pdf"
    pdf.write_bytes(b"%PDF- codes inside")
    # The opening queued the letter run; say it rendered its file.
    LetterBatch.objects.filter(panel=panel, kind=MessageKind.INVITATION).update(
        state=LetterState.DONE, path=str(pdf)
    )

    _close(panel, django_capture_on_commit_callbacks)

    assert not pdf.exists()
    assert LetterBatch.objects.get(panel=panel).path == ""
