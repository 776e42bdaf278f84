"""The stored analysis of a closed panel."""

from __future__ import annotations

from django.db import models

from ledenpanel.panels.models import Panel


class PanelAnalysis(models.Model):
    """The analysis of a closed panel (``docs/analysis.schema.json``), run by the worker.

    One row per panel, replaced when the analysis runs again (after an engine
    upgrade). ``result`` holds only what the engine publishes: aggregates with
    small groups hidden, never a response. ``error`` names what failed
    (exception type and code locations, never a message that could quote an
    answer); ``result`` then keeps the last good result, if any.
    """

    panel = models.OneToOneField(Panel, on_delete=models.CASCADE, related_name="analysis")
    result = models.JSONField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        # Created by the responses app before results had models of its own.
        db_table = "responses_panelanalysis"

    def __str__(self) -> str:
        return f"analysis of {self.panel_id}"
