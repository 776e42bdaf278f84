"""Panel pages: list, plan, lifecycle, coordination calendar, requests, settings.

Thin: access through the selectors' access functions, changes through services;
a service's PanelError becomes a message on the page.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.core import ratelimit
from ledenpanel.organisations.selectors import unit_get_for_user, user_is_coordinator
from ledenpanel.panels import selectors, services
from ledenpanel.panels.forms import (
    ExtendForm,
    NoteForm,
    PanelPlanForm,
    PanelRequestForm,
    PartySettingsForm,
    RequestDecisionForm,
    UnitPanelSettingsForm,
)
from ledenpanel.panels.guide import guide_for
from ledenpanel.panels.lifecycle import (
    TRANSITIONS,
    Action,
    PanelRole,
    can_edit_plan,
    can_fix_wording,
)
from ledenpanel.panels.models import PLAN_FIELDS, PanelState, RequestStatus, UnitPanelSettings


@staff_required
def panel_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "panels/panel_list.html",
        {
            "panels": selectors.panel_list_for_user(user=request.user),
            "open_requests": selectors.request_list_for_user(user=request.user).filter(
                status=RequestStatus.SUBMITTED
            ),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def panel_create(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit = unit_get_for_user(user=request.user, unit_id=unit_id)
    if PanelRole.BOARD not in selectors.panel_roles(user=request.user, unit=unit):
        raise PermissionDenied
    form = PanelPlanForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            panel = services.panel_create(
                unit=unit, created_by=request.user, **_plan(form.cleaned_data)
            )
        except services.PanelError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het ledenpanel is aangemaakt als concept."))
            return redirect("panels:detail", panel_id=panel.public_id)
    return render(
        request,
        "panels/panel_form.html",
        {"form": form, "unit": unit, "guide": guide_for(PanelState.DRAFT)},
    )


def _plan(data: dict[str, object]) -> dict[str, object]:
    return {name: data[name] for name in PLAN_FIELDS}


@staff_required
def panel_detail(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    actions = services.panel_actions(panel=panel, user=request.user)
    is_board = PanelRole.BOARD in selectors.panel_roles(user=request.user, unit=panel.unit)
    return render(
        request,
        "panels/panel_detail.html",
        {
            "panel": panel,
            "guide": guide_for(panel.state),
            "actions": [(action, TRANSITIONS[action]) for action in actions],
            "events": panel.events.select_related("actor"),
            "roles": selectors.panel_roles(user=request.user, unit=panel.unit),
            "warnings": selectors.panel_coordination_warnings(panel=panel),
            "note_form": NoteForm(),
            "extend_form": ExtendForm(),
            "question_count": sum(
                len(section.get("questions", []))
                for section in panel.questionnaire.get("sections", [])
            ),
            "is_board": is_board,
            "can_plan": is_board and can_edit_plan(panel.state),
            "can_fix_wording": is_board and can_fix_wording(panel.state),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def panel_edit(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    form = PanelPlanForm(request.POST or None, instance=panel, unit=panel.unit)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.panel_update(panel=panel, actor=request.user, **_plan(form.cleaned_data))
        except services.PanelError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het plan is opgeslagen."))
            return redirect("panels:detail", panel_id=panel.public_id)
    return render(
        request,
        "panels/panel_form.html",
        {"form": form, "unit": panel.unit, "panel": panel, "guide": guide_for(panel.state)},
    )


@staff_required
@require_POST
def panel_transition(request: HttpRequest, panel_id: UUID, action: str) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    try:
        chosen = Action(action)
    except ValueError:
        raise PermissionDenied from None
    if chosen == Action.OPEN:
        # Opening goes through its confirmation page: the board sees the
        # e-mails, letters and postage of exactly the draw that opens.
        return redirect("fieldwork:open_confirm", panel_id=panel.public_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        panel = services.panel_transition(panel=panel, action=chosen, actor=request.user, note=note)
    except services.PanelError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Status: %(state)s.") % {"state": panel.get_state_display()})
    return redirect("panels:detail", panel_id=panel.public_id)


@staff_required
@require_POST
def panel_extend(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldige datum in."))
    else:
        try:
            services.panel_extend_closing(
                panel=panel, closes_on=form.cleaned_data["closes_on"], actor=request.user
            )
        except services.PanelError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De sluitingsdatum is verschoven."))
    return redirect("panels:detail", panel_id=panel.public_id)


@staff_required
def calendar(request: HttpRequest) -> HttpResponse:
    panels = (
        selectors.panel_calendar(user=request.user)
        .exclude(state__in=[PanelState.CANCELLED])
        .order_by("opens_on", "title")
    )
    return render(request, "panels/calendar.html", {"panels": panels})


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    """Members (no account needed), networks and factions ask a board for a panel."""
    form = PanelRequestForm(request.POST or None)
    if request.method == "POST" and _too_many_requests(request):
        form.add_error(
            None, _("U hebt net al aanvragen verstuurd. Probeer het over een uur opnieuw.")
        )
    elif request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):  # the honeypot: only bots fill it in
            return render(request, "panels/request_sent.html")
        data = form.cleaned_data
        services.request_submit(
            unit=data["unit"],
            topic=data["topic"],
            reason=data["reason"],
            proposed_questions=data["proposed_questions"],
            requester_kind=data["requester_kind"],
            requesters=data["requesters"],
            contact_email=data["contact_email"],
            submitted_by=request.user if request.user.is_authenticated else None,
        )
        return render(request, "panels/request_sent.html")
    return render(request, "panels/request_form.html", {"form": form})


REQUESTS_PER_HOUR = 5


def _too_many_requests(request: HttpRequest) -> bool:
    """At most a few requests per address per hour: the form needs no account."""
    return not ratelimit.rate_allows(request, scope="panel-request", limit=REQUESTS_PER_HOUR)


@staff_required
def request_list(request: HttpRequest) -> HttpResponse:
    requests = selectors.request_list_for_user(user=request.user)
    return render(request, "panels/request_list.html", {"requests": requests})


@staff_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: UUID) -> HttpResponse:
    panel_request = selectors.request_get_for_user(user=request.user, request_id=request_id)
    can_decide = panel_request.status == RequestStatus.SUBMITTED and (
        PanelRole.BOARD in selectors.panel_roles(user=request.user, unit=panel_request.unit)
    )
    criteria = services.request_criteria_for(unit=panel_request.unit)
    form = RequestDecisionForm(request.POST or None, criteria=criteria)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.request_decide(
                    request=panel_request,
                    approve=form.cleaned_data["decision"] == "approve",
                    criteria_assessment=form.assessment(),
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except services.PanelError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Het besluit is vastgelegd en de aanvragers zijn ingelicht.")
                )
                return redirect("panels:request_detail", request_id=panel_request.public_id)
    return render(
        request,
        "panels/request_detail.html",
        {"panel_request": panel_request, "form": form, "can_decide": can_decide},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def party_settings(request: HttpRequest) -> HttpResponse:
    if not user_is_coordinator(user=request.user):
        raise PermissionDenied
    form = PartySettingsForm(request.POST or None, instance=selectors.party_settings_get())
    if request.method == "POST" and form.is_valid():
        services.party_settings_update(actor=request.user, **form.cleaned_data)
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("panels:party_settings")
    return render(request, "panels/party_settings.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def unit_settings(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit = unit_get_for_user(user=request.user, unit_id=unit_id)
    roles = selectors.panel_roles(user=request.user, unit=unit)
    if not roles & {PanelRole.BOARD, PanelRole.COORDINATOR}:
        raise PermissionDenied
    instance = UnitPanelSettings.objects.filter(unit=unit).first() or UnitPanelSettings(unit=unit)
    form = UnitPanelSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.unit_panel_settings_update(
            unit=unit,
            actor=request.user,
            coach_review_required=form.cleaned_data["coach_review_required"],
            request_criteria=form.cleaned_data["criteria"],
        )
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("panels:unit_settings", unit_id=unit.public_id)
    return render(
        request,
        "panels/unit_settings.html",
        {"form": form, "unit": unit, "defaults": services.request_criteria_for(unit=unit)},
    )
