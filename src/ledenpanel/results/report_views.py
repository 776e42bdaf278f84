"""The report editor: the coach (or the board without a coach) edits the text.

One page per closed panel. It shows the discussion points as they stand (the
drafted ones until the first edit), each with a form to rewrite it, remove it
or move it, a form to add a point, the commentary, and the saved versions.
Every form posts to the same URL with an ``action``; each successful post is
a new version (``results.services``), then the page again (post/redirect/get).
Whoever may see the panel may read this page; only an editor gets the forms.
The board marks the report final through the panel's ``mark_reported``
transition.
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.invitations.models import MessageKind
from ledenpanel.invitations.outbox import outbox_progress
from ledenpanel.panels.lifecycle import Action, PanelRole
from ledenpanel.panels.models import PanelState
from ledenpanel.panels.selectors import panel_get_for_board, panel_get_for_user, panel_roles
from ledenpanel.panels.services import PanelError
from ledenpanel.results import publication, services
from ledenpanel.results.selectors import (
    publication_get,
    report_editor_roles_hold,
    report_text_get,
    report_versions_list,
)


class PointForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Kop"), max_length=services.TITLE_MAX)
    text = forms.CharField(
        label=gettext_lazy("Toelichting"),
        max_length=services.TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentaryForm(forms.Form):
    commentary = forms.CharField(
        label=gettext_lazy("Commentaar bij het verslag"),
        max_length=services.COMMENTARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def _index(request: HttpRequest) -> int:
    """The posted point number; -1 (no such point: the service says so) when garbled."""
    try:
        return int(request.POST.get("index", ""))
    except ValueError:
        return -1


def _cleaned(form: forms.Form) -> dict[str, str]:
    if not form.is_valid():
        raise services.ReportError(" ".join(e for errs in form.errors.values() for e in errs))
    return form.cleaned_data


def _apply(request: HttpRequest, panel, action: str) -> str:
    """Carry out one posted edit; returns the message to show."""
    actor = request.user
    if action == "add":
        point = _cleaned(PointForm(request.POST, prefix="new"))
        services.report_point_add(panel=panel, actor=actor, **point)
        return _("Het punt is toegevoegd.")
    if action == "save":
        index = _index(request)
        point = _cleaned(PointForm(request.POST, prefix=f"p{index}"))
        services.report_point_save(panel=panel, actor=actor, index=index, **point)
        return _("Het punt is opgeslagen.")
    if action == "remove":
        services.report_point_remove(panel=panel, actor=actor, index=_index(request))
        return _("Het punt is verwijderd.")
    if action in {"up", "down"}:
        step = -1 if action == "up" else 1
        services.report_point_move(panel=panel, actor=actor, index=_index(request), step=step)
        return _("Het punt is verplaatst.")
    if action == "commentary":
        commentary = _cleaned(CommentaryForm(request.POST))["commentary"]
        services.report_commentary_save(panel=panel, actor=actor, text=commentary)
        return _("Het commentaar is opgeslagen.")
    raise services.ReportError(_("Onbekende bewerking."))


def _with_total(progress: dict[str, int]) -> dict[str, int]:
    return progress | {"total": sum(progress.values())}


@staff_required
def report_edit(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = panel_get_for_user(user=request.user, panel_id=panel_id)
    if request.method == "POST":
        try:
            messages.success(request, _apply(request, panel, request.POST.get("action", "")))
        except services.ReportError as error:
            messages.error(request, str(error))
        return redirect("results:report_edit", panel_id=panel.public_id)
    text = report_text_get(panel=panel)
    if text is None:
        raise Http404
    editing = (
        panel.state == PanelState.CLOSED
        and not text.final
        and report_editor_roles_hold(user=request.user, panel=panel)
    )
    points = [
        {"index": index, "point": point, "form": PointForm(initial=point, prefix=f"p{index}")}
        for index, point in enumerate(text.points)
    ]
    context = {
        "panel": panel,
        "text": text,
        "points": points,
        "editing": editing,
        "add_form": PointForm(prefix="new"),
        "commentary_form": CommentaryForm(initial={"commentary": text.commentary}),
        "versions": report_versions_list(panel=panel),
        "may_finalise": panel.state == PanelState.CLOSED
        and PanelRole.BOARD in panel_roles(user=request.user, unit=panel.unit),
        "finalise_action": Action.MARK_REPORTED.value,
        "publication": publication_get(panel=panel),
        "may_publish": panel.state == PanelState.REPORTED
        and PanelRole.BOARD in panel_roles(user=request.user, unit=panel.unit),
        "mail_progress": _with_total(outbox_progress(panel=panel, kind=MessageKind.RESULTS)),
    }
    return render(request, "results/report_edit.html", context)


@staff_required
@require_POST
def results_publish(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """The board publishes the final report to the members."""
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    try:
        publication.results_publish(
            panel=panel, actor=request.user, public=request.POST.get("public") == "1"
        )
    except PanelError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De uitslag is gepubliceerd en gaat naar de leden."))
    return redirect("results:report_edit", panel_id=panel.public_id)


@staff_required
@require_POST
def publication_public(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """The board shows the published page at the public address, or stops."""
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    try:
        publication.publication_public_set(
            panel=panel, actor=request.user, public=request.POST.get("public") == "1"
        )
    except PanelError as error:
        messages.error(request, str(error))
    return redirect("results:report_edit", panel_id=panel.public_id)
