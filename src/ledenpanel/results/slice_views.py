"""Pages for the slices of a panel per branch and region (``results.slices``).

Staff pages: one unit's slice (with the unit's board's publish button) and
the overview of all shown slices for the panel's own board. Public page: a
slice its board published, readable without an account.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.panels.services import PanelError
from ledenpanel.results.slices import (
    slice_can_publish,
    slice_get_for_board,
    slice_get_published,
    slice_publish,
    slices_overview,
)


def _private(response: HttpResponse) -> HttpResponse:
    # Figures for a small part of the party: never in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
def slice_page(request: HttpRequest, panel_id: UUID, unit_id: UUID) -> HttpResponse:
    slice_ = slice_get_for_board(user=request.user, panel_id=panel_id, unit_id=unit_id)
    context = {
        "slice": slice_,
        "can_publish": slice_can_publish(user=request.user, slice_=slice_),
    }
    return _private(render(request, "results/slices/slice.html", context))


@staff_required
@require_POST
def slice_publish_view(request: HttpRequest, panel_id: UUID, unit_id: UUID) -> HttpResponse:
    try:
        slice_publish(actor=request.user, panel_id=panel_id, unit_id=unit_id)  # type: ignore[arg-type]
    except PanelError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Het deelresultaat is gepubliceerd voor de leden."))
    return redirect("results:slice", panel_id=panel_id, unit_id=unit_id)


@staff_required
@require_GET
def slices_overview_page(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel, links = slices_overview(user=request.user, panel_id=panel_id)
    context = {"panel": panel, "links": links}
    return _private(render(request, "results/slices/overview.html", context))


@require_GET
def slice_public(request: HttpRequest, panel_id: UUID, unit_id: UUID) -> HttpResponse:
    slice_ = slice_get_published(panel_id=panel_id, unit_id=unit_id)
    return _private(render(request, "results/slices/public.html", {"slice": slice_}))
