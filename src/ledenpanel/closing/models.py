"""The close procedure's record of one panel: how far it got and what it wrote."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ledenpanel.panels.models import Panel


class CloseStage(models.TextChoices):
    STARTED = "started", _("gestart")
    RESPONSES_WRITTEN = "written", _("antwoorden opgeslagen")
    KEYS_DESTROYED = "keys_destroyed", _("sleutels vernietigd")
    DONE = "done", _("afgerond")


class PanelClosing(models.Model):
    """What the close procedure wrote, and how far it got (it is resumable).

    ``aggregates`` holds the tables that needed fine background data
    (participation per sub-unit and band, per-sub-unit results), already
    suppressed; ``coding`` the panel-wide band coding kept with the responses.
    """

    panel = models.OneToOneField(Panel, on_delete=models.CASCADE, related_name="closing")
    stage = models.CharField(max_length=20, choices=CloseStage.choices, default=CloseStage.STARTED)
    min_group = models.PositiveSmallIntegerField(default=10)
    respondents = models.PositiveIntegerField(default=0)
    open_respondents = models.PositiveIntegerField(default=0)
    coding = models.JSONField(default=dict)
    aggregates = models.JSONField(default=dict)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Created by the responses app before closing had models of its own.
        db_table = "responses_panelclosing"

    def __str__(self) -> str:
        return f"closing of {self.panel_id}"
