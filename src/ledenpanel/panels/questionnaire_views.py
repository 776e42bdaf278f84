"""Around the builder: preview, versions, the guideline, templates, XLSForm,
and wording fixes after approval."""

from __future__ import annotations

import copy
import io
import zipfile
from functools import cache
from pathlib import Path
from uuid import UUID

import markdown
from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.kernel.questionnaire.structure import diff
from ledenpanel.kernel.xlsform import read_xlsform, write_xlsform
from ledenpanel.panels import selectors, services
from ledenpanel.panels.builder_views import _builder_url, _save
from ledenpanel.panels.library import TEMPLATES, template_get
from ledenpanel.panels.lifecycle import can_fix_wording
from ledenpanel.panels.models import Panel

RATING_VALUES = range(11)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def preview(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    return render(
        request,
        "panels/preview.html",
        {
            "panel": panel,
            "questionnaire": Questionnaire.from_dict(panel.questionnaire),
            "rating_values": RATING_VALUES,
        },
    )


@staff_required
def versions(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    all_versions = list(panel.versions.select_related("created_by"))
    by_number = {version.number: version for version in all_versions}
    context: dict[str, object] = {"panel": panel, "versions": all_versions, "diff": None}
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        a = b = -1
    if a in by_number and (b in by_number or b == 0):
        before = Questionnaire.from_dict(by_number[a].definition)
        after = Questionnaire.from_dict(panel.questionnaire if b == 0 else by_number[b].definition)
        context.update(a=a, b=b, diff=diff(before, after))
    return render(request, "panels/versions.html", context)


@cache
def _guideline_html() -> str:
    text = (Path(__file__).parent / "QUESTION-GUIDELINE.md").read_text(encoding="utf-8")
    # The guideline ships with the package: trusted text, not user input.
    return markdown.markdown(text)


@staff_required
def guideline(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "panels/guideline.html",
        {"guideline": mark_safe(_guideline_html())},  # noqa: S308
    )


@staff_required
@require_http_methods(["GET", "POST"])
def library(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    if request.method == "POST":
        template = template_get(request.POST.get("template", ""))
        if template is not None:
            questionnaire = template.build()
            for question in questionnaire.questions():
                if question.author is not None:
                    question.author.unit = panel.unit.name
            questionnaire.title = panel.title
            _keep_current_version(request, panel, _("voor sjabloon"))
            if _save(request, panel, questionnaire):
                messages.success(
                    request,
                    _(
                        "Het sjabloon ‘%(title)s’ staat in de vragenlijst. "
                        "Pas het aan uw eenheid aan."
                    )
                    % {"title": template.title},
                )
                return redirect(_builder_url(panel))
    previews = [(template, template.build()) for template in TEMPLATES]
    return render(
        request,
        "panels/library.html",
        {
            "panel": panel,
            "templates": previews,
            "has_questions": bool(panel.questionnaire.get("sections")),
        },
    )


def _keep_current_version(request: HttpRequest, panel: Panel, note: str) -> None:
    """Save the questions about to be replaced, so they can be found back."""
    if any(section.get("questions") for section in panel.questionnaire.get("sections", [])):
        services.questionnaire_version_create(panel=panel, actor=request.user, note=note)


@staff_required
def xlsform_export(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_user(user=request.user, panel_id=panel_id)
    data = write_xlsform(Questionnaire.from_dict(panel.questionnaire))
    response = HttpResponse(data, content_type=XLSX_TYPE)
    filename = f"{slugify(panel.title) or 'vragenlijst'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSFORM_MAX_BYTES = 5 * 1024 * 1024
XLSFORM_MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class XlsformUploadForm(forms.Form):
    file = forms.FileField(label=_("XLSForm-bestand (.xlsx)"))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > XLSFORM_MAX_BYTES:
            raise forms.ValidationError(_("Een vragenlijst is kleiner dan 5 MB; dit bestand niet."))
        data = upload.read()
        upload.seek(0)
        if zipfile.is_zipfile(io.BytesIO(data)):
            # A zip bomb unpacks to gigabytes; refuse before a reader opens it.
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(item.file_size for item in archive.infolist())
            if unpacked > XLSFORM_MAX_UNPACKED_BYTES:
                raise forms.ValidationError(
                    _("Dit bestand is uitgepakt te groot voor een vragenlijst.")
                )
        return upload


@staff_required
@require_http_methods(["GET", "POST"])
def xlsform_import(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    form = XlsformUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = read_xlsform(upload.read(), upload.name)
        imported = result.questionnaire is not None and not result.errors
        if imported:
            _keep_current_version(request, panel, _("voor XLSForm-import"))
        if imported and _save(request, panel, result.questionnaire):
            messages.success(
                request,
                ngettext(
                    "De vragenlijst is geïmporteerd (%(count)s vraag).",
                    "De vragenlijst is geïmporteerd (%(count)s vragen).",
                    len(result.questionnaire.questions()),
                )
                % {"count": len(result.questionnaire.questions())},
            )
            if not result.not_imported:
                return redirect(_builder_url(panel))
    return render(
        request, "panels/xlsform_import.html", {"panel": panel, "form": form, "result": result}
    )


def _text_fields(questionnaire: Questionnaire) -> list[tuple[str, str, str]]:
    """(key, label for the field, current text) for every text members read."""
    fields = []
    for section in questionnaire.sections:
        if section.title:
            fields.append((f"section:{section.name}", _("Titel van onderdeel"), section.title))
        for question in section.questions:
            fields.append((f"label:{question.name}", _("Vraag"), question.label))
            if question.hint:
                fields.append((f"hint:{question.name}", _("Toelichting"), question.hint))
            for statement in question.statements:
                key = f"statement:{question.name}:{statement.name}"
                fields.append((key, _("Stelling"), statement.label))
            for option in question.options:
                key = f"option:{question.name}:{option.name}"
                fields.append((key, _("Antwoordoptie"), option.label))
    return fields


def _apply_texts(questionnaire: Questionnaire, texts: dict[str, str]) -> Questionnaire:
    fixed = copy.deepcopy(questionnaire)
    for section in fixed.sections:
        section.title = texts.get(f"section:{section.name}", section.title)
        for question in section.questions:
            question.label = texts.get(f"label:{question.name}", question.label)
            question.hint = texts.get(f"hint:{question.name}", question.hint)
            for statement in question.statements:
                key = f"statement:{question.name}:{statement.name}"
                statement.label = texts.get(key, statement.label)
            for option in question.options:
                option.label = texts.get(f"option:{question.name}:{option.name}", option.label)
    return fixed


@staff_required
@require_http_methods(["GET", "POST"])
def wording(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """After approval: correct texts only; every correction is in the history."""
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    if not can_fix_wording(panel.state):
        return redirect(_builder_url(panel))
    questionnaire = Questionnaire.from_dict(panel.questionnaire)
    fields = _text_fields(questionnaire)
    if request.method == "POST":
        texts = {key: request.POST.get(key, current).strip() for key, _label, current in fields}
        try:
            services.questionnaire_fix_wording(
                panel=panel,
                questionnaire=_apply_texts(questionnaire, texts),
                actor=request.user,
                note=request.POST.get("note", ""),
            )
        except services.PanelError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De correctie is opgeslagen en staat in de geschiedenis."))
            return redirect("panels:detail", panel_id=panel.public_id)
    return render(request, "panels/wording.html", {"panel": panel, "fields": fields})


@staff_required
@require_POST
def test_send(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """Mail the board the invitation and questionnaire before opening."""
    panel = selectors.panel_get_for_board(user=request.user, panel_id=panel_id)
    try:
        count = services.panel_test_send(panel=panel, actor=request.user)
    except services.PanelError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "De test is verstuurd naar %(count)s bestuurslid.",
                "De test is verstuurd naar %(count)s bestuursleden.",
                count,
            )
            % {"count": count},
        )
    return redirect("panels:detail", panel_id=panel.public_id)
