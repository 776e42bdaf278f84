"""Panels, their questionnaire versions, history, coach comments and requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ledenpanel.core.models import PublicIdModel
from ledenpanel.organisations.models import Unit


class PanelState(models.TextChoices):
    DRAFT = "draft", _("concept")
    IN_REVIEW = "in_review", _("ter beoordeling")
    APPROVED = "approved", _("goedgekeurd")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")
    REPORTED = "reported", _("gerapporteerd")
    RESPONDED = "responded", _("beantwoord door bestuur")
    ARCHIVED = "archived", _("gearchiveerd")
    CANCELLED = "cancelled", _("geannuleerd")


# States in which the questionnaire may still change freely.
# States that still lie ahead of or in fieldwork (they count for coordination).
ACTIVE_STATES = frozenset(
    {PanelState.DRAFT, PanelState.IN_REVIEW, PanelState.APPROVED, PanelState.OPEN}
)


class PopulationKind(models.TextChoices):
    ALL = "all", _("alle leden van de eenheid (met onderliggende eenheden)")
    GROUP = "group", _("de leden van een netwerk, werkgroep of fractie")
    RANDOM = "random", _("een aselecte steekproef")
    STRATIFIED = "stratified", _("een gestratificeerde steekproef (naar gewest en leeftijd)")


class Panel(PublicIdModel):
    unit = models.ForeignKey(
        Unit, verbose_name=_("eenheid"), on_delete=models.PROTECT, related_name="panels"
    )
    title = models.CharField(_("titel"), max_length=200)
    topic = models.CharField(
        _("onderwerp"),
        max_length=300,
        help_text=_("In één zin: waar gaat dit ledenpanel over?"),
    )
    purpose = models.TextField(
        _("doel"),
        help_text=_("Waarom vraagt het bestuur dit, en wat doet het met de uitkomst?"),
    )
    population_kind = models.CharField(
        _("wie worden uitgenodigd"),
        max_length=20,
        choices=PopulationKind.choices,
        default=PopulationKind.ALL,
    )
    population_group = models.ForeignKey(
        Unit,
        verbose_name=_("netwerk, werkgroep of fractie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sample_size = models.PositiveIntegerField(_("steekproefgrootte"), null=True, blank=True)
    opens_on = models.DateField(_("open vanaf"), null=True, blank=True)
    closes_on = models.DateField(_("sluit op"), null=True, blank=True)
    results_by = models.DateField(_("uitslag terug bij de leden uiterlijk"), null=True, blank=True)
    response_by = models.DateField(_("reactie van het bestuur uiterlijk"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=PanelState.choices, default=PanelState.DRAFT
    )
    coach_review_required = models.BooleanField(_("beoordeling door een begeleider verplicht"))
    # Days after opening on which non-responders get a reminder, e.g. [5, 10].
    reminder_days = models.JSONField(_("herinneringen na (dagen)"), default=list, blank=True)
    reminder_letters = models.BooleanField(
        _("ook een herinneringsbrief aan leden zonder e-mail"),
        default=False,
        help_text=_("Brieven kosten porto; de eenheid betaalt."),
    )
    open_link = models.BooleanField(
        _("ook een openbare link voor niet-leden"),
        default=False,
        help_text=_(
            "Bijvoorbeeld voor kiezers. Hun antwoorden worden apart van die van de leden"
            " geanalyseerd."
        ),
    )
    # The public link's slug; set when the panel opens with ``open_link``.
    open_slug = models.CharField(max_length=32, unique=True, null=True, blank=True)
    # Bytes every draft and sealed envelope of the panel is padded to, fixed
    # when it opens (kernel.questionnaire.capacity; docs/anonymity.md §4).
    sealed_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The working copy of the questionnaire (schema.Questionnaire as JSON).
    questionnaire = models.JSONField(default=dict)
    questionnaire_changed_at = models.DateTimeField(null=True, blank=True)
    approved_version = models.ForeignKey(
        "QuestionnaireVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    request = models.OneToOneField(
        "PanelRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="panel"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ledenpanel")
        verbose_name_plural = _("ledenpanels")

    def __str__(self) -> str:
        return self.title


# What a board plans before opening (the form and the update service share it).
PLAN_FIELDS = (
    "title",
    "topic",
    "purpose",
    "population_kind",
    "population_group",
    "sample_size",
    "opens_on",
    "closes_on",
    "results_by",
    "response_by",
    "reminder_days",
    "reminder_letters",
    "open_link",
)


class PanelEvent(models.Model):
    """One line of a panel's history: a state change or another recorded act."""

    class Kind(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        TRANSITION = "transition", _("statuswijziging")
        UPDATED = "updated", _("gegevens gewijzigd")
        WORDING_FIX = "wording_fix", _("tekstcorrectie na opening")
        VERSION = "version", _("versie van de vragenlijst")
        CLOSING_DATE = "closing_date", _("sluitingsdatum verschoven")
        TEST_SEND = "test_send", _("testverzending")
        REVIEWED = "reviewed", _("beoordeeld door begeleider")
        PUBLISHED = "published", _("gepubliceerd voor de leden")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_state = models.CharField(max_length=20, choices=PanelState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=PanelState.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.panel} — {self.get_kind_display()}"


class QuestionnaireVersion(models.Model):
    """A saved, immutable copy of the questionnaire; versions can be compared."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.panel} v{self.number}"


class QuestionComment(PublicIdModel):
    """A coach's (or board member's) comment on one question."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="comments")
    question_name = models.CharField(max_length=64)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("opmerking"))
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class RequesterKind(models.TextChoices):
    MEMBERS = "members", _("een groep leden")
    NETWORK = "netwerk", _("een netwerk")
    WORKING_GROUP = "werkgroep", _("een werkgroep")
    FACTION = "fractie", _("een fractie")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    APPROVED = "approved", _("toegekend")
    REJECTED = "rejected", _("afgewezen")


class PanelRequest(PublicIdModel):
    """A request for a panel from members, a network, a working group or a faction."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("aan het bestuur van"),
        on_delete=models.PROTECT,
        related_name="panel_requests",
    )
    topic = models.CharField(_("onderwerp"), max_length=300)
    reason = models.TextField(_("waarom een ledenpanel?"))
    proposed_questions = models.TextField(_("voorgestelde vragen"), blank=True)
    requester_kind = models.CharField(
        _("wie vraagt het aan"), max_length=20, choices=RequesterKind.choices
    )
    requesting_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requesters = models.TextField(_("namen van de aanvragers"))
    contact_email = models.EmailField(_("e-mailadres voor het antwoord"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    # Criterion text → met (true/false), as judged by the board.
    criteria_assessment = models.JSONField(default=dict, blank=True)
    decision_reason = models.TextField(_("toelichting op het besluit"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]


DEFAULT_REQUEST_CRITERIA = (
    _("Het onderwerp hoort bij de taken van deze eenheid."),
    _("De uitkomst kan een besluit of standpunt van het bestuur beïnvloeden."),
    _("Er liep het afgelopen jaar geen ledenpanel over hetzelfde onderwerp."),
    _("Het onderwerp leent zich voor een vragenlijst (niet alleen voor een debat)."),
    _("De aanvragers willen meedenken over de vragen en de opvolging."),
)


class UnitPanelSettings(models.Model):
    """A unit's own rules for panels: request criteria and required coach review."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="panel_settings")
    request_criteria = models.JSONField(default=list, blank=True)
    coach_review_required = models.BooleanField(
        _("beoordeling door een begeleider verplicht"), default=False
    )
    share_results_with_siblings = models.BooleanField(
        _("uitkomsten delen met zustereenheden"),
        default=False,
        help_text=_(
            "Dan staan de uitkomsten van een vraag uit de bibliotheek naast die van dezelfde "
            "vraag bij een eenheid naast deze (met dezelfde bovenliggende eenheid)."
        ),
    )

    def __str__(self) -> str:
        return str(self.unit)


class PartySettings(models.Model):
    """Party-wide settings, kept by the coordinator. One row."""

    invitation_cap = models.PositiveSmallIntegerField(
        _("maximaal aantal ledenpanels per lid"), default=3
    )
    invitation_cap_months = models.PositiveSmallIntegerField(
        _("per periode van (maanden)"), default=12
    )
    coach_review_required = models.BooleanField(
        _("beoordeling door een begeleider overal verplicht"), default=False
    )
    letter_postage_cents = models.PositiveIntegerField(
        _("porto per brief (eurocent)"),
        default=114,
        help_text=_("Voor de schatting van de kosten van een briefrun; de eenheid betaalt."),
    )

    def __str__(self) -> str:
        return "party settings"
