"""Letter runs: batches in postal order, real PDFs whose codes verify, resumable renders."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store, verify_key
from ledenpanel.invitations.letter_pdf import answer_url, postal_postcode
from ledenpanel.invitations.letters import (
    letter_batch_render_now,
    letter_batches_resume,
    letter_files_delete,
    letter_reminders_due,
    letter_run_enqueue,
    panel_letters_dir,
)
from ledenpanel.invitations.models import Invitation, LetterBatch, LetterState, MessageKind

pytestmark = pytest.mark.usefixtures("small_files")  # two letters a file, under tmp_path

CODE = re.compile(
    r"[34679ACDEFGHJKMNPRTUWXY]{4}-[34679ACDEFGHJKMNPRTUWXY]{4}-[34679ACDEFGHJKMNPRTUWXY]{3}"
)


def _run(panel, django_capture_on_commit_callbacks, **kwargs) -> list[LetterBatch]:
    with django_capture_on_commit_callbacks(execute=True):
        letter_run_enqueue(panel=panel, **kwargs)
    return list(LetterBatch.objects.filter(panel=panel))


def _codes(path: str) -> list[str]:
    reader = PdfReader(path)
    return [CODE.search(page.extract_text()).group(0) for page in reader.pages]


def test_it_batches_the_letters_by_postcode(panel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        batches = letter_run_enqueue(panel=panel)

    assert [len(batch.invitation_ids) for batch in batches] == [2, 2, 2]
    ordered = [i for batch in batches for i in batch.invitation_ids]
    postcodes = [Invitation.objects.get(pk=pk).member.postcode.replace(" ", "") for pk in ordered]
    assert postcodes == sorted(postcodes)
    assert set(ordered) == set(
        Invitation.objects.filter(panel=panel, channel="letter").values_list("id", flat=True)
    )


def test_it_renders_one_page_per_letter_and_every_printed_code_verifies(
    panel, django_capture_on_commit_callbacks
):
    batches = _run(panel, django_capture_on_commit_callbacks)

    verifying = verify_key()
    for batch in batches:
        assert batch.state == LetterState.DONE
        assert batch.path.endswith(f"invitation-0-{batch.sequence:03d}.pdf")
        codes = _codes(batch.path)
        assert len(codes) == len(batch.invitation_ids)
        for invitation_id, printed in zip(batch.invitation_ids, codes, strict=True):
            invitation = Invitation.objects.get(pk=invitation_id)
            assert crypto.verify(verifying, crypto.normalise_code(printed), invitation.verifier)


def test_the_letter_text_names_the_board_the_closing_date_and_the_code_page(
    panel, django_capture_on_commit_callbacks
):
    batch = _run(panel, django_capture_on_commit_callbacks)[0]
    text = PdfReader(batch.path).pages[0].extract_text()

    assert "Het bestuur van Afdeling Aa" in text
    assert "anoniem" in text
    assert "/code/" in text
    with translation.override("nl"):
        assert date_format(panel.closes_on, "j F Y") in text


def test_the_qr_code_opens_the_answering_page_with_the_code():
    assert answer_url("ACDEFGHJKMN").endswith("/p/ACDEFGHJKMN/")


def test_postcodes_are_printed_the_way_the_post_reads_them():
    assert postal_postcode("1234ab") == "1234 AB"
    assert postal_postcode(" 1234  AB ") == "1234 AB"
    assert postal_postcode("B-1000") == "B-1000"


def test_a_run_is_made_once(panel, django_capture_on_commit_callbacks):
    first = _run(panel, django_capture_on_commit_callbacks)
    second = _run(panel, django_capture_on_commit_callbacks)

    assert [batch.pk for batch in first] == [batch.pk for batch in second]


def test_a_batch_left_rendering_by_a_killed_worker_is_rendered_again(
    panel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        batch = letter_run_enqueue(panel=panel)[0]
    LetterBatch.objects.filter(pk=batch.pk).update(
        state=LetterState.RENDERING, finished_at=timezone.now() - timedelta(hours=2)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert letter_batches_resume(panel=panel) == 3  # the stale one and two waiting

    batch.refresh_from_db()
    assert batch.state == LetterState.DONE
    assert len(PdfReader(batch.path).pages) == 2


def test_a_batch_another_worker_is_rendering_is_left_alone(
    panel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        batch = letter_run_enqueue(panel=panel)[0]
    LetterBatch.objects.filter(pk=batch.pk).update(
        state=LetterState.RENDERING, finished_at=timezone.now()
    )

    assert letter_batch_render_now(batch_id=batch.pk) == LetterState.RENDERING
    assert not Path(panel_letters_dir(panel)).exists()


def test_a_failed_render_records_the_kind_of_error_and_no_code(
    panel, django_capture_on_commit_callbacks
):
    key_store().destroy(str(panel.public_id))

    batches = _run(panel, django_capture_on_commit_callbacks)

    assert {batch.state for batch in batches} == {LetterState.FAILED}
    assert batches[0].error == "KeysDestroyed"
    assert not CODE.search(batches[0].error)


def test_reminder_letters_go_to_those_who_answered_too_and_thank_them(
    panel, django_capture_on_commit_callbacks
):
    """The attack: the board prints reminder letters, so a run of non-responders only
    would list exactly who had not answered. Only the member's own choices count."""
    panel.reminder_letters = True
    panel.save()
    letters = list(Invitation.objects.filter(panel=panel, channel="letter").order_by("id"))
    answered, opted_out, no_contact = letters[0], letters[1], letters[2]
    Invitation.objects.filter(pk__in=[letters[0].pk, letters[3].pk]).update(responded=True)
    Invitation.objects.filter(pk=opted_out.pk).update(opted_out=True)
    no_contact.member.do_not_contact = True
    no_contact.member.save(update_fields=["do_not_contact"])

    with django_capture_on_commit_callbacks(execute=True):
        batches = letter_reminders_due(panel=panel, number=1)

    included = [i for batch in batches for i in batch.invitation_ids]
    assert sorted(included) == sorted(
        invitation.pk for invitation in letters if invitation not in (opted_out, no_contact)
    )
    assert answered.pk in included
    assert letters[3].pk in included
    assert {batch.kind for batch in batches} == {MessageKind.REMINDER}
    # The printed files hold the members who answered, with a text that fits them too.
    pages = []
    for batch in LetterBatch.objects.filter(pk__in=[batch.pk for batch in batches]):
        assert batch.path.endswith(f"reminder-1-{batch.sequence:03d}.pdf")
        reader = PdfReader(batch.path)
        assert len(reader.pages) == len(batch.invitation_ids)  # one page per letter
        pages += [" ".join(page.extract_text().split()) for page in reader.pages]
    text = "\n".join(pages)
    assert answered.member.last_name in text
    assert opted_out.member.last_name not in text
    assert all("Herinnering" in page for page in pages)
    assert all("Heeft u al geantwoord? Dank u wel; dan hoeft u niets te doen." in p for p in pages)
    assert "nog niet ontvangen" not in text  # nothing that presumes who did not answer


def test_a_reminder_run_is_the_same_whoever_answered(panel, django_capture_on_commit_callbacks):
    """Two panels alike but for who answered give the same reminder batches."""
    panel.reminder_letters = True
    panel.save()
    with django_capture_on_commit_callbacks(execute=False):
        before = [
            b.invitation_ids for b in letter_run_enqueue(panel=panel, kind="reminder", number=1)
        ]
    LetterBatch.objects.filter(panel=panel).delete()
    Invitation.objects.filter(panel=panel, channel="letter").update(responded=True)
    with django_capture_on_commit_callbacks(execute=False):
        after = [
            b.invitation_ids for b in letter_run_enqueue(panel=panel, kind="reminder", number=1)
        ]

    assert before == after
    assert sum(map(len, before)) == 6


def test_no_reminder_letters_unless_the_panel_asks_for_them(panel):
    assert letter_reminders_due(panel=panel, number=1) == []
    assert not LetterBatch.objects.exists()


def test_closing_deletes_the_letter_files(panel, django_capture_on_commit_callbacks):
    batches = _run(panel, django_capture_on_commit_callbacks)
    LetterBatch.objects.filter(pk=batches[-1].pk).update(state=LetterState.RENDERING)

    letter_files_delete(panel=panel)

    assert not panel_letters_dir(panel).exists()
    assert not LetterBatch.objects.exclude(path="").exists()
    assert LetterBatch.objects.get(pk=batches[-1].pk).state == LetterState.FAILED
    assert all(not Path(batch.path).exists() for batch in batches)


def test_a_printed_code_opens_the_answering_page_by_qr_and_by_typing(
    panel, client, django_capture_on_commit_callbacks
):
    batch = _run(panel, django_capture_on_commit_callbacks)[0]
    printed = _codes(batch.path)[0]
    compact = crypto.normalise_code(printed)

    scanned = client.get(answer_url(compact).removeprefix(settings.SITE_URL))
    typed = client.post(reverse("responses:enter_code"), {"code": printed.lower()})

    assert scanned.status_code == 200
    assert typed.status_code == 302
    assert typed["Location"] == reverse("responses:answer", kwargs={"secret": compact})
