"""The stored analysis of a closed panel, and the versions of its report text."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

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


class ReportVersion(models.Model):
    """One saved state of a panel's report text: its discussion points and commentary.

    Append-only: every edit by the coach (or the board, where the panel has no
    coach) saves a new version with its author and time, so the history says
    who changed what and nothing is lost. Until the first edit the drafted
    points in the analysis are the text. The board marks the report final
    (``final_at``); the final version is exactly what goes to the members.

    ``points`` is a list of ``{"title", "text", "drafted"}``: ``drafted`` is
    the index of the engine's point whose evidence (figures, questions) the
    point keeps, or null for a point the editor added.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="report_versions")
    number = models.PositiveIntegerField()
    points = models.JSONField(default=list)
    commentary = models.TextField(blank=True)
    # What this version changed, as a code (``edit:2``, ``add``, ``commentary``
    # …) so the history reads in the page's language: see ``change_label``.
    change = models.CharField(max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    final_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["panel", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="one_report_version_number")
        ]

    def __str__(self) -> str:
        return f"report of {self.panel_id}, version {self.number}"

    def change_label(self) -> str:
        kind, _sep, number = self.change.partition(":")
        labels = {
            "edit": _("punt %(number)s bewerkt"),
            "add": _("punt toegevoegd"),
            "remove": _("punt %(number)s verwijderd"),
            "up": _("punt %(number)s omhoog"),
            "down": _("punt %(number)s omlaag"),
            "commentary": _("commentaar bewerkt"),
            "final_as_drafted": _("definitief gemaakt zoals de analyse het opstelde"),
        }
        label = labels.get(kind)
        return self.change if label is None else label % {"number": number}


class ExportChoice(models.Model):
    """The board's choice for the exports of the responses: open answers in or out.

    Open answers are left out of the row-level exports unless the panel's
    board includes them: an answer in the member's own words stands next to
    all their other answers, and scrubbing (``analysis.scrub``) removes
    names, addresses and numbers but not every detail that can give a writer
    away. No row: not included. Who changed it and when is kept, so the board
    can account for the choice.
    """

    panel = models.OneToOneField(Panel, on_delete=models.CASCADE, related_name="export_choice")
    open_answers = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"export choice of {self.panel_id}"


class Publication(models.Model):
    """The results given back to the members: the final report, published by the board.

    Made once, when the board publishes; what the members read is frozen in
    it. ``pages`` holds the members' results page per language (``{"nl":
    {"summary": html, "questions": html}, "en": …}``), rendered from the
    analysis and the final report version at that moment, so the page never
    changes under the members and costs nothing to serve to many. The
    discussion points are those of ``report_version``. ``public`` is the
    board's choice to show the page at an address for all of the unit's
    members, not only through each member's own link or code.
    """

    panel = models.OneToOneField(Panel, on_delete=models.CASCADE, related_name="publication")
    report_version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    pages = models.JSONField(default=dict)
    # Per language, each question's figures as one sentence: what a later
    # panel of the same template question shows beside its own (results.earlier).
    figures = models.JSONField(default=dict)
    public = models.BooleanField(default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"publication of {self.panel_id}"


class SlicePublication(models.Model):
    """A branch's or region's slice of a panel, published by that unit's board to its members.

    The slice itself (``results.slices``) is read from the close's stored
    aggregates each time, so it shows exactly what the suppression allows;
    this row records only who published it and when. Once per panel and unit.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="slice_publications")
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.CASCADE, related_name="slice_publications"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "unit"], name="one_slice_publication")
        ]

    def __str__(self) -> str:
        return f"slice of {self.panel_id} for unit {self.unit_id}"
