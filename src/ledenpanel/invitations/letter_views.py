"""Board pages for a panel's letters: the files to print, resuming a run, downloads.

The page lists every run of the panel, the invitation and reminder runs of
fieldwork and, after the close, the results and answer runs (their kind's
label tells them apart). It works in every state of the panel: the close
empties the fieldwork runs' lists (shown as erased, without counts), and
the runs made after it are shown like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.invitations.letters import letter_batches_resume, letters_root
from ledenpanel.invitations.models import ANNOUNCED_KINDS, LetterBatch, LetterState
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import panel_get_for_board


@dataclass(frozen=True)
class BatchRow:
    batch: LetterBatch
    letters: int
    # The close emptied its member list (letters.letter_batches_forget); a
    # run is never made with an empty batch.
    forgotten: bool


def _rows(panel: Panel) -> list[BatchRow]:
    return [
        BatchRow(batch, len(batch.invitation_ids), not batch.invitation_ids)
        for batch in LetterBatch.objects.filter(panel=panel).order_by("id")
    ]


def _resumable(panel: Panel, batch: LetterBatch) -> bool:
    """Whether "try again" can render it (the rule of letters.letter_batches_resume)."""
    return panel.state == PanelState.OPEN or batch.kind in ANNOUNCED_KINDS


@staff_required
def letter_list(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    rows = _rows(panel)
    live = [row for row in rows if not row.forgotten]  # progress counts these
    done = [row for row in live if row.batch.state == LetterState.DONE]
    context = {
        "panel": panel,
        "batches": rows,
        "done": len(done),
        "total": len(live),
        "letters": sum(row.letters for row in live),
        "letters_done": sum(row.letters for row in done),
        "busy": any(row.batch.state in {LetterState.QUEUED, LetterState.RENDERING} for row in live),
        "failed": any(
            row.batch.state == LetterState.FAILED and _resumable(panel, row.batch) for row in live
        ),
        "forgotten": any(row.forgotten for row in rows),
    }
    template = "invitations/letters/list.html"
    if request.headers.get("HX-Request"):
        template = "invitations/letters/_progress.html"
    return render(request, template, context)


@staff_required
@require_POST
def letter_resume(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    count = letter_batches_resume(panel=panel)
    messages.success(request, _("%(count)s bestanden worden opnieuw gemaakt.") % {"count": count})
    return redirect("invitations:letters", panel_id=panel.public_id)


@staff_required
def letter_download(
    request: HttpRequest, panel_id: UUID, sequence: int, kind: str, number: int
) -> HttpResponse:
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    batch = LetterBatch.objects.filter(
        panel=panel, kind=kind, number=number, sequence=sequence, state=LetterState.DONE
    ).first()
    if batch is None or not batch.path:
        raise Http404
    path = (letters_root() / str(panel.public_id) / batch.path.rsplit("/", 1)[-1]).resolve()
    if not path.is_file() or letters_root().resolve() not in path.parents:
        raise Http404
    name = f"brieven-{panel.public_id.hex[:8]}-{kind}-{number}-{sequence:03d}.pdf"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
