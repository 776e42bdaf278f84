"""Letters after the close: the results run prints the announcement with each
member's own code (the code of their invitation letter), for every letter
member who did not opt out, and the board's letters page lists it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.letters import letter_batch_render_now, letter_run_enqueue
from ledenpanel.invitations.models import (
    Announcement,
    LetterBatch,
    LetterState,
    MessageKind,
)
from ledenpanel.panels.models import PanelState
from tests.support.letters import (
    announce,
    codes_by_member,
    pages_text,
    run_letters,
)

pytestmark = pytest.mark.usefixtures("small_files")  # two letters a file, under tmp_path

# Taken before the letters_dir fixture points VAR_DIR at the test's tmp_path.
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots" / "letters"


def test_a_results_run_prints_the_announcement_with_each_members_invitation_code(
    closed_panel, django_capture_on_commit_callbacks
):
    panel, invitation_codes, letters = closed_panel
    assert panel.state != PanelState.OPEN
    announce(panel)

    batches = run_letters(panel, django_capture_on_commit_callbacks, kind=MessageKind.RESULTS)

    assert {batch.kind for batch in batches} == {MessageKind.RESULTS}
    results_codes = codes_by_member(batches)
    assert results_codes  # every page was matched to its member above
    for member_id, code in results_codes.items():
        assert code == invitation_codes[member_id]  # the same code, the same member
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # for a person to look at
    render = ["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1"]
    subprocess.run([*render, batches[0].path, str(SCREENSHOTS / "results-1")], check=True)
    pages = [page for batch in batches for page in pages_text(batch.path)]
    assert len(pages) == sum(len(batch.invitation_ids) for batch in batches) == 4
    for page in pages:
        flat = " ".join(page.split())
        assert "De uitslag: hoge dijken" in flat
        assert "Twee op de drie leden willen hogere dijken." in flat
        assert "De meeste leden vinden <groen> belangrijk." in flat  # escaped HTML, as given
        assert "met uw persoonlijke code:" in flat
        assert "of ze nu hebben meegedaan of niet" in flat
        assert "Het bestuur van Afdeling Aa" in flat
        assert "Meedoen kan tot en met" not in flat
    # Each page is addressed to its own member: name, street, postcode, code.
    for invitation in [letters[0], *letters[3:]]:
        member = invitation.member
        [page] = [p for p in pages if member.last_name in p]
        flat = " ".join(page.split())
        assert f"Beste {member.first_name} {member.last_name}," in flat
        assert f"{member.street} {member.house_number}" in flat
        assert member.postcode.replace(" ", "")[:4] in flat
        assert invitation_codes[member.pk] in flat


def test_results_letters_go_to_every_letter_member_but_who_opted_out(closed_panel):
    panel, _codes, letters = closed_panel
    announce(panel)

    batches = letter_run_enqueue(panel=panel, kind=MessageKind.RESULTS)

    included = sorted(i for batch in batches for i in batch.invitation_ids)
    assert included == sorted(i.pk for i in letters if i not in (letters[1], letters[2]))


def test_the_codes_come_from_the_link_key_the_close_kept(closed_panel):
    panel, _codes, _letters = closed_panel
    announce(panel)
    [batch, *_] = letter_run_enqueue(panel=panel, kind=MessageKind.RESULTS)
    key_store().forget_link_key(str(panel.public_id))  # as when the panel is archived

    assert letter_batch_render_now(batch_id=batch.pk) == LetterState.FAILED
    batch.refresh_from_db()
    assert batch.error == "KeysDestroyed"


def test_a_results_run_needs_its_announcement(closed_panel):
    panel, _codes, _letters = closed_panel

    with pytest.raises(Announcement.DoesNotExist):
        letter_run_enqueue(panel=panel, kind=MessageKind.RESULTS)
    assert not LetterBatch.objects.filter(panel=panel, kind=MessageKind.RESULTS).exists()


def test_an_announcement_too_long_for_one_page_fails_by_type_only(
    closed_panel, django_capture_on_commit_callbacks
):
    panel, _codes, _letters = closed_panel
    announce(panel, letter_html="<p>Een heel lange uitslag.</p>" * 80)

    batches = run_letters(panel, django_capture_on_commit_callbacks, kind=MessageKind.RESULTS)

    assert {(batch.state, batch.error) for batch in batches} == {
        (LetterState.FAILED, "LetterTooLong")
    }


def test_the_board_sees_and_retries_the_results_run_after_theclose_now(
    closed_panel, board, django_capture_on_commit_callbacks
):
    panel, _codes, _letters = closed_panel
    announce(panel)
    batches = run_letters(panel, django_capture_on_commit_callbacks, kind=MessageKind.RESULTS)
    LetterBatch.objects.filter(pk=batches[0].pk).update(state=LetterState.FAILED, error="OSError")
    url = reverse("invitations:letters", kwargs={"panel_id": panel.public_id})

    page = board.get(url).content.decode()

    assert "uitslag" in page  # the run's kind
    assert "gewist" in page  # the invitation run's files, erased at the close
    assert "1 van 2 bestanden klaar (2 van 4 brieven)" in page
    assert "opnieuw maken" in page
    download = reverse(
        "invitations:letter_download",
        kwargs={
            "panel_id": panel.public_id,
            "sequence": batches[1].sequence,
            "kind": "results",
            "number": 0,
        },
    )
    assert download in page
    assert board.get(download).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        board.post(reverse("invitations:letters_resume", args=[panel.public_id]))

    assert LetterBatch.objects.get(pk=batches[0].pk).state == LetterState.DONE


def test_another_board_cannot_see_the_letters_page(closed_panel, party):
    from ledenpanel.organisations.models import RoleKind
    from tests.builders import staff_with_role, verified_client

    panel, _codes, _letters = closed_panel
    other = verified_client(staff_with_role(party.branch_b1, RoleKind.BOARD, "b1@example.org"))

    response = other.get(reverse("invitations:letters", kwargs={"panel_id": panel.public_id}))

    assert response.status_code in (403, 404)
