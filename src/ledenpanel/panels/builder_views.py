"""The questionnaire builder: questions, sections, guideline findings, coach comments.

Every form works without JavaScript; with htmx the guideline findings update
while the author types.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.guideline import lint_question, lint_questionnaire
from ledenpanel.kernel.questionnaire import editing
from ledenpanel.kernel.questionnaire.schema import (
    Question,
    Questionnaire,
    QuestionType,
    SchemaError,
)
from ledenpanel.panels import selectors, services
from ledenpanel.panels.lifecycle import PanelRole, can_edit_questions
from ledenpanel.panels.models import Panel, QuestionComment
from ledenpanel.panels.question_form import TYPE_HELP, TYPE_LABELS, QuestionForm, draft_question


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _save(request: HttpRequest, panel: Panel, questionnaire: Questionnaire) -> bool:
    try:
        services.questionnaire_save(panel=panel, questionnaire=questionnaire, actor=request.user)
    except services.PanelError as error:
        messages.error(request, str(error))
        return False
    except SchemaError as error:
        messages.error(request, _schema_message(error))
        return False
    return True


def _schema_message(error: SchemaError) -> str:
    """The schema speaks English to developers; boards get a plain Dutch reason."""
    if error.path.endswith("show_if"):
        return _(
            "Dat kan niet: een vraag met een voorwaarde moet ná de vraag komen waar de "
            "voorwaarde naar verwijst. Verplaats of wijzig eerst die voorwaarde."
        )
    return _("De vragenlijst is zo niet geldig (%(detail)s).") % {"detail": error.message}


@staff_required
def builder(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    roles = selectors.panel_roles(user=request.user, unit=panel.unit)
    questionnaire = Questionnaire.from_dict(panel.questionnaire)
    findings = lint_questionnaire(questionnaire, lang=_lang())
    by_question: dict[str | None, list] = {}
    for finding in findings:
        by_question.setdefault(finding.question, []).append(finding)
    comments: dict[str, list[QuestionComment]] = {}
    for comment in panel.comments.select_related("author"):
        comments.setdefault(comment.question_name, []).append(comment)
    sections = [
        (
            section,
            [
                (
                    question,
                    TYPE_LABELS[question.type],
                    by_question.get(question.name, []),
                    comments.get(question.name, []),
                )
                for question in section.questions
            ],
        )
        for section in questionnaire.sections
    ]
    return render(
        request,
        "panels/builder.html",
        {
            "panel": panel,
            "sections": sections,
            "overall": by_question.get(None, []),
            "can_edit": PanelRole.BOARD in roles and can_edit_questions(panel.state),
            "can_comment": bool(roles & {PanelRole.BOARD, PanelRole.COACH}),
            "question_count": len(questionnaire.questions()),
        },
    )


def _form(
    request: HttpRequest,
    questionnaire: Questionnaire,
    kind: QuestionType,
    *,
    before: str | None = None,
    initial: dict | None = None,
) -> QuestionForm:
    earlier: list[Question] = []
    for question in questionnaire.questions():
        if question.name == before:
            break
        earlier.append(question)
    sections = [(s.name, s.title or s.name) for s in questionnaire.sections]
    return QuestionForm(
        request.POST or None,
        question_type=kind,
        earlier=earlier,
        sections=sections,
        initial=initial,
    )


def _default_author(request: HttpRequest, panel: Panel) -> dict[str, str]:
    """Who asks, by default: the requesters on a requested panel, else the board."""
    if panel.request is not None:
        return {
            "author_name": panel.request.requesters,
            "author_role": panel.request.get_requester_kind_display(),
            "author_unit": panel.unit.name,
        }
    return {
        "author_name": request.user.full_name,
        "author_role": _("bestuur"),
        "author_unit": panel.unit.name,
    }


def _render_form(
    request: HttpRequest, panel: Panel, form: QuestionForm, question: Question | None
) -> HttpResponse:
    findings = []
    if form.is_bound and form.is_valid():
        preview = form.to_question(
            name=question.name if question else "nieuw", taken=set(), existing=question
        )
        findings = lint_question(preview, lang=_lang())
    return render(
        request,
        "panels/question_form.html",
        {
            "panel": panel,
            "form": form,
            "question": question,
            "type_label": TYPE_LABELS[form.question_type],
            "findings": findings,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    try:
        kind = QuestionType(request.GET.get("type", ""))
    except ValueError:
        return render(
            request,
            "panels/question_types.html",
            {"panel": panel, "types": [(t, TYPE_LABELS[t], TYPE_HELP[t]) for t in QuestionType]},
        )
    questionnaire = Questionnaire.from_dict(panel.questionnaire)
    initial = {**_default_author(request, panel), "section": questionnaire.sections[-1].name}
    form = _form(request, questionnaire, kind, initial=initial)
    if request.method == "POST" and "save" in request.POST and form.is_valid():
        taken = {q.name for q in questionnaire.questions()}
        question = form.to_question(name=None, taken=taken)
        updated = editing.add_question(questionnaire, form.cleaned_data["section"], question)
        if _save(request, panel, updated):
            messages.success(request, _("De vraag is toegevoegd."))
            return redirect(f"{_builder_url(panel)}#q-{question.name}")
    return _render_form(request, panel, form, None)


def _builder_url(panel: Panel) -> str:
    return reverse("panels:builder", kwargs={"panel_id": panel.public_id})


def _question_or_404(questionnaire: Questionnaire, name: str) -> tuple[Question, str]:
    for section in questionnaire.sections:
        for question in section.questions:
            if question.name == name:
                return question, section.name
    raise Http404


@staff_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, panel_id: UUID, name: str) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    questionnaire = Questionnaire.from_dict(panel.questionnaire)
    question, section_name = _question_or_404(questionnaire, name)
    form = _form(
        request,
        questionnaire,
        question.type,
        before=name,
        initial=QuestionForm.initial_for(question, section_name),
    )
    if request.method == "POST" and "save" in request.POST and form.is_valid():
        edited = form.to_question(name=name, taken=set(), existing=question)
        updated = editing.replace_question(questionnaire, name, edited)
        if form.cleaned_data["section"] != section_name:
            updated = editing.move_to_section(updated, name, form.cleaned_data["section"])
        if _save(request, panel, updated):
            messages.success(request, _("De vraag is opgeslagen."))
            return redirect(f"{_builder_url(panel)}#q-{name}")
    return _render_form(request, panel, form, question)


@staff_required
@require_POST
def question_delete(request: HttpRequest, panel_id: UUID, name: str) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    questionnaire = Questionnaire.from_dict(panel.questionnaire)
    _question_or_404(questionnaire, name)
    try:
        updated = editing.remove_question(questionnaire, name)
    except editing.EditError as error:
        messages.error(
            request,
            _("Andere vragen hangen van deze vraag af: %(names)s. Pas die eerst aan.")
            % {"names": error},
        )
        return redirect(_builder_url(panel))
    if _save(request, panel, updated):
        messages.success(request, _("De vraag is verwijderd."))
    return redirect(_builder_url(panel))


@staff_required
@require_POST
def question_move(request: HttpRequest, panel_id: UUID, name: str) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    questionnaire = Questionnaire.from_dict(panel.questionnaire)
    _question_or_404(questionnaire, name)
    step = -1 if request.POST.get("direction") == "up" else 1
    _save(request, panel, editing.move_question(questionnaire, name, step))
    return redirect(f"{_builder_url(panel)}#q-{name}")


@staff_required
@require_POST
def section_add(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    title = request.POST.get("title", "").strip()
    if title:
        questionnaire = Questionnaire.from_dict(panel.questionnaire)
        _save(request, panel, editing.add_section(questionnaire, title[:200]))
    return redirect(_builder_url(panel))


@staff_required
@require_POST
def comment_add(request: HttpRequest, panel_id: UUID, name: str) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    text = request.POST.get("text", "").strip()
    if text:
        try:
            services.comment_add(panel=panel, question_name=name, author=request.user, text=text)
        except services.PanelError as error:
            messages.error(request, str(error))
    return redirect(f"{_builder_url(panel)}#q-{name}")


@staff_required
@require_POST
def comment_resolve(request: HttpRequest, comment_id: UUID) -> HttpResponse:
    comment = (
        QuestionComment.objects.select_related("panel__unit").filter(public_id=comment_id).first()
    )
    if comment is None:
        raise Http404
    selectors.panel_get_for_user(user=request.user, panel_id=comment.panel.public_id)
    services.comment_resolve(comment=comment, actor=request.user)
    return redirect(f"{_builder_url(comment.panel)}#q-{comment.question_name}")


@staff_required
@require_POST
def lint_fragment(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """Guideline findings for the question being typed (htmx partial)."""
    selectors.panel_get_for_board(user=request.user, panel_id=panel_id)  # access check
    try:
        kind = QuestionType(request.POST.get("question_type", ""))
    except ValueError:
        raise Http404 from None
    draft = draft_question(kind, request.POST)
    findings = lint_question(draft, lang=_lang()) if draft.label else []
    return render(request, "panels/_findings.html", {"findings": findings, "checked": True})
