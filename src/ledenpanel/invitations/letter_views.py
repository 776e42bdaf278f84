"""Board pages for a panel's letters: the files to print, resuming a run, downloads."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.invitations.letters import letter_batches_resume, letters_root
from ledenpanel.invitations.models import LetterBatch, LetterState
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import panel_get_for_board


def _batches(panel: Panel) -> list[dict[str, object]]:
    return [
        {"batch": batch, "letters": len(batch.invitation_ids)}
        for batch in LetterBatch.objects.filter(panel=panel)
    ]


@staff_required
def letter_list(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    batches = _batches(panel)
    done = [row for row in batches if row["batch"].state == LetterState.DONE]
    context = {
        "panel": panel,
        "batches": batches,
        "done": len(done),
        "total": len(batches),
        "letters": sum(row["letters"] for row in batches),
        "letters_done": sum(row["letters"] for row in done),
        "busy": any(
            row["batch"].state in {LetterState.QUEUED, LetterState.RENDERING} for row in batches
        ),
        # Trying again makes sense only while the panel is open (letter_batches_resume).
        "failed": panel.state == PanelState.OPEN
        and any(row["batch"].state == LetterState.FAILED for row in batches),
        # The close empties every batch's member list (letters.letter_batches_forget).
        "forgotten": bool(batches) and not any(row["letters"] for row in batches),
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
