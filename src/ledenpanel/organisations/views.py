"""Pages for units, members and the roster import. Thin: access goes through
the selectors' access functions, writes through services."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.organisations import selectors, services
from ledenpanel.organisations.forms import (
    MemberRosterUploadForm,
    MemberSearchForm,
    RosterUploadForm,
    StaffAddForm,
)
from ledenpanel.organisations.models import RoleKind, RosterUpload

MEMBERS_PER_PAGE = 50


@staff_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = selectors.unit_list_for_user(user=request.user)
    return render(request, "organisations/unit_list.html", {"units": units})


@staff_required
def unit_detail(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, unit_id=unit_id)
    can_see_members = selectors.user_can_see_members(user=request.user, unit=unit)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "children": selectors.unit_list_for_user(user=request.user).filter(parent=unit),
            "roles": selectors.role_list_for_unit(unit=unit),
            "can_see_members": can_see_members,
            "is_board": selectors.user_is_board_of(user=request.user, unit=unit),
            "can_manage_people": bool(
                selectors.role_kinds_manageable(user=request.user, unit=unit)
            ),
            "member_count": (
                selectors.member_list_for_unit(unit=unit).filter(in_roster=True).count()
                if can_see_members
                else None
            ),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def unit_people(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    """The unit's board and coaches: add a person (invited by e-mail) or remove one."""
    unit = selectors.unit_get_for_user(user=request.user, unit_id=unit_id)
    kinds = selectors.unit_people_check_allowed(user=request.user, unit=unit)
    form = StaffAddForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        role = services.staff_add_to_unit(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            unit=unit,
            kind=RoleKind(form.cleaned_data["kind"]),
            added_by=request.user,
        )
        messages.success(
            request,
            _("%(name)s is nu %(role)s van %(unit)s.")
            % {"name": role.user.full_name, "role": role.get_kind_display(), "unit": unit.name},
        )
        return redirect("organisations:unit_people", unit_id=unit.public_id)
    return render(
        request,
        "organisations/unit_people.html",
        {
            "unit": unit,
            "form": form,
            "roles": selectors.role_list_for_unit(unit=unit),
            "manageable": set(kinds),
        },
    )


@staff_required
@require_POST
def role_remove(request: HttpRequest, role_id: UUID) -> HttpResponse:
    role = selectors.role_get_for_user(user=request.user, role_id=role_id)
    unit = role.unit
    services.role_revoke(role=role)
    messages.success(
        request,
        _("%(name)s is geen %(role)s meer van %(unit)s.")
        % {"name": role.user.full_name, "role": role.get_kind_display(), "unit": unit.name},
    )
    return redirect("organisations:unit_people", unit_id=unit.public_id)


@staff_required
def member_list(request: HttpRequest, unit_id: UUID) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, unit_id=unit_id)
    form = MemberSearchForm(request.GET)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    members = selectors.member_list_for_user(user=request.user, unit=unit, search=search)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/member_list.html",
        {"unit": unit, "page": page, "form": form, "search": search},
    )


@staff_required
def member_detail(request: HttpRequest, member_id: UUID) -> HttpResponse:
    member = selectors.member_get_for_user(user=request.user, member_id=member_id)
    return render(
        request,
        "organisations/member_detail.html",
        {"member": member, "groups": member.groups.order_by("name")},
    )


def _roster_import(
    request: HttpRequest, *, kind: RosterUpload.Kind, form_class: type[RosterUploadForm]
) -> HttpResponse:
    """Upload → preview (a dry run with every row error) → confirm → result."""
    selectors.roster_import_check_allowed(user=request.user)
    template = f"organisations/import_{kind}.html"
    if request.method == "POST" and "confirm" in request.POST:
        upload = selectors.roster_upload_get_for_user(
            user=request.user, upload_id=request.POST.get("upload", ""), kind=kind
        )
        if upload is None:
            expired = _("Deze upload is verlopen of al verwerkt. Kies het bestand opnieuw.")
            return render(request, template, {"form": form_class(), "expired": expired})
        report = services.roster_upload_import(upload=upload)
        return render(request, template, {"form": form_class(), "report": report, "done": True})

    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload, report = services.roster_upload_preview(
            user=request.user,
            kind=kind,
            file=file,
            full=form.cleaned_data.get("full", False),
        )
        return render(
            request,
            template,
            {"form": form, "report": report, "upload": upload, "filename": file.name},
        )
    return render(request, template, {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def import_units(request: HttpRequest) -> HttpResponse:
    return _roster_import(request, kind=RosterUpload.Kind.UNITS, form_class=RosterUploadForm)


@staff_required
@require_http_methods(["GET", "POST"])
def import_members(request: HttpRequest) -> HttpResponse:
    return _roster_import(
        request, kind=RosterUpload.Kind.MEMBERS, form_class=MemberRosterUploadForm
    )
