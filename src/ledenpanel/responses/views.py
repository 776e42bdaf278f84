"""The answering pages: no account, one section per page, works without JavaScript."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ledenpanel.invitations import crypto
from ledenpanel.responses import services
from ledenpanel.responses.answering import (
    AnswerError,
    estimated_progress,
    pages,
    parse_page,
)

RATING_VALUES = range(11)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Uw code uit de brief"),
        max_length=40,
        help_text=_("Elf tekens, bijvoorbeeld ACDE-FGHJ-KMN. Hoofdletters zijn niet nodig."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        try:
            return crypto.normalise_code(self.cleaned_data["code"])
        except crypto.InvalidCode:
            raise forms.ValidationError(
                _("Deze code klopt niet. Controleer de tekens op uw brief.")
            ) from None


@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if services.session_for_secret(code) is not None:
            return redirect("responses:answer", secret=code)
        form.add_error("code", _("Deze code kennen we niet. Controleer de tekens op uw brief."))
    return render(request, "responses/enter_code.html", {"form": form})


def _messages(errors: list[AnswerError]) -> list[tuple[str, str, str]]:
    english = (get_language() or "nl").startswith("en")
    return [
        (error.question, error.field, error.message_en if english else error.message_nl)
        for error in errors
    ]


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, secret: str) -> HttpResponse:
    session = services.session_for_secret(secret)
    if session is None:
        raise Http404
    panel = session.invitation.panel
    if services.has_submitted(session):
        return _thanks(request, session)
    if not services.is_open(session):
        return render(request, "responses/closed.html", {"panel": panel})

    sections = pages(session.questionnaire)
    saved, resume_at = services.draft_load(session)
    index = _page_index(request, resume_at, len(sections))
    errors: list[AnswerError] = []
    answers = saved
    if request.method == "POST":
        answers_on_page, errors = parse_page(
            sections[index], dict(request.POST.lists()), earlier=saved
        )
        answers = {**saved, **answers_on_page}
        if not errors:
            if "back" in request.POST:
                index = max(index - 1, 0)
            elif "next" in request.POST:
                index = min(index + 1, len(sections) - 1)
            services.draft_save(session, answers=answers, page=index)
            if "submit" in request.POST and index == len(sections) - 1:
                try:
                    errors = services.submit(session, answers=answers)
                except services.AlreadySubmitted:
                    errors = []
                if not errors:
                    return redirect("responses:answer", secret=secret)
            elif "later" in request.POST:
                return render(request, "responses/saved.html", {"panel": panel})
            else:
                return redirect(f"{reverse('responses:answer', args=[secret])}?page={index}")

    current, total = estimated_progress(session.questionnaire, index)
    shown_errors = _messages(errors)
    return render(
        request,
        "responses/answer.html",
        {
            "panel": panel,
            "section": sections[index] if sections else None,
            "page": index,
            "page_number": current,
            "page_total": total,
            "is_last": index == len(sections) - 1,
            "answers": answers,
            "errors": shown_errors,
            "errors_by_question": {question: message for question, _f, message in shown_errors},
            "rating_values": RATING_VALUES,
        },
    )


class FollowUpForm(forms.Form):
    keep_informed = forms.BooleanField(
        label=_("Houd mij op de hoogte van de uitslag en wat het bestuur ermee doet"),
        required=False,
    )
    join_network = forms.BooleanField(
        label=_("Ik wil meedoen in een netwerk van leden over dit onderwerp"), required=False
    )


def _thanks(request: HttpRequest, session: services.AnsweringSession) -> HttpResponse:
    """After submitting: what happens next, and two separate, optional choices."""
    current = services.follow_up_get(session)
    initial = (
        {"keep_informed": current.keep_informed, "join_network": current.join_network}
        if current
        else {}
    )
    form = FollowUpForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and "follow_up" in request.POST and form.is_valid():
        services.follow_up_set(session, **form.cleaned_data)
        saved = True
    return render(
        request,
        "responses/thanks.html",
        {"panel": session.invitation.panel, "form": form, "saved": saved},
    )


def _page_index(request: HttpRequest, resume_at: int, count: int) -> int:
    raw = request.POST.get("page") if request.method == "POST" else request.GET.get("page")
    try:
        index = int(raw) if raw is not None else resume_at
    except ValueError:
        index = resume_at
    return min(max(index, 0), max(count - 1, 0))
