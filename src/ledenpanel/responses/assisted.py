"""Assisted answering: a volunteer enters a member's answers for them.

For members who cannot answer online: a volunteer (the board of the panel's
unit, or a coach of it) types in a returned paper form or a phone interview.
The volunteer enters the member's letter code or link token on
``panels/<panel>/assisted/``, then fills the member's own answering pages.

What marks the answers as assisted is the volunteer's staff session, keyed by
panel — never the URL — so a member opening their own link is never flagged,
and the session never holds the member's code (only the panel's id). The
envelope carries ``assisted: true`` sealed inside it; at close it becomes a
count. Nothing records which code a volunteer entered, and nothing tells the
volunteer whether the member already answered: if they did, the paper form is
entered like any other and does not count (the first answer counts).
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from ledenpanel.accounts.decorators import second_factor_done, staff_required
from ledenpanel.invitations import crypto
from ledenpanel.organisations.selectors import AnyUser
from ledenpanel.panels.lifecycle import PanelRole
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import panel_get_for_roles, panel_roles
from ledenpanel.responses import selectors

SESSION_KEY = "ledenpanel_assisted_panels"
ASSISTING_ROLES = frozenset({PanelRole.BOARD, PanelRole.COACH})


def can_assist(*, user: AnyUser, panel: Panel) -> bool:
    """The board of the panel's own unit, or a coach of it, may enter answers."""
    return bool(panel_roles(user=user, unit=panel.unit) & ASSISTING_ROLES)


def assisted_begin(request: HttpRequest, panel: Panel) -> None:
    panels = set(request.session.get(SESSION_KEY, []))
    panels.add(str(panel.public_id))
    request.session[SESSION_KEY] = sorted(panels)


def assisted_end(request: HttpRequest, panel: Panel) -> None:
    panels = set(request.session.get(SESSION_KEY, []))
    panels.discard(str(panel.public_id))
    request.session[SESSION_KEY] = sorted(panels)


def is_assisting(request: HttpRequest, panel: Panel) -> bool:
    """Whether this request comes from a volunteer entering answers for ``panel``."""
    user = request.user
    if not user.is_authenticated:
        return False
    if str(panel.public_id) not in request.session.get(SESSION_KEY, []):
        return False
    return second_factor_done(request) and can_assist(user=user, panel=panel)


class AssistedCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code of link van het lid"),
        max_length=200,
        help_text=_(
            "De code uit de brief (bijvoorbeeld ACDE-FGHJ-KMN) of de link uit de e-mail"
            " van het lid."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        text = self.cleaned_data["code"].strip()
        if "/p/" in text:  # a whole link pasted from the member's e-mail
            text = text.split("/p/", 1)[1].split("/", 1)[0]
        if crypto.is_link_token(text):
            return text
        try:
            return crypto.normalise_code(text)
        except crypto.InvalidCode:
            raise forms.ValidationError(
                _("Dit is geen geldige code of link. Controleer de tekens.")
            ) from None


@staff_required
@require_http_methods(["GET", "POST"])
def assisted_start(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """Enter a member's code; the answering pages that follow are flagged assisted."""
    panel, _roles = panel_get_for_roles(user=request.user, panel_id=panel_id, roles=ASSISTING_ROLES)
    is_open = panel.state == PanelState.OPEN
    form = AssistedCodeForm(request.POST or None)
    if request.method == "POST" and is_open and form.is_valid():
        secret = form.cleaned_data["code"]
        session = selectors.answering_session_for_secret(secret=secret)
        if session is None or session.panel.pk != panel.pk:
            form.add_error("code", _("Deze code of link hoort niet bij dit ledenpanel."))
        else:
            # Never whether the member already answered: a paper form of a
            # member who also answered online is entered, and not counted.
            assisted_begin(request, panel)
            return redirect("responses:answer", secret=secret)
    return render(
        request,
        "responses/assisted_start.html",
        {
            "panel": panel,
            "form": form,
            "is_open": is_open,
            "assisting": str(panel.public_id) in request.session.get(SESSION_KEY, []),
        },
    )


@staff_required
@require_POST
def assisted_stop(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel, _roles = panel_get_for_roles(user=request.user, panel_id=panel_id, roles=ASSISTING_ROLES)
    assisted_end(request, panel)
    messages.success(request, _("U vult niet langer antwoorden in namens leden."))
    return redirect("panels:detail", panel_id=panel.public_id)
