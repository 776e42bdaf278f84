from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledenpanel.invitations.models import Invitation
from ledenpanel.panels.models import Panel


class FollowUpConsent(models.Model):
    """A member's choices on the thank-you page, kept apart from the answers.

    They reveal that the member took part, never what they answered; the
    member can change or withdraw them through the same link. No time is kept:
    a change time would say roughly when the member answered, and kept after
    close it could be set against anything else that is timed.
    """

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="follow_up"
    )
    keep_informed = models.BooleanField(_("Houd mij op de hoogte van de uitslag"), default=False)
    join_network = models.BooleanField(
        _("Ik wil meedoen in een netwerk over dit onderwerp"), default=False
    )

    class Meta:
        db_table = "invitations_followupconsent"  # made by invitations; only the state moved

    def __str__(self) -> str:
        return f"follow-up for {self.invitation_id}"


class Position(models.TextChoices):
    """The board's position on a discussion point (the source text's four answers)."""

    ADOPT = "adopt", _("overnemen")
    PARTLY = "partly", _("deels overnemen")
    DECLINE = "decline", _("niet overnemen")
    DISCUSS = "discuss", _("verder bespreken")


class AnswerVersion(models.Model):
    """One saved draft of the board's answer to a published report (step 7).

    Append-only, like the report's versions: every save is a new version
    with its author and time. ``points`` follows the published report's
    discussion points, in order: ``{"position", "reasoning", "next_step",
    "next_step_on"}`` (the date as ISO text, or empty). ``overall`` is the
    answer as a whole. The board publishes the latest version
    (``published_at``); the members then read exactly that one.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="answer_versions")
    number = models.PositiveIntegerField()
    overall = models.TextField(blank=True)
    points = models.JSONField(default=list)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["panel", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="one_answer_version_number")
        ]

    def __str__(self) -> str:
        return f"answer to {self.panel_id}, version {self.number}"


class Deadline(models.TextChoices):
    RESULTS = "results", _("uitslag terug bij de leden")
    ANSWER = "answer", _("reactie van het bestuur")


class AlertStage(models.TextChoices):
    WEEK_BEFORE = "week_before", _("een week van tevoren")
    DUE = "due", _("op de dag zelf")
    LATE = "late", _("te laat")


class DeadlineAlert(models.Model):
    """That a deadline's reminder or alert went out: each goes once per stage."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="deadline_alerts")
    deadline = models.CharField(max_length=10, choices=Deadline.choices)
    stage = models.CharField(max_length=12, choices=AlertStage.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "deadline", "stage", "due_on"], name="one_alert_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline} {self.stage} for {self.panel_id}"


class ProgressUpdate(models.Model):
    """A later step, told after the answer: what the board did with a point since.

    It shows on the results page for every member, and goes by mail to the
    members who asked to be kept informed (``FollowUpConsent.keep_informed``).
    Numbered per panel from 1.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="progress_updates")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["panel", "number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="one_update_number")
        ]

    def __str__(self) -> str:
        return f"update {self.number} of {self.panel_id}"
