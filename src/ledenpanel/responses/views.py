"""The answering pages: no account, one section per page, works without JavaScript.

Three ways in share one page flow (:func:`_answering`): a member's own link or
letter code, a non-member's open link (``open_mode``), and a volunteer entering
a member's answers (``assisted``).

A saved page answers with the next page itself, not with a redirect to it (as
LimeSurvey does): a panel of eight pages takes nine requests instead of
seventeen. The page number travels in the form, so a reload re-posts the same
page, which saves the same answers again and shows the same next page; a
``?page=`` link still opens any page with GET. The thank-you page, too, is the
answer to the final POST: the address stays the member's link, a reload finds
this device's note that it submitted and shows the thank-you page again, and
nothing is stored twice.

What a page shows depends only on what this browser did, never on what the
member did elsewhere: a code holder (the board that printed the letter, a
volunteer) sees the same questionnaire and the same thank-you page whether
or not the member already answered (docs/anonymity.md §4).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ledenpanel.core import ratelimit
from ledenpanel.invitations import crypto
from ledenpanel.kernel.questionnaire.schema import Section
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.responses import (
    assisted,
    device,
    evaluation,
    open_mode,
    pagecache,
    selectors,
    services,
)
from ledenpanel.responses.answering import (
    AnswerError,
    estimated_progress,
    is_empty,
    pages,
)
from ledenpanel.responses.answering.flow import page_index, page_step
from ledenpanel.responses.evaluation import parse_evaluation
from ledenpanel.responses.sessions import AnsweringSession, DoneNote

RATING_VALUES = range(11)
AFTER_CLOSE = frozenset(
    {PanelState.CLOSED, PanelState.REPORTED, PanelState.RESPONDED, PanelState.ARCHIVED}
)


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


def _too_many_guesses(request: HttpRequest) -> HttpResponse:
    return render(request, "core/too_many_guesses.html", status=429)


@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        guess = ratelimit.count_guess(request)
        if guess is None:
            return _too_many_guesses(request)
        code = form.cleaned_data["code"]
        if selectors.answering_session_for_secret(secret=code) is not None:
            guess.refund()
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
    """A member's own link (or letter code); a volunteer's too, in assisted mode."""
    guess = ratelimit.count_guess(request)
    if guess is None:
        return _too_many_guesses(request)
    session = selectors.answering_session_for_secret(secret=secret)
    if session is None:
        raise Http404
    guess.refund()
    if session.panel.state in AFTER_CLOSE:
        # The link and the code keep working after the close, for the results
        # only: the same page for every member (followup.views).
        return redirect("followup:member_results", secret=secret)
    assisting = assisted.is_assisting(request, session.panel)
    url = reverse("responses:answer", args=[secret])
    return _answering(request, session, url=url, assisting=assisting)


@require_http_methods(["GET", "POST"])
def open_answer(request: HttpRequest, slug: str) -> HttpResponse:
    """The public link: a non-member answers; their browser holds the secret."""
    panel = open_mode.open_panel_for_slug(slug)
    if panel is None:
        raise Http404
    if panel.state != PanelState.OPEN:
        return render(request, "responses/closed.html", {"panel": panel})
    secret = open_mode.browser_secret(request, panel)
    issued = secret is None
    if secret is None:
        if not open_mode.rate_allows(request, "start"):
            return _too_many(request, panel)
        secret = open_mode.new_browser_secret()
    session = selectors.answering_session_for_open_link(panel=panel, secret=secret)
    if session is None:
        raise Http404
    url = reverse("responses:open_answer", kwargs={"slug": slug})
    response = _answering(request, session, url=url)
    if issued:
        open_mode.remember_browser_secret(response, panel, secret)
    return response


def _too_many(request: HttpRequest, panel: Panel) -> HttpResponse:
    return render(request, "responses/open_limited.html", {"panel": panel}, status=429)


def _answering(
    request: HttpRequest, session: AnsweringSession, *, url: str, assisting: bool = False
) -> HttpResponse:
    """The page flow every answerer shares, with a member's drafts bound to this browser."""
    issued = None
    if not session.is_open_link:
        # Keyed with the code *and* this browser's device secret: whoever else
        # holds the code finds no draft and cannot tell whether the member
        # submitted (responses.device).
        secret = device.device_secret(request)
        if secret is None:
            secret = issued = device.new_device_secret()
        session.device = secret
    response = _answering_page(request, session, url=url, assisting=assisting)
    if issued is not None:
        device.remember_device(response, issued)
    return response


def _answering_page(
    request: HttpRequest, session: AnsweringSession, *, url: str, assisting: bool
) -> HttpResponse:
    panel = session.panel
    if not selectors.answering_is_open(session=session):
        # Checked before anything reads the panel's keys: after close they are gone.
        return render(request, "responses/closed.html", {"panel": panel})
    state = selectors.answering_state_get(session=session)
    if state.done is not None:
        # This device submitted. Another device holding the same code sees the
        # questionnaire, whether or not the member answered.
        return _thanks(request, session, state.done)
    draft = state.draft

    sections = pages(session.questionnaire)
    raw_page = request.POST.get("page") if request.method == "POST" else request.GET.get("page")
    index = page_index(raw_page, resume_at=draft.page, count=len(sections))
    errors: list[AnswerError] = []
    notice = ""
    answers, given = draft.answers, draft.evaluation
    if request.method == "POST":
        step = page_step(
            sections, index=index, earlier=draft.answers, data=dict(request.POST.lists())
        )
        answers, errors = step.answers, step.errors
        if index == len(sections) - 1:
            given = parse_evaluation(request.POST)
        honeypot = draft.honeypot or (
            session.is_open_link and open_mode.honeypot_filled(request.POST)
        )
        if not errors:
            index = step.index
            if step.submit and honeypot:
                # Accepted but dropped: a bot sees the usual thanks page.
                services.draft_discard(session=session)
                return _thanks(request, session, DoneNote(counted=False))
            if step.submit:
                if session.is_open_link and not open_mode.rate_allows(request, "submit"):
                    notice = _too_many_notice()
                else:
                    # No draft first: a submit that succeeds deletes it anyway
                    # (one statement less on every panel's last page). Whether
                    # it counted is not looked at: the page is the same.
                    errors = services.answers_submit(
                        session=session, answers=answers, assisted=assisting, evaluation=given
                    ).missing
                    if not errors:
                        return _after_submit(request, session, assisting=assisting)
            # Not submitted (or refused): the answers so far wait in the draft.
            answers = services.draft_save(
                session=session, answers=answers, page=index, evaluation=given, honeypot=honeypot
            )
            if step.later:
                return render(
                    request,
                    "responses/saved.html",
                    {"panel": panel, "is_open_link": session.is_open_link, "assisting": assisting},
                )
            # Otherwise the page at ``index`` (the next, the previous, or the same
            # one) is this response: no redirect and no second request.

    return _render_page(
        request,
        session,
        sections=sections,
        index=index,
        answers=answers,
        errors=errors,
        given=given,
        notice=notice,
        assisting=assisting,
    )


def _render_page(
    request: HttpRequest,
    session: AnsweringSession,
    *,
    sections: list[Section],
    index: int,
    answers: dict,
    errors: list[AnswerError],
    given: dict,
    notice: str,
    assisting: bool,
) -> HttpResponse:
    """Page ``index`` with what this answerer has given so far."""
    panel = session.panel
    current, total = estimated_progress(session.questionnaire, index)
    shown_errors = _messages(errors)
    section = sections[index] if sections else None
    fresh = _is_fresh(section, answers, shown_errors) and not given and not notice
    context = {
        "panel": panel,
        "section": section,
        "page": index,
        "page_number": current,
        "page_total": total,
        "is_last": index == len(sections) - 1,
        "answers": answers,
        "errors": shown_errors,
        "errors_by_question": {question: message for question, _f, message in shown_errors},
        "rating_values": RATING_VALUES,
        # Nothing of this answerer's on the page: its questions' HTML is the same
        # for everyone, so the template renders it once per process and language.
        "fresh_page": fresh,
        "version_key": _version_key(panel),
        "evaluation_questions": evaluation.QUESTIONS,
        "evaluation": given,
        "is_open_link": session.is_open_link,
        "honeypot_field": open_mode.HONEYPOT_FIELD,
        "assisting": assisting,
        "notice": notice,
    }
    if fresh and pagecache.shareable(request, assisting=assisting):
        # The whole page once per process, with this request's token and address.
        key = (
            context["version_key"],
            index,
            get_language(),
            session.is_open_link,
            panel.pk,
            panel.title,
            panel.unit.name,
        )
        return pagecache.render_shared(request, "responses/answer.html", context, key=key)
    return render(request, "responses/answer.html", context)


def _is_fresh(section: Section | None, answers: dict, errors: list) -> bool:
    return (
        section is not None
        and not errors
        and all(is_empty(answers.get(question.name)) for question in section.questions)
    )


def _version_key(panel: Panel) -> str:
    """Names the approved version in the fragment cache's key; ids come back
    after a rolled-back transaction (tests), creation times do not."""
    version = panel.approved_version
    return f"{version.pk}-{version.created_at.timestamp()}" if version is not None else ""


def _too_many_notice() -> str:
    return str(
        _(
            "Er zijn het afgelopen uur te veel antwoorden vanaf dit internetadres verstuurd."
            " Uw antwoorden zijn bewaard in deze browser; probeer het over een uur opnieuw."
        )
    )


def _after_submit(
    request: HttpRequest, session: AnsweringSession, *, assisting: bool
) -> HttpResponse:
    if assisting:
        # One form at a time: the next member's code starts a new round.
        assisted.assisted_end(request, session.panel)
        messages.success(request, _("De antwoorden zijn verstuurd namens het lid."))
        return redirect("responses:assisted_start", panel_id=session.panel.public_id)
    return _thanks(request, session, DoneNote(counted=False))


class FollowUpForm(forms.Form):
    keep_informed = forms.BooleanField(
        label=_("Houd mij op de hoogte van de uitslag en wat het bestuur ermee doet"),
        required=False,
    )
    join_network = forms.BooleanField(
        label=_("Ik wil meedoen in een netwerk van leden over dit onderwerp"), required=False
    )


def _thanks(request: HttpRequest, session: AnsweringSession, done: DoneNote) -> HttpResponse:
    """After submitting: what happens next, and two separate, optional choices.

    Open-link answerers are not members: they get no follow-up choices. The
    choices shown are the ones made on this device (``done``), never the
    member's record, so the page is the same for whoever holds the code.
    """
    if session.is_open_link:
        return render(
            request,
            "responses/thanks.html",
            {"panel": session.panel, "is_open_link": True},
        )
    initial = {"keep_informed": done.keep_informed, "join_network": done.join_network}
    # Only the follow-up form binds: the final page's POST shows it unbound.
    choosing = request.method == "POST" and "follow_up" in request.POST
    form = FollowUpForm(request.POST if choosing else None, initial=initial)
    saved = False
    if choosing and form.is_valid():
        services.follow_up_set(session=session, **form.cleaned_data)
        saved = True
    context = {"panel": session.panel, "form": form, "saved": saved}
    if not (done.chose or choosing) and pagecache.shareable(request, assisting=False):
        # No choice made here yet: the thank-you page every member first sees.
        panel = session.panel
        key = ("thanks", get_language(), panel.pk, panel.title, panel.unit.name)
        key += (panel.results_by, panel.response_by)
        return pagecache.render_shared(request, "responses/thanks.html", context, key=key)
    return render(request, "responses/thanks.html", context)
