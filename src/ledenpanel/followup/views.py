"""The results page for members, and the board's answer.

**Members.** A member reaches the results with the personal link from a mail
or the code from a letter (``/uitslag/<secret>/``; after the close the
answering address sends them here too), or, if the board chose so, at the
panel's public address. The page is the same for every member and never
depends on who opens it: it shows nothing about the member's own answers,
not even whether they took part, so a board member holding the letter PDFs
learns nothing from opening a member's code. The secret is verified like on
the answering page: an unknown one counts as a guess, before the lookup.

**The board.** ``answer_edit`` is the page where the board drafts its answer
per discussion point (saved as versions) and publishes it through the
panel's ``MARK_RESPONDED`` transition.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.core import ratelimit
from ledenpanel.followup import services
from ledenpanel.followup.models import AnswerVersion, Position
from ledenpanel.followup.selectors import (
    answer_latest,
    answer_published,
    answer_versions_list,
    member_points,
    progress_updates_list,
    responsiveness,
    unit_record,
)
from ledenpanel.invitations.selectors import invitation_for_secret
from ledenpanel.organisations.models import Unit
from ledenpanel.panels.lifecycle import Action, PanelRole
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import panel_get_for_user, panel_roles
from ledenpanel.panels.services import PanelError, panel_transition
from ledenpanel.results.selectors import publication_get
from ledenpanel.results.slices import published_slices

# -- members ---------------------------------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    # The address may hold the member's link or code: keep it out of caches and referrers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _results_page(request: HttpRequest, panel: Panel, *, preview: bool = False) -> HttpResponse:
    publication = publication_get(panel=panel)
    lang = (get_language() or "nl")[:2]
    context: dict[str, Any] = {
        "panel": panel,
        "publication": publication,
        "promises": responsiveness(panel=panel),
        "preview": preview,
    }
    if publication is not None:
        page = publication.pages.get(lang) or publication.pages.get("nl") or {}
        answer = answer_published(panel=panel)
        context |= {
            "page": page,
            "answer": answer,
            "points": member_points(publication=publication, answer=answer),
            "updates": progress_updates_list(panel=panel) if answer else [],
            "slices": published_slices(panel=panel),
        }
    return _private(render(request, "followup/member_results.html", context))


@require_GET
def member_results(request: HttpRequest, secret: str) -> HttpResponse:
    """The results through a member's own link or letter code."""
    guess = ratelimit.count_guess(request)
    if guess is None:
        return _private(render(request, "core/too_many_guesses.html", status=429))
    invitation = invitation_for_secret(secret=secret)
    if invitation is None:
        raise Http404
    guess.refund()
    return _results_page(request, invitation.panel)


@require_GET
def public_results(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """The results at the panel's public address, where its board chose to show them."""
    panel = Panel.objects.select_related("unit").filter(public_id=panel_id).first()
    publication = publication_get(panel=panel) if panel is not None else None
    if panel is None or publication is None or not publication.public:
        raise Http404
    return _results_page(request, panel)


@require_GET
def unit_overview(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    """A unit's panels after the close, in public: were the promised dates kept?"""
    unit = get_object_or_404(Unit, public_id=unit_id)
    context = {"unit": unit, "records": unit_record(unit=unit)}
    return render(request, "followup/unit_overview.html", context)


@staff_required
@require_GET
def member_results_preview(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """The members' page as they see it, for the staff who may see the panel."""
    panel = panel_get_for_user(user=request.user, panel_id=panel_id)
    return _results_page(request, panel, preview=True)


# -- the board's answer -------------------------------------------------------------------


class AnswerForm(forms.Form):
    """The overall answer and, per discussion point, position, reasoning and next step."""

    overall = forms.CharField(
        label=gettext_lazy("Reactie van het bestuur als geheel"),
        max_length=services.OVERALL_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, points: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.point_count = points
        for index in range(points):
            self.fields[f"p{index}-position"] = forms.ChoiceField(
                label=gettext_lazy("Standpunt"),
                choices=[("", gettext_lazy("(nog niet gekozen)")), *Position.choices],
                required=False,
            )
            self.fields[f"p{index}-reasoning"] = forms.CharField(
                label=gettext_lazy("Uitleg: waarom dit standpunt?"),
                max_length=services.REASONING_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"p{index}-next_step"] = forms.CharField(
                label=gettext_lazy("Volgende stap"),
                max_length=services.NEXT_STEP_MAX,
                required=False,
            )
            self.fields[f"p{index}-next_step_on"] = forms.DateField(
                label=gettext_lazy("Wanneer"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def point_fields(self, index: int) -> list[forms.BoundField]:
        names = ("position", "reasoning", "next_step", "next_step_on")
        return [self[f"p{index}-{name}"] for name in names]

    def answer_points(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "position": data.get(f"p{index}-position") or "",
                "reasoning": data.get(f"p{index}-reasoning") or "",
                "next_step": data.get(f"p{index}-next_step") or "",
                "next_step_on": data.get(f"p{index}-next_step_on") or "",
            }
            for index in range(self.point_count)
        ]


def _initial(version: AnswerVersion | None) -> dict[str, Any]:
    if version is None:
        return {}
    initial: dict[str, Any] = {"overall": version.overall}
    for index, point in enumerate(version.points):
        for name in ("position", "reasoning", "next_step"):
            initial[f"p{index}-{name}"] = point.get(name, "")
        if point.get("next_step_on"):
            initial[f"p{index}-next_step_on"] = date.fromisoformat(point["next_step_on"])
    return initial


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Stand van zaken: wat is er sinds de reactie gebeurd?"),
        max_length=services.UPDATE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _post_update(request: HttpRequest, panel: Panel) -> None:
    form = UpdateForm(request.POST)
    if not form.is_valid():
        raise services.AnswerError(
            " ".join(error for errors in form.errors.values() for error in errors)
        )
    services.progress_update_publish(
        panel=panel, actor=request.user, text=form.cleaned_data["text"]
    )
    messages.success(
        request,
        _("De stand van zaken staat bij de uitslag en gaat naar wie op de hoogte wil blijven."),
    )


def _save_and_maybe_publish(request: HttpRequest, panel: Panel, form: AnswerForm) -> None:
    if not form.is_valid():
        raise services.AnswerError(
            " ".join(error for errors in form.errors.values() for error in errors)
        )
    services.answer_draft_save(
        panel=panel,
        actor=request.user,
        overall=form.cleaned_data["overall"],
        points=form.answer_points(),
    )
    if request.POST.get("action") == "publish":
        panel_transition(panel=panel, action=Action.MARK_RESPONDED, actor=request.user)
        messages.success(request, _("De reactie is gepubliceerd en gaat naar de leden."))
    else:
        messages.success(request, _("De reactie is als concept opgeslagen."))


@staff_required
@require_http_methods(["GET", "POST"])
def answer_edit(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = panel_get_for_user(user=request.user, panel_id=panel_id)
    publication = publication_get(panel=panel)
    if publication is None:
        first = _("Eerst gaat de uitslag naar de leden; daarna schrijft het bestuur zijn reactie.")
        messages.info(request, first)
        return redirect("results:report_edit", panel_id=panel.public_id)
    points = len(publication.report_version.points)
    is_board = PanelRole.BOARD in panel_roles(user=request.user, unit=panel.unit)
    if request.method == "POST":
        if not is_board:
            raise PermissionDenied
        try:
            if request.POST.get("action") == "update":
                _post_update(request, panel)
            else:
                _save_and_maybe_publish(request, panel, AnswerForm(request.POST, points=points))
        except (services.AnswerError, PanelError) as error:
            messages.error(request, str(error))
        return redirect("followup:answer_edit", panel_id=panel.public_id)
    latest = answer_latest(panel=panel)
    form = AnswerForm(initial=_initial(latest), points=points)
    context = {
        "panel": panel,
        "form": form,
        "points": [
            {"point": point, "fields": form.point_fields(index), "number": index + 1}
            for index, point in enumerate(publication.report_version.points)
        ],
        "latest": latest,
        "draft_points": member_points(publication=publication, answer=latest),
        "published": answer_published(panel=panel),
        "missing": services.answer_missing(latest),
        "versions": answer_versions_list(panel=panel),
        "editing": is_board and panel.state == PanelState.REPORTED,
        "updating": is_board and panel.state == PanelState.RESPONDED,
        "update_form": UpdateForm(),
        "updates": progress_updates_list(panel=panel),
        "promises": responsiveness(panel=panel),
    }
    return render(request, "followup/answer_edit.html", context)
