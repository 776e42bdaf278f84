"""``{% panel_analysis_state panel as state %}``: whether the panel's analysis is there.

One query that reads neither the result nor the error text: the panel page
only needs to know whether to link to the report.

``{% panel_export_open_answers panel as included %}``: whether the board
included the open answers in the exports.
"""

from __future__ import annotations

from django import template
from django.db.models import BooleanField, ExpressionWrapper, Q

from ledenpanel.panels.models import Panel
from ledenpanel.results.models import PanelAnalysis
from ledenpanel.results.selectors import export_open_answers_included

register = template.Library()

READY, FAILED, PENDING = "ready", "failed", "pending"


@register.simple_tag
def panel_analysis_state(panel: Panel) -> str:
    """``ready`` (a result to show), ``failed`` (none, and the run failed) or ``pending``."""
    row = (
        PanelAnalysis.objects.filter(panel=panel)
        .annotate(
            ready=ExpressionWrapper(Q(result__isnull=False), output_field=BooleanField()),
            failed=ExpressionWrapper(~Q(error=""), output_field=BooleanField()),
        )
        .values_list("ready", "failed")
        .first()
    )
    if row is None:
        return PENDING
    ready, failed = row
    return READY if ready else FAILED if failed else PENDING


@register.simple_tag
def panel_export_open_answers(panel: Panel) -> bool:
    return export_open_answers_included(panel=panel)
