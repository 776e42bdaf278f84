"""The board's fieldwork pages: the confirmation before opening, and the monitor.

The monitor shows delivery per invitation and answering in aggregate. Who
may open it: the board of the panel's own unit and the coordinator. The
page names members (to fix addresses), so coaches — who see no member data
in this app — and boards of units above, which only read along, are refused.
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.fieldwork import monitor
from ledenpanel.fieldwork.opening import open_preview, preview_seed
from ledenpanel.invitations.selectors import opening_plan
from ledenpanel.panels.lifecycle import Action, PanelRole, can_edit_plan
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import panel_get_for_board, panel_get_for_roles
from ledenpanel.panels.services import PanelError, panel_transition

MONITOR_ROLES = frozenset({PanelRole.BOARD, PanelRole.COORDINATOR})
POLL_SECONDS = 5


def _progress_context(panel: Panel, roles: set[PanelRole]) -> dict[str, object]:
    return {
        "panel": panel,
        "progress": monitor.panel_progress(panel=panel),
        "live": panel.state == PanelState.OPEN,
        "poll_seconds": POLL_SECONDS,
        # The letters page is the board's (it prints and pays); coordinators follow counts.
        "show_letters_link": PanelRole.BOARD in roles,
    }


@staff_required
@require_GET
def monitor_page(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel, roles = panel_get_for_roles(user=request.user, panel_id=panel_id, roles=MONITOR_ROLES)
    status = request.GET.get("status", "")
    status = status if status in monitor.FILTERS else ""
    page = monitor.delivery_page(panel=panel, status=status, page=request.GET.get("page"))
    return render(
        request,
        "fieldwork/monitor.html",
        {
            **_progress_context(panel, roles),
            "monitored": monitor.panel_is_monitored(panel),
            "page": page,
            "status": status,
        },
    )


@staff_required
@require_GET
def monitor_progress(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """The live part only, for htmx to poll (it works as a plain page too)."""
    panel, roles = panel_get_for_roles(user=request.user, panel_id=panel_id, roles=MONITOR_ROLES)
    return render(request, "fieldwork/_monitor_progress.html", _progress_context(panel, roles))


class SeedForm(forms.Form):
    seed = forms.IntegerField(min_value=0, max_value=2**62, widget=forms.HiddenInput)


@staff_required
@require_http_methods(["GET", "POST"])
def open_confirm(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    if not can_edit_plan(panel.state):  # before opening
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
        "fieldwork/open_confirm.html",
        {
            "panel": panel,
            "preview": open_preview(panel=panel, plan=plan),
            "form": SeedForm(initial={"seed": seed}),
            "can_open": panel.state == PanelState.APPROVED,
            "error": error,
        },
    )
