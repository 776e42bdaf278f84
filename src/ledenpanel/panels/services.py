"""Every change to a panel, its questionnaire and requests: one audited function each."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ledenpanel.accounts.models import User
from ledenpanel.core.email import email_queue
from ledenpanel.kernel.questionnaire.schema import Questionnaire, Section, validate
from ledenpanel.kernel.questionnaire.structure import as_text, same_structure
from ledenpanel.organisations.models import RoleKind, Unit
from ledenpanel.organisations.selectors import unit_descendant_ids
from ledenpanel.panels.lifecycle import (
    TRANSITIONS,
    Action,
    PanelRole,
    allowed_actions,
    can_edit_plan,
    can_edit_questions,
    can_fix_wording,
)
from ledenpanel.panels.models import (
    DEFAULT_REQUEST_CRITERIA,
    PLAN_FIELDS,
    Panel,
    PanelEvent,
    PanelRequest,
    PanelState,
    PopulationKind,
    QuestionComment,
    QuestionnaireVersion,
    RequestStatus,
    UnitPanelSettings,
)
from ledenpanel.panels.selectors import panel_roles, party_settings_get


class PanelError(ValueError):
    """A change the panel's state or data does not allow; the message says why."""


def _require(panel: Panel, actor: User, roles: set[PanelRole]) -> set[PanelRole]:
    held = panel_roles(user=actor, unit=panel.unit)
    if not held & roles:
        raise PermissionDenied
    return held


def coach_review_required_for(*, unit: Unit) -> bool:
    """Required by the party, or by the unit or any unit above it."""
    if party_settings_get().coach_review_required:
        return True
    chain = []
    current: Unit | None = unit
    while current is not None:
        chain.append(current.id)
        current = current.parent
    return UnitPanelSettings.objects.filter(unit_id__in=chain, coach_review_required=True).exists()


def _event(
    panel: Panel, kind: str, actor: User | None, note: str = "", **states: str
) -> PanelEvent:
    return PanelEvent.objects.create(panel=panel, kind=kind, actor=actor, note=note, **states)


def panel_event_record(*, panel: Panel, kind: str, actor: User | None, note: str) -> PanelEvent:
    """Add a line to the panel's history (a step that is not a state change)."""
    return _event(panel, kind, actor, note=note)


@transaction.atomic
def panel_create(
    *,
    unit: Unit,
    title: str,
    topic: str,
    purpose: str,
    created_by: User,
    population_kind: str = PopulationKind.ALL,
    population_group: Unit | None = None,
    sample_size: int | None = None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    results_by: date | None = None,
    response_by: date | None = None,
    reminder_days: list[int] | None = None,
    reminder_letters: bool = False,
    open_link: bool = False,
    questionnaire: Questionnaire | None = None,
    request: PanelRequest | None = None,
) -> Panel:
    if PanelRole.BOARD not in panel_roles(user=created_by, unit=unit):
        raise PermissionDenied
    questionnaire = questionnaire or Questionnaire(
        title=title, sections=[Section(name="deel_1", title="")]
    )
    validate(questionnaire)
    panel = Panel(
        unit=unit,
        title=title,
        topic=topic,
        purpose=purpose,
        population_kind=population_kind,
        population_group=population_group,
        sample_size=sample_size,
        opens_on=opens_on,
        closes_on=closes_on,
        results_by=results_by,
        response_by=response_by,
        reminder_days=reminder_days or [],
        reminder_letters=reminder_letters,
        open_link=open_link,
        coach_review_required=coach_review_required_for(unit=unit),
        questionnaire=questionnaire.to_dict(),
        questionnaire_changed_at=timezone.now(),
        request=request,
        created_by=created_by,
    )
    _check_plan(panel)
    panel.save()
    _event(panel, PanelEvent.Kind.CREATED, created_by, to_state=PanelState.DRAFT)
    return panel


def _check_plan(panel: Panel) -> None:
    """Dates in order, and a population that makes sense."""
    dates = [panel.opens_on, panel.closes_on, panel.results_by, panel.response_by]
    known = [d for d in dates if d is not None]
    if known != sorted(known):
        raise PanelError(
            _(
                "De data moeten op volgorde staan: open, sluit, uitslag terug, "
                "reactie van het bestuur."
            )
        )
    if panel.population_kind == PopulationKind.GROUP:
        if panel.population_group is None or not panel.population_group.is_group:
            raise PanelError(_("Kies het netwerk, de werkgroep of de fractie."))
        if panel.population_group_id not in unit_descendant_ids(unit_ids=[panel.unit_id]):
            raise PanelError(_("Kies een netwerk, werkgroep of fractie binnen deze eenheid."))
    sampled = panel.population_kind in {PopulationKind.RANDOM, PopulationKind.STRATIFIED}
    if sampled and not panel.sample_size:
        raise PanelError(_("Geef de grootte van de steekproef."))
    if panel.opens_on and panel.closes_on:
        fieldwork = (panel.closes_on - panel.opens_on).days
        if any(day >= fieldwork for day in panel.reminder_days):
            raise PanelError(_("Een herinnering moet vóór de sluitingsdatum vallen."))


@transaction.atomic
def panel_update(*, panel: Panel, actor: User, **changes: object) -> Panel:
    """Change the plan of a panel that has not opened yet."""
    _require(panel, actor, {PanelRole.BOARD})
    if not can_edit_plan(panel.state):
        raise PanelError(_("Na het openen kan alleen de sluitingsdatum nog later worden."))
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"not a plan field: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(panel, name) != value]
    for name in changed:
        setattr(panel, name, changes[name])
    _check_plan(panel)
    if changed:
        panel.save(update_fields=[*changed, "updated_at"])
        _event(panel, PanelEvent.Kind.UPDATED, actor, note=", ".join(changed))
    return panel


def panel_is_reviewed(*, panel: Panel) -> bool:
    """A coach signed off after the last change to the questionnaire."""
    signed = panel.events.filter(kind=PanelEvent.Kind.REVIEWED)
    if panel.questionnaire_changed_at:
        signed = signed.filter(at__gte=panel.questionnaire_changed_at)
    return signed.exists()


def panel_actions(*, panel: Panel, user: User) -> list[Action]:
    return allowed_actions(
        state=panel.state,
        roles=panel_roles(user=user, unit=panel.unit),
        # A rule set after the panel was created applies to it too.
        review_required=panel.coach_review_required or coach_review_required_for(unit=panel.unit),
        reviewed=panel.state == PanelState.IN_REVIEW and panel_is_reviewed(panel=panel),
    )


class TransitionEffect(Protocol):
    def __call__(
        self, *, panel: Panel, source: PanelState, seed: int | None, note: str
    ) -> None: ...


# What a state change sets going beyond the panel itself (invitations, mail,
# the close procedure, freezing the report text) belongs to the apps above
# panels. ``fieldwork`` and ``results`` register their steps at start-up
# (their ``apps``): panels cannot import them, and a missing registration must
# fail loudly rather than open a panel that invites no one or mark a report
# final that nobody froze.
_TRANSITION_EFFECTS: dict[Action, TransitionEffect] = {}
NEEDS_EFFECT = frozenset(
    {
        Action.OPEN,
        Action.CLOSE,
        Action.CANCEL,
        Action.MARK_REPORTED,
        Action.MARK_RESPONDED,
        Action.ARCHIVE,
    }
)


def transition_effect_register(*, action: Action, effect: TransitionEffect) -> None:
    """Run ``effect`` inside the transaction of every ``action`` transition."""
    _TRANSITION_EFFECTS[action] = effect


@transaction.atomic
def panel_transition(
    *, panel: Panel, action: Action, actor: User | None, note: str = "", seed: int | None = None
) -> Panel:
    """Move a panel to its next state, if ``actor`` may, and record it.

    ``actor`` is None only for the system closing a panel on its closing
    date. ``seed`` repeats the draw the board saw previewed before opening.
    """
    panel = Panel.objects.select_for_update().select_related("unit").get(pk=panel.pk)
    system_close = actor is None and action == Action.CLOSE and panel.state == PanelState.OPEN
    if actor is None and not system_close:
        raise PermissionDenied
    if not system_close and action not in panel_actions(panel=panel, user=actor):
        if not panel_roles(user=actor, unit=panel.unit) & TRANSITIONS[action].roles:
            raise PermissionDenied
        raise PanelError(
            _("Dit kan niet in de status ‘%(state)s’.") % {"state": panel.get_state_display()}
        )
    transition = TRANSITIONS[action]
    if transition.needs_note and not note.strip():
        raise PanelError(
            _("Schrijf erbij waarom; bij een open ledenpanel krijgen de leden dit bericht.")
        )
    if action == Action.OPEN:
        _check_ready_to_open(panel)
    if action in {Action.SUBMIT_FOR_REVIEW, Action.APPROVE}:
        _check_has_questions(Questionnaire.from_dict(panel.questionnaire))
    source = panel.state
    update_fields = ["state", "updated_at"]
    if action in {Action.SUBMIT_FOR_REVIEW, Action.APPROVE}:
        version = questionnaire_version_create(panel=panel, actor=actor, note=str(transition.label))
        if action == Action.APPROVE:
            panel.approved_version = version
            update_fields.append("approved_version")
    if action == Action.RETURN_TO_DRAFT:
        panel.approved_version = None
        update_fields.append("approved_version")
    panel.state = transition.target
    panel.save(update_fields=update_fields)
    effect = _TRANSITION_EFFECTS.get(action)
    if effect is None and action in NEEDS_EFFECT:
        raise ImproperlyConfigured(f"nothing is registered to carry out {action}")
    if effect is not None:
        effect(panel=panel, source=source, seed=seed, note=note.strip())
    kind = PanelEvent.Kind.REVIEWED if action == Action.SIGN_OFF else PanelEvent.Kind.TRANSITION
    _event(panel, kind, actor, note=note.strip(), from_state=source, to_state=panel.state)
    return panel


def _check_ready_to_open(panel: Panel) -> None:
    if not (panel.opens_on and panel.closes_on):
        raise PanelError(_("Vul eerst de open- en sluitingsdatum in."))
    if panel.closes_on < timezone.localdate():
        raise PanelError(_("De sluitingsdatum ligt in het verleden."))
    _check_has_questions(Questionnaire.from_dict(panel.approved_version.definition))


def _check_has_questions(questionnaire: Questionnaire) -> None:
    if not any(q.type != "info" for q in questionnaire.questions()):
        raise PanelError(_("De vragenlijst heeft nog geen vragen."))


@transaction.atomic
def panel_extend_closing(*, panel: Panel, closes_on: date, actor: User) -> Panel:
    _require(panel, actor, {PanelRole.BOARD})
    if panel.state != PanelState.OPEN:
        raise PanelError(_("Alleen een open ledenpanel kan langer open blijven."))
    if panel.closes_on and closes_on <= panel.closes_on:
        raise PanelError(_("De nieuwe sluitingsdatum moet later zijn dan de huidige."))
    if panel.results_by and closes_on > panel.results_by:
        raise PanelError(_("Dan komt de uitslag te laat: verschuif eerst die datum."))
    previous = panel.closes_on
    panel.closes_on = closes_on
    panel.save(update_fields=["closes_on", "updated_at"])
    _event(panel, PanelEvent.Kind.CLOSING_DATE, actor, note=f"{previous} → {closes_on}")
    return panel


@transaction.atomic
def questionnaire_save(*, panel: Panel, questionnaire: Questionnaire, actor: User) -> Panel:
    """Store the working copy; only before approval."""
    _require(panel, actor, {PanelRole.BOARD})
    if not can_edit_questions(panel.state):
        raise PanelError(
            _("De vragenlijst is goedgekeurd en staat vast. Alleen tekstcorrecties kunnen nog.")
        )
    validate(questionnaire)
    stored = questionnaire.to_dict()
    if stored == panel.questionnaire:
        return panel  # nothing changed: a coach's sign-off still holds
    panel.questionnaire = stored
    panel.questionnaire_changed_at = timezone.now()
    panel.save(update_fields=["questionnaire", "questionnaire_changed_at", "updated_at"])
    return panel


@transaction.atomic
def questionnaire_version_create(
    *, panel: Panel, actor: User | None, note: str = ""
) -> QuestionnaireVersion:
    # Lock the panel so two saves never take the same version number.
    Panel.objects.select_for_update().filter(pk=panel.pk).first()
    last = panel.versions.aggregate(last=Max("number"))["last"] or 0
    version = QuestionnaireVersion.objects.create(
        panel=panel,
        number=last + 1,
        definition=panel.questionnaire,
        note=note[:300],
        created_by=actor,
    )
    _event(panel, PanelEvent.Kind.VERSION, actor, note=f"v{version.number}: {note}"[:500])
    return version


@transaction.atomic
def questionnaire_fix_wording(
    *, panel: Panel, questionnaire: Questionnaire, actor: User, note: str
) -> Panel:
    """After approval: correct wording only, never options or structure."""
    _require(panel, actor, {PanelRole.BOARD})
    if not can_fix_wording(panel.state):
        raise PanelError(_("Tekstcorrecties gelden voor een goedgekeurd of open ledenpanel."))
    if not note.strip():
        raise PanelError(_("Beschrijf de correctie; dit komt in de geschiedenis."))
    validate(questionnaire)
    current = Questionnaire.from_dict(panel.questionnaire)
    if not same_structure(current, questionnaire):
        raise PanelError(
            _(
                "Na goedkeuring mag alleen de tekst veranderen: geen vragen, opties, "
                "volgorde of voorwaarden."
            )
        )
    panel.questionnaire = questionnaire.to_dict()
    panel.save(update_fields=["questionnaire", "updated_at"])
    version = questionnaire_version_create(panel=panel, actor=actor, note=note)
    panel.approved_version = version
    panel.save(update_fields=["approved_version"])
    _event(panel, PanelEvent.Kind.WORDING_FIX, actor, note=note.strip())
    return panel


@transaction.atomic
def comment_add(*, panel: Panel, question_name: str, author: User, text: str) -> QuestionComment:
    _require(panel, author, {PanelRole.BOARD, PanelRole.COACH})
    if Questionnaire.from_dict(panel.questionnaire).question(question_name) is None:
        raise PanelError(_("Deze vraag bestaat niet (meer)."))
    return QuestionComment.objects.create(
        panel=panel, question_name=question_name, author=author, text=text.strip()
    )


@transaction.atomic
def comment_resolve(*, comment: QuestionComment, actor: User) -> QuestionComment:
    _require(comment.panel, actor, {PanelRole.BOARD, PanelRole.COACH})
    comment.resolved = True
    comment.save(update_fields=["resolved"])
    return comment


@transaction.atomic
def request_submit(
    *,
    unit: Unit,
    topic: str,
    reason: str,
    requester_kind: str,
    requesters: str,
    contact_email: str,
    proposed_questions: str = "",
    requesting_unit: Unit | None = None,
    submitted_by: User | None = None,
) -> PanelRequest:
    return PanelRequest.objects.create(
        unit=unit,
        topic=topic.strip(),
        reason=reason.strip(),
        requester_kind=requester_kind,
        requesters=requesters.strip(),
        contact_email=contact_email.strip().lower(),
        proposed_questions=proposed_questions.strip(),
        requesting_unit=requesting_unit,
        submitted_by=submitted_by,
    )


def request_criteria_for(*, unit: Unit) -> list[str]:
    own = UnitPanelSettings.objects.filter(unit=unit).values_list("request_criteria", flat=True)
    criteria = next(iter(own), None)
    return list(criteria) if criteria else [str(text) for text in DEFAULT_REQUEST_CRITERIA]


@transaction.atomic
def request_decide(
    *,
    request: PanelRequest,
    approve: bool,
    criteria_assessment: dict[str, bool],
    reason: str,
    actor: User,
) -> PanelRequest:
    """Record the board's decision and its reasons, and tell the requesters.

    An approved request becomes a draft panel that credits the requesters.
    """
    if PanelRole.BOARD not in panel_roles(user=actor, unit=request.unit):
        raise PermissionDenied
    if request.status != RequestStatus.SUBMITTED:
        raise PanelError(_("Over deze aanvraag is al besloten."))
    if not reason.strip():
        raise PanelError(_("Licht het besluit toe; de aanvragers krijgen deze uitleg."))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.criteria_assessment = criteria_assessment
    request.decision_reason = reason.strip()
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save()
    if approve:
        panel_create(
            unit=request.unit,
            title=request.topic[:200],
            topic=request.topic,
            purpose=_("Aangevraagd door %(who)s: %(reason)s")
            % {"who": request.requesters, "reason": request.reason},
            created_by=actor,
            request=request,
        )
    email_queue(
        to=request.contact_email,
        subject=_("Besluit over uw aanvraag voor een ledenpanel"),
        template="panels/email/request_decision",
        context={"request": request},
    )
    return request


@transaction.atomic
def party_settings_update(
    *,
    actor: User,
    invitation_cap: int,
    invitation_cap_months: int,
    coach_review_required: bool,
    letter_postage_cents: int,
) -> None:
    if PanelRole.COORDINATOR not in panel_roles(user=actor, unit=_national_unit()):
        raise PermissionDenied
    settings = party_settings_get()
    settings.invitation_cap = invitation_cap
    settings.invitation_cap_months = invitation_cap_months
    settings.coach_review_required = coach_review_required
    settings.letter_postage_cents = letter_postage_cents
    settings.save()


def _national_unit() -> Unit:
    return Unit.objects.get(parent__isnull=True, kind="landelijk")


@transaction.atomic
def unit_panel_settings_update(
    *, unit: Unit, actor: User, coach_review_required: bool, request_criteria: list[str]
) -> UnitPanelSettings:
    if not panel_roles(user=actor, unit=unit) & {PanelRole.BOARD, PanelRole.COORDINATOR}:
        raise PermissionDenied
    settings, _created = UnitPanelSettings.objects.update_or_create(
        unit=unit,
        defaults={
            "coach_review_required": coach_review_required,
            "request_criteria": request_criteria,
        },
    )
    return settings


@transaction.atomic
def panel_test_send(*, panel: Panel, actor: User) -> int:
    """Send the board the invitation text and the questionnaire, before opening."""
    _require(panel, actor, {PanelRole.BOARD})
    if not can_edit_plan(panel.state):
        raise PanelError(_("Een testverzending kan alleen vóór het openen."))
    board = list(
        User.objects.filter(
            roles__unit=panel.unit, roles__kind=RoleKind.BOARD, is_active=True
        ).distinct()
    )
    questionnaire = Questionnaire.from_dict(panel.questionnaire)
    lines = as_text(questionnaire)
    _event(panel, PanelEvent.Kind.TEST_SEND, actor, note=", ".join(u.email for u in board))

    for member in board:
        email_queue(
            to=member.email,
            subject=_("[TEST] Uitnodiging: %(title)s") % {"title": panel.title},
            template="panels/email/test_send",
            context={"panel": panel, "lines": lines, "recipient": member},
        )
    return len(board)
