"""Letter runs: members without e-mail get a printed letter with their code.

At opening (and for each reminder, when the panel sends reminder letters) the
letter-channel invitations are split into batches of ``LETTERS_PER_FILE``,
ordered by postcode for the printer and the post. After the close, the
results and the board's answer go out the same way (``ANNOUNCED_KINDS``: the
text is an :class:`Announcement` another layer composed). After the commit
one task per batch renders its PDF (``letter_pdf``: the run's body once,
each letter's address, code and QR code stamped on it). A task claims its
batch with a conditional update; while a batch renders, ``finished_at`` holds the claim time (the
lease), so a batch left ``rendering`` by a killed worker is claimed again
once the lease (``LETTER_LEASE_SECONDS``) has passed: see
:func:`letter_batches_resume`. The file is written to a temporary name and
renamed, so a printer never sees half a file.

A **reminder** letter run goes to every letter member who has not opted out
of the panel or asked for no contact, *whether or not they answered*, and
thanks those who already did. The board prints these letters: a run of
non-responders only would tell it exactly who answered (docs/anonymity.md).
Only the member's own choices (opting out, no contact) leave someone out.
The letters with the results or the board's answer follow the same rule
(after the close no one knows who answered anyway; the letter says so).

Every kind derives the member's code with the link key from
``KeyStore.read_link_key``: the panel's keys while it is open, after the close
the link key the close kept. So a results letter carries the very code of the
member's invitation letter, and it opens the member's results page.

Letter files hold codes: :func:`letter_files_delete` removes them at close,
and :func:`letter_batches_forget` empties the batches' member lists. The
files of the runs after the close hold the same codes, which then open only
the results page; they stay until the link key goes (archiving).
Errors stored on a batch name the kind of failure only, never a code.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.letter_pdf import Letter, letter_for, letters_pdf
from ledenpanel.invitations.models import (
    ANNOUNCED_KINDS,
    Announcement,
    Channel,
    Invitation,
    LetterBatch,
    LetterState,
    MessageKind,
)
from ledenpanel.panels.models import Panel, PanelState

logger = logging.getLogger(__name__)
_NUMBER = re.compile(r"\d+")


def letters_root() -> Path:
    return Path(settings.VAR_DIR) / "letters"


def panel_letters_dir(panel: Panel) -> Path:
    return letters_root() / str(panel.public_id)


def batch_file_name(batch: LetterBatch) -> str:
    return f"{batch.kind}-{batch.number}-{batch.sequence:03d}.pdf"


def _house_number(value: str) -> tuple[int, str]:
    match = _NUMBER.search(value or "")
    return (int(match[0]) if match else 0, value or "")


def _postal_order(panel: Panel, invitations: Q) -> list[int]:
    """Invitation ids by postcode, house number, then member: the post's order."""
    rows = Invitation.objects.filter(invitations, panel=panel).values_list(
        "id", "member__postcode", "member__house_number", "member_id"
    )
    ordered = sorted(
        rows,
        key=lambda row: (
            (row[1] or "").replace(" ", "").upper(),
            _house_number(row[2]),
            row[3],
        ),
    )
    return [row[0] for row in ordered]


@transaction.atomic
def letter_run_enqueue(
    *, panel: Panel, kind: str = MessageKind.INVITATION, number: int = 0
) -> list[LetterBatch]:
    """Make the batches of one letter run and render them after the commit.

    Idempotent: a run that already has batches is returned as it is. A
    reminder, results or answer run leaves out only members who opted out of
    the panel or asked for no contact; it never looks at whether a member
    answered (module doc). A results or answer run needs its announcement.
    """
    existing = list(LetterBatch.objects.filter(panel=panel, kind=kind, number=number))
    if existing:
        return existing
    if kind in ANNOUNCED_KINDS:  # fail here, not in 30 render tasks
        Announcement.objects.get(panel=panel, kind=kind, number=number)
    selection = Q(channel=Channel.LETTER)
    if kind == MessageKind.REMINDER or kind in ANNOUNCED_KINDS:
        selection &= Q(opted_out=False, member__do_not_contact=False)
    ids = _postal_order(panel, selection)
    size = max(1, settings.LETTERS_PER_FILE)
    batches = LetterBatch.objects.bulk_create(
        LetterBatch(
            panel=panel,
            kind=kind,
            number=number,
            sequence=index // size + 1,
            invitation_ids=ids[index : index + size],
        )
        for index in range(0, len(ids), size)
    )
    batch_ids = list(
        LetterBatch.objects.filter(panel=panel, kind=kind, number=number).values_list(
            "id", flat=True
        )
    )
    transaction.on_commit(lambda: _enqueue(batch_ids))
    return batches


def letter_reminders_due(*, panel: Panel, number: int) -> list[LetterBatch]:
    """The reminder scheduler calls this for reminder ``number`` of ``panel``.

    Letters go out only when the panel was planned with reminder letters.
    """
    if not panel.reminder_letters or panel.state != PanelState.OPEN:
        return []
    return letter_run_enqueue(panel=panel, kind=MessageKind.REMINDER, number=number)


def _enqueue(batch_ids: list[int]) -> None:
    for batch_id in batch_ids:
        letter_batch_render.enqueue(batch_id=batch_id)


@task()
def letter_batch_render(*, batch_id: int) -> str:
    """Render one batch (the worker's task); safe to run twice."""
    return letter_batch_render_now(batch_id=batch_id)


def _lease() -> timedelta:
    return timedelta(seconds=settings.LETTER_LEASE_SECONDS)


def _claim(batch_id: int) -> LetterBatch | None:
    """Take the batch if it waits, or if its last claim has outlived the lease."""
    now = timezone.now()
    stale = Q(state=LetterState.RENDERING) & (
        Q(finished_at__isnull=True) | Q(finished_at__lt=now - _lease())
    )
    claimed = (
        LetterBatch.objects.filter(pk=batch_id)
        .filter(Q(state=LetterState.QUEUED) | stale)
        .update(state=LetterState.RENDERING, finished_at=now, error="")
    )
    if not claimed:
        return None
    return LetterBatch.objects.select_related("panel", "panel__unit").get(pk=batch_id)


def _letters(batch: LetterBatch, link_key: bytes) -> list[Letter]:
    rows = Invitation.objects.filter(id__in=batch.invitation_ids).values_list(
        "id",
        "ref",
        "code_attempt",
        "member__first_name",
        "member__infix",
        "member__last_name",
        "member__street",
        "member__house_number",
        "member__postcode",
        "member__city",
    )
    by_id = {row[0]: row for row in rows}
    letters = []
    for invitation_id in batch.invitation_ids:
        row = by_id.get(invitation_id)
        if row is None:  # the member was removed since the run was made
            continue
        _, ref, attempt, first, infix, last, street, house, postcode, city = row
        letters.append(
            letter_for(
                first_name=first,
                infix=infix,
                last_name=last,
                street=street,
                house_number=house,
                postcode=postcode,
                city=city,
                code=crypto.letter_code(link_key, ref, attempt=attempt),
            )
        )
    return letters


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _announcement(batch: LetterBatch) -> Announcement | None:
    """The text of a results or answer run, composed by the layer that owns it."""
    if batch.kind not in ANNOUNCED_KINDS:
        return None
    return Announcement.objects.get(panel=batch.panel, kind=batch.kind, number=batch.number)


def letter_batch_render_now(*, batch_id: int) -> str:
    """Claim, render and store one batch; returns the batch's state."""
    batch = _claim(batch_id)
    if batch is None:
        return LetterBatch.objects.filter(pk=batch_id).values_list("state", flat=True).first() or ""
    stamp = batch.finished_at
    path = panel_letters_dir(batch.panel) / batch_file_name(batch)
    try:
        # The link key alone: after the close it is all that is left (keystore).
        link_key = key_store().read_link_key(str(batch.panel.public_id))
        pdf = letters_pdf(
            panel=batch.panel,
            kind=batch.kind,
            letters=_letters(batch, link_key),
            today=timezone.localdate(),
            announcement=_announcement(batch),
        )
        _write_atomically(path, pdf)
    except Exception as error:  # any failure is recorded on the batch
        # The message may quote the letter's text (and so a code): keep the type only.
        logger.error("letter batch %s failed: %s", batch_id, type(error).__name__)
        LetterBatch.objects.filter(
            pk=batch_id, state=LetterState.RENDERING, finished_at=stamp
        ).update(
            state=LetterState.FAILED,
            error=f"{type(error).__name__}",
            finished_at=timezone.now(),
        )
        return LetterState.FAILED
    finished = LetterBatch.objects.filter(
        pk=batch_id, state=LetterState.RENDERING, finished_at=stamp
    ).update(state=LetterState.DONE, path=str(path), finished_at=timezone.now())
    if not finished:
        # Another worker re-claimed it, or the panel closed meanwhile.
        current = LetterBatch.objects.filter(pk=batch_id).values_list("state", "path").first()
        if current != (LetterState.DONE, str(path)):
            path.unlink(missing_ok=True)
        return current[0] if current else ""
    return LetterState.DONE


def letter_batches_resume(*, panel: Panel | None = None) -> int:
    """Enqueue batches that wait, failed, or whose worker vanished (lease over).

    For the board's "try again" button and for a periodic sweep after a crash.
    Runs of fieldwork only while the panel is open (the close erased their
    files and lists); the results and answer runs, which come after the close,
    at any time.
    """
    now = timezone.now()
    batches = LetterBatch.objects.filter(
        Q(state__in=[LetterState.QUEUED, LetterState.FAILED])
        | Q(state=LetterState.RENDERING, finished_at__lt=now - _lease()),
    ).filter(resumable_batches())
    if panel is not None:
        batches = batches.filter(panel=panel)
    ids = list(batches.values_list("id", flat=True))
    LetterBatch.objects.filter(id__in=ids, state=LetterState.FAILED).update(
        state=LetterState.QUEUED, error=""
    )
    transaction.on_commit(lambda: _enqueue(ids))
    return len(ids)


def resumable_batches() -> Q:
    """Batches that may be rendered (again): see :func:`letter_batches_resume`."""
    return Q(panel__state=PanelState.OPEN) | Q(kind__in=ANNOUNCED_KINDS)


def letter_files_delete(*, panel: Panel) -> None:
    """Remove the panel's letter files (they hold codes); the close helper calls it.

    Batches that had not finished are marked failed first, so a render still
    running cannot leave a file behind (it checks its claim before keeping it).
    """
    LetterBatch.objects.filter(
        panel=panel, state__in=[LetterState.QUEUED, LetterState.RENDERING]
    ).update(state=LetterState.FAILED, error="closed", finished_at=timezone.now())
    LetterBatch.objects.filter(panel=panel).exclude(path="").update(path="")
    shutil.rmtree(panel_letters_dir(panel), ignore_errors=True)


def letter_batches_forget(*, panel: Panel) -> None:
    """Empty every batch's list of invitations; the close's transaction B calls it.

    Which invitations a run reached says nothing about answering today (a
    reminder run includes those who answered), but a list kept after close is
    a list per member that an older run, a bug or a future change could make
    say who answered. After close the letters page shows the files as erased,
    without counts. Every batch of the panel is written, so on PostgreSQL all
    of them share the one transaction id of B.
    """
    LetterBatch.objects.filter(panel=panel).update(invitation_ids=[])
