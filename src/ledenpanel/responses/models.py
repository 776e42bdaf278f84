"""Answers. A ``Response`` has answers and coded bands only (docs/anonymity.md).

No foreign key to a member or invitation, no token, IP, user agent,
timestamp or date; primary keys are random. Drafts, envelopes and receipts
exist only during fieldwork and are deleted at close.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from ledenpanel.panels.models import Panel


class Draft(models.Model):
    """Saved pages of an unfinished answer, encrypted under the member's token."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="+")
    lookup = models.CharField(max_length=64, unique=True)
    ciphertext = models.BinaryField()

    def __str__(self) -> str:
        return "draft"


class Envelope(models.Model):
    """A submitted answer sealed with the panel's public key, opened at close."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="+")
    ciphertext = models.BinaryField()
    # Answered through the public link by a non-member (counted apart).
    is_open = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "envelope"


class Receipt(models.Model):
    """One per submitted invitation (a keyed hash): a double submit finds it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return "receipt"


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField()
    # The panel-wide coding of background bands chosen at close (≥ k per combination).
    bands = models.JSONField(default=dict)
    # Non-members answering through the open link are analysed separately.
    is_open = models.BooleanField(default=False)
    # The optional last question about the panel itself (clear, length, again).
    evaluation = models.JSONField(default=dict)

    def __str__(self) -> str:
        return "response"


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

    def __str__(self) -> str:
        return f"closing of {self.panel_id}"


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

    def __str__(self) -> str:
        return f"analysis of {self.panel_id}"
