"""The board's fieldwork monitor: delivery per invitation, answering in aggregate.

Who may open it: the board of the panel's own unit and the coordinator. The
page names members (to fix addresses), so coaches — who see no member data
in this app — and boards of units above, which only read along, are refused.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.invitations import monitor
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import PanelRole, panel_get_for_user, panel_roles

MONITOR_ROLES = {PanelRole.BOARD, PanelRole.COORDINATOR}
POLL_SECONDS = 5


def _panel_for_monitor(request: HttpRequest, panel_id: UUID) -> tuple[Panel, set[PanelRole]]:
    panel = panel_get_for_user(user=request.user, panel_id=panel_id)
    roles = panel_roles(user=request.user, unit=panel.unit)
    if not MONITOR_ROLES & roles:
        raise PermissionDenied
    return panel, roles


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
    panel, roles = _panel_for_monitor(request, panel_id)
    status = request.GET.get("status", "")
    status = status if status in monitor.FILTERS else ""
    page = monitor.delivery_page(panel=panel, status=status, page=request.GET.get("page"))
    return render(
        request,
        "invitations/monitor.html",
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
    panel, roles = _panel_for_monitor(request, panel_id)
    return render(request, "invitations/_monitor_progress.html", _progress_context(panel, roles))
