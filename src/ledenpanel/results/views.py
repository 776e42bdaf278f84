"""The analysis of a closed panel: the report, its PDF, ``analysis.json`` and the responses.

The responses leave the app as CSV, XLSX, SPSS ``.sav`` and a codebook, all
written from one table (``selectors.responses_export_table``, built by the
pure ``analysis.exports``): background only where it discloses no group's
answers, open answers only when the panel's board included them
(``export_open_answers``), scrubbed. A panel without at least k
respondents has no export (404).

Who may see it is who may see the panel (``panels.selectors.panel_get_for_user``:
the board and coaches of its unit or a unit above, and coordinators). A
panel without a stored result is a 404.

The report is the engine's own self-contained HTML document
(``analysis.report.render_html``), served as a page of its own. It has no
script and carries its CSS in one ``<style>`` element, which the site's CSP
(``style-src 'self'``, no ``'unsafe-inline'``) would block: this response
allows exactly that stylesheet by its SHA-256 hash (CSP Level 2) and nothing
else, so the policy stays as strict as on every other page and the document
stays byte for byte what the PDF and the command line print.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from html.parser import HTMLParser
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.analysis.exports import (
    ExportTable,
    codebook_csv_lines,
    table_csv_lines,
    table_xlsx,
)
from ledenpanel.panels.models import Panel
from ledenpanel.panels.selectors import panel_get_for_board, panel_get_for_user
from ledenpanel.results import services
from ledenpanel.results.earlier import earlier_results
from ledenpanel.results.models import PanelAnalysis
from ledenpanel.results.selectors import (
    panel_analysis_get,
    publication_get,
    report_text_get,
    report_transparency,
    report_with_text,
    responses_export_table,
)


class _InlineStyles(HTMLParser):
    """The text of every ``<style>`` element and every ``style`` attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.attributes: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [value or "" for name, value in attrs if name == "style"]
        if tag == "style":
            self._in_style = True
            self.elements.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.elements[-1] += data


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_style_sources(document: str) -> list[str]:
    """CSP ``style-src`` sources that allow exactly this document's inline CSS."""
    parser = _InlineStyles()
    parser.feed(document)
    parser.close()
    sources = sorted({_hash(text) for text in parser.elements})
    if parser.attributes:
        # Style attributes match a hash only with 'unsafe-hashes' (CSP Level 3).
        sources += ["'unsafe-hashes'", *sorted({_hash(text) for text in parser.attributes})]
    return sources


def _analysis(request: HttpRequest, panel_id: UUID) -> tuple[Panel, PanelAnalysis]:
    panel = panel_get_for_user(user=request.user, panel_id=panel_id)
    analysis = panel_analysis_get(panel=panel)
    if analysis is None:
        raise Http404
    return panel, analysis


def _report(panel: Panel, analysis: PanelAnalysis) -> dict:
    """The result as the report prints it: the engine's figures, the editor's words."""
    publication = publication_get(panel=panel)
    earlier = earlier_results(panel=panel, before=publication.published_at if publication else None)
    return report_with_text(
        result=analysis.result,
        text=report_text_get(panel=panel),
        transparency=report_transparency(panel=panel),
        earlier={name: asdict(found) for name, found in earlier.items()},
    )


def _report_language() -> str:
    """The request's interface language for the report ("nl" or "en"; "en-gb" → "en")."""
    return (get_language() or "nl")[:2]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(panel: Panel, name: str) -> str:
    return f"{slugify(panel.title) or 'ledenpanel'}-{name}"


@staff_required
@require_GET
def analysis_report(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    from ledenpanel.analysis.report import render_html

    panel, analysis = _analysis(request, panel_id)
    document = render_html(_report(panel, analysis), lang=_report_language())
    response = HttpResponse(document, content_type="text/html; charset=utf-8")
    sources = inline_style_sources(document)
    if sources:
        response._csp_update = {"style-src": sources}  # type: ignore[attr-defined]
    return response


@staff_required
@require_GET
def analysis_json(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    panel, analysis = _analysis(request, panel_id)
    data = json.dumps(analysis.result, ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(panel, "analysis.json")}"'
    return response


@staff_required
@require_GET
def analysis_pdf(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    from ledenpanel.analysis.report import render_pdf

    panel, analysis = _analysis(request, panel_id)
    response = HttpResponse(
        render_pdf(_report(panel, analysis), lang=_report_language()),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(panel, "analyse.pdf")}"'
    return response


def _export(request: HttpRequest, panel_id: UUID) -> tuple[Panel, ExportTable]:
    panel = panel_get_for_user(user=request.user, panel_id=panel_id)
    table = responses_export_table(panel=panel, lang=_report_language())
    if table is None:
        raise Http404
    return panel, table


def _attachment(
    response: HttpResponse | StreamingHttpResponse, panel: Panel, name: str
) -> HttpResponse | StreamingHttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{_filename(panel, name)}"'
    # Answers: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
def responses_csv(request: HttpRequest, panel_id: UUID) -> HttpResponse | StreamingHttpResponse:
    """The responses as ``ledenpanel analyse`` reads them (with the XLSForm export)."""
    panel, table = _export(request, panel_id)
    response = StreamingHttpResponse(table_csv_lines(table), content_type="text/csv; charset=utf-8")
    return _attachment(response, panel, "antwoorden.csv")


@staff_required
@require_GET
def responses_xlsx(request: HttpRequest, panel_id: UUID) -> HttpResponse | StreamingHttpResponse:
    """The responses and the codebook as one workbook."""
    panel, table = _export(request, panel_id)
    response = HttpResponse(table_xlsx(table), content_type=XLSX)
    return _attachment(response, panel, "antwoorden.xlsx")


@staff_required
@require_GET
def responses_sav(request: HttpRequest, panel_id: UUID) -> HttpResponse | StreamingHttpResponse:
    """The responses for SPSS, with variable and value labels."""
    # Loaded here, not with the module: pandas and pyreadstat cost every web
    # process memory, and only this view needs them.
    from ledenpanel.analysis.exports.sav import table_sav

    panel, table = _export(request, panel_id)
    response = HttpResponse(table_sav(table), content_type="application/x-spss-sav")
    return _attachment(response, panel, "antwoorden.sav")


@staff_required
@require_GET
def codebook_csv(request: HttpRequest, panel_id: UUID) -> HttpResponse | StreamingHttpResponse:
    """What each column of the exports holds, and the notes on what was left out."""
    panel, table = _export(request, panel_id)
    response = HttpResponse(
        "".join(codebook_csv_lines(table)), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, panel, "codeboek.csv")


@staff_required
@require_POST
def export_open_answers(request: HttpRequest, panel_id: UUID) -> HttpResponse:
    """The board includes the open answers in the exports, or leaves them out again."""
    panel = panel_get_for_board(user=request.user, panel_id=panel_id)
    include = request.POST.get("include") == "1"
    try:
        services.export_open_answers_set(panel=panel, actor=request.user, include=include)
    except services.ExportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("De open antwoorden staan nu in de exports (zonder namen en adressen).")
            if include
            else _("De open antwoorden zijn uit de exports gehaald."),
        )
    return redirect("panels:detail", panel.public_id)
