"""Board pages for opening a panel and for its letters.

Opening goes through a confirmation page: it shows what opening will do —
population, exclusions, draw, the invitation cap, e-mails, letters and the
postage the unit pays — and the button opens exactly that draw.

The draw's seed is not fresh on every page load: a board could then reload
until the draw had the fewest (costly) letters, biasing the sample towards
members with e-mail. The seed is derived from the panel and its approved
version (:func:`preview_seed`); a new draw needs a new approval, which the
panel's history records. The seed travels in a hidden field and is checked.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.invitations.letters import letter_batches_resume, letters_root
from ledenpanel.invitations.models import LetterBatch, LetterState
from ledenpanel.invitations.outbox import reminder_plan
from ledenpanel.invitations.selectors import OpeningPlan, opening_plan
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import (
    PanelRole,
    panel_get_for_user,
    panel_roles,
    party_settings_get,
)
from ledenpanel.panels.services import PanelError, panel_transition

PREVIEW_STATES = {PanelState.DRAFT, PanelState.IN_REVIEW, PanelState.APPROVED}
EXCLUSION_LABELS = {
    "deceased": gettext_lazy("overleden"),
    "former": gettext_lazy("geen lid meer"),
    "do_not_contact": gettext_lazy("wil geen contact"),
    "under_16": gettext_lazy("jonger dan 16"),
    "unreachable": gettext_lazy("geen e-mailadres en geen volledig postadres"),
}


class SeedForm(forms.Form):
    seed = forms.IntegerField(min_value=0, max_value=2**62, widget=forms.HiddenInput)


def euros(cents: int) -> str:
    """Dutch notation: ``€ 1.234,56``."""
    whole, rest = divmod(cents, 100)
    return f"€ {whole:,}".replace(",", ".") + f",{rest:02d}"


def preview_seed(panel: Panel) -> int:
    """The draw's seed: fixed per panel and approved version (see module doc)."""
    message = f"draw-seed:{panel.public_id}:{panel.approved_version_id or 0}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> 2  # 62 bits


def reminder_letter_rounds(panel: Panel, *, opened_at: datetime) -> int:
    """How many reminder letter runs a panel opened at ``opened_at`` will make.

    The reminder scheduler's own plan (distinct whole days after opening),
    less the days after the closing date, when the panel is no longer open.
    Each run goes to every letter member (answered or not) except those who
    opt out or ask for no contact (``letters.letter_run_enqueue``), so the
    estimate is an upper bound that only opt-outs lower.
    """
    if not panel.reminder_letters:
        return 0
    return sum(
        1
        for _number, at in reminder_plan(panel=panel, opened_at=opened_at)
        if panel.closes_on is None or timezone.localdate(at) <= panel.closes_on
    )


def open_preview(*, panel: Panel, plan: OpeningPlan) -> dict[str, object]:
    """The figures the confirmation page shows, postage in euros."""
    rate = party_settings_get().letter_postage_cents
    letters = plan.letters
    reminders = reminder_letter_rounds(panel, opened_at=timezone.now())
    return {
        "population_size": plan.population_size,
        "excluded": [
            (str(EXCLUSION_LABELS.get(reason, reason)), count)
            for reason, count in sorted(plan.population.excluded.items())
        ],
        "sampled": len(plan.drawn),
        "skipped_already": plan.skipped_by_reason.get("already_invited", 0),
        "skipped_reserved": plan.skipped_by_reason.get("reserved", 0),
        "skipped": len(plan.skipped),
        "invited": len(plan.invited),
        "emails": plan.emails,
        "letters": letters,
        "rate": euros(rate),
        "postage": euros(letters * rate),
        "reminder_rounds": reminders,
        "reminder_postage": euros(letters * reminders * rate),
        "cap": plan.cap,
        "cap_months": plan.cap_months,
    }


def _board_panel(request: HttpRequest, panel_id: UUID) -> Panel:
    panel = panel_get_for_user(user=request.user, panel_id=panel_id)
    if PanelRole.BOARD not in panel_roles(user=request.user, unit=panel.unit):
        raise PermissionDenied
    return panel


@staff_required
@require_http_methods(["GET", "POST"])
def open_confirm(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = _board_panel(request, panel_id)
    if panel.state not in PREVIEW_STATES:
        return redirect("panels:detail", panel_id=panel.public_id)
    seed = preview_seed(panel)
    error = ""
    if request.method == "POST":
        form = SeedForm(request.POST)
        if not form.is_valid() or form.cleaned_data["seed"] != seed:
            error = _("Het plan is intussen veranderd. Bekijk de aantallen opnieuw.")
        else:
            try:
                panel_transition(panel=panel, action=Action.OPEN, actor=request.user, seed=seed)
            except PanelError as problem:
                error = str(problem)
            else:
                messages.success(request, _("Het ledenpanel is open. De uitnodigingen gaan weg."))
                return redirect("panels:detail", panel_id=panel.public_id)
    plan = opening_plan(panel=panel, today=timezone.localdate(), seed=seed)
    return render(
        request,
        "invitations/open_confirm.html",
        {
            "panel": panel,
            "preview": open_preview(panel=panel, plan=plan),
            "form": SeedForm(initial={"seed": seed}),
            "can_open": panel.state == PanelState.APPROVED,
            "error": error,
        },
    )


def _batches(panel: Panel) -> list[dict[str, object]]:
    return [
        {"batch": batch, "letters": len(batch.invitation_ids)}
        for batch in LetterBatch.objects.filter(panel=panel)
    ]


@staff_required
def letter_list(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = _board_panel(request, panel_id)
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
    panel = _board_panel(request, panel_id)
    count = letter_batches_resume(panel=panel)
    messages.success(request, _("%(count)s bestanden worden opnieuw gemaakt.") % {"count": count})
    return redirect("invitations:letters", panel_id=panel.public_id)


@staff_required
def letter_download(
    request: HttpRequest, panel_id: UUID, sequence: int, kind: str, number: int
) -> HttpResponse:
    panel = _board_panel(request, panel_id)
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
