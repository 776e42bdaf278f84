"""Reads for the board's fieldwork monitor: delivery per invitation, answering in aggregate.

The anonymity boundary decides what this module may return (docs/anonymity.md):

- **Delivery** is shown per invitation (channel, status, error, opt-out,
  whether the invitation letter is ready), so the board can fix addresses.
  Whether a member *answered* is never returned per invitation:
  ``delivery_page`` selects no ``responded`` column at all. Nor does
  anything that depends on it: reminders go only to members who had not
  answered, so nothing about reminders is shown per member (no count, no
  status), and the delivery status is written by the invitation mail only
  (``outbox_send``, ``bounces``), never by a reminder's success, retry,
  failure or bounce. Opting out is the member's own choice and is shown.
- **Reminders** appear as the panel's reminder days only, not as a count of
  mails: the number reminded is the number who had not answered among those
  reachable, and beside the shown totals it would tell how many of a small
  visible group (the opted out, the bounced) answered.
- **Answering** is shown only as counts, and during fieldwork only for the
  email invitations. Letter invitations' answers are counted at close: the
  board holds every letter code (it prints the letters), and a code holder
  who submits for a member and watches a live total would see it rise by one
  only if that member had not answered yet (docs/security.md §1). Email
  links are sent by the outbox and shown to no one, so their count moves
  only by what members do. The letter members' answers reach the board once,
  in the final count, which it cannot set against an earlier one. The
  counted invitations' total is always shown; counts per sub-unit and per
  band are cumulative, and each breakdown goes through ``suppress_siblings``
  (cells under k hidden, cells where nearly everyone invited answered
  hidden, and secondary suppression because the total is shown), so no
  hidden cell equals the total minus the shown ones. After close the tables
  the close procedure stored (already suppressed, letters included) are
  shown instead.

Every breakdown is a flat set of siblings that adds up to the panel total:
the sub-units are the direct children of the panel's unit (regions for a
national or group panel, branches for a regional one; a branch panel has
none). Nested tables (regions *and* their branches) are left out on purpose:
a region's total minus its shown branches could reveal a hidden branch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledenpanel.analysis.disclosure import (
    DEFAULT_MIN_GROUP,
    participation_is_disclosive,
    suppress_siblings,
)
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.invitations.models import (
    Channel,
    DeliveryStatus,
    Invitation,
    LetterBatch,
    LetterState,
    MessageKind,
    PanelOpening,
)
from ledenpanel.invitations.outbox import reminder_plan
from ledenpanel.organisations.models import Gender, Unit, UnitKind
from ledenpanel.panels.lifecycle import CLOSED_STATES
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.responses.models import Envelope

PER_PAGE = 50
# Fieldwork and after: the states in which a panel has invitations to follow.
MONITORED_STATES = CLOSED_STATES | {PanelState.OPEN}
# Statuses the board can filter the delivery table on (to fix addresses).
FILTERS = {
    "failed": Q(delivery=DeliveryStatus.FAILED),
    "bounced": Q(delivery=DeliveryStatus.BOUNCED),
    "problems": Q(delivery__in=[DeliveryStatus.FAILED, DeliveryStatus.BOUNCED]),
    "pending": Q(delivery=DeliveryStatus.PENDING),
    "opted_out": Q(opted_out=True),
}
# The invitations whose answers are counted while the panel is open: those
# whose secret only the member ever received (module doc).
COUNTED_LIVE = Q(channel=Channel.EMAIL)
BANDS = (
    ("age", _("Leeftijd")),
    ("gender", _("Geslacht")),
    ("tenure", _("Lidmaatschapsduur (jaren)")),
)


@dataclass(frozen=True)
class EmailProgress:
    total: int
    sent: int
    failed: int
    bounced: int
    to_go: int

    @property
    def done(self) -> int:
        """Messages the run has finished with, well or not."""
        return self.sent + self.failed + self.bounced

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass(frozen=True)
class LetterProgress:
    letters: int
    batches: int
    batches_done: int
    batches_failed: int
    letters_done: int
    # Invitations whose letter is in a finished file (for the delivery table).
    ready_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Reminder:
    """One reminder day of the panel (the same for every member: no count)."""

    number: int
    on: date
    passed: bool


@dataclass(frozen=True)
class Cell:
    """One group of a breakdown; ``responded`` is None when suppressed."""

    key: str
    label: str
    invited: int
    responded: int | None

    @property
    def suppressed(self) -> bool:
        return self.responded is None

    @property
    def rate(self) -> int | None:
        if self.responded is None or not self.invited:
            return None
        return round(100 * self.responded / self.invited)


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    cells: list[Cell]

    @property
    def any_suppressed(self) -> bool:
        return any(cell.suppressed for cell in self.cells)


@dataclass
class Progress:
    """Everything the live part of the monitor shows; counts only."""

    invited: int
    email: EmailProgress
    letters: LetterProgress
    reminders: list[Reminder]
    opted_out: int
    # The invitations ``responded`` counts: during fieldwork the email
    # invitations only (module doc), after close all of them.
    counted: int
    responded: int
    open_responses: int
    min_group: int
    breakdowns: list[Breakdown] = field(default_factory=list)
    closing: PanelClosing | None = None

    @property
    def response_rate(self) -> int | None:
        return round(100 * self.responded / self.counted) if self.counted else None

    @property
    def counted_at_close(self) -> int:
        """Invitations (the letters) whose answers are not counted until close."""
        return self.invited - self.counted

    @property
    def closed(self) -> bool:
        return self.closing is not None and self.closing.stage == CloseStage.DONE


def panel_is_monitored(panel: Panel) -> bool:
    return panel.state in MONITORED_STATES


def _counts(panel: Panel) -> dict[str, int]:
    email = Q(channel=Channel.EMAIL)
    totals = Invitation.objects.filter(panel=panel).aggregate(
        invited=Count("id"),
        email=Count("id", filter=email),
        sent=Count("id", filter=email & Q(delivery=DeliveryStatus.SENT)),
        failed=Count("id", filter=email & Q(delivery=DeliveryStatus.FAILED)),
        bounced=Count("id", filter=email & Q(delivery=DeliveryStatus.BOUNCED)),
        pending=Count("id", filter=email & Q(delivery=DeliveryStatus.PENDING)),
        letters=Count("id", filter=Q(channel=Channel.LETTER)),
        opted_out=Count("id", filter=Q(opted_out=True)),
        counted_live=Count("id", filter=COUNTED_LIVE),
        responded=Count("id", filter=COUNTED_LIVE & Q(responded=True)),
    )
    return {name: value or 0 for name, value in totals.items()}


def _letter_progress(panel: Panel, letters: int) -> LetterProgress:
    """The invitation letter run (reminder letter runs are optional, counted apart)."""
    batches = list(
        LetterBatch.objects.filter(panel=panel, kind=MessageKind.INVITATION).values_list(
            "state", "invitation_ids"
        )
    )
    return LetterProgress(
        letters=letters,
        batches=len(batches),
        batches_done=sum(state == LetterState.DONE for state, _ids in batches),
        batches_failed=sum(state == LetterState.FAILED for state, _ids in batches),
        letters_done=sum(len(ids or []) for state, ids in batches if state == LetterState.DONE),
        ready_ids=frozenset(
            invitation_id
            for state, ids in batches
            if state == LetterState.DONE
            for invitation_id in ids or []
        ),
    )


def _reminders(panel: Panel) -> list[Reminder]:
    """The panel's reminder days: when, and whether the day has come (module doc)."""
    opened_at = PanelOpening.objects.filter(panel=panel).values_list("opened_at", flat=True).first()
    if opened_at is None:
        return []
    now = timezone.now()
    return [
        Reminder(number, timezone.localdate(at), at <= now)
        for number, at in reminder_plan(panel=panel, opened_at=opened_at)
    ]


def subunit_key(unit: Unit) -> str | None:
    """Which background field holds the direct sub-unit of the panel's unit."""
    if unit.kind == UnitKind.GEWEST:
        return "branch"
    if unit.kind == UnitKind.AFDELING:
        return None  # a branch has no sub-units of its own
    return "region"  # national, or a group whose members live across regions


def _labels(key: str, values: set[str], unit_names: dict[str, str]) -> dict[str, str]:
    if key in {"branch", "region"}:
        return {value: unit_names.get(value, value or str(_("onbekend"))) for value in values}
    if key == "gender":
        names = dict(Gender.choices)
        return {value: str(names.get(value, value)) for value in values}
    return {value: value for value in values}


def _order(key: str, value: str) -> tuple[int, str]:
    if key in {"age", "tenure"}:
        # "16-24" < "25-34" < … < "75+"; "onbekend" last.
        digits = value.split("-")[0].rstrip("+")
        return (int(digits), value) if digits.isdigit() else (10_000, value)
    return (0, value)


def _tables(
    panel: Panel,
    invited: dict[str, dict[str, int]],
    cell_for: Callable[[str, str, int, str], Cell],
) -> list[Breakdown]:
    """The sub-unit table first, then the bands; one-group tables are left out."""
    sub = subunit_key(panel.unit)
    unit_names: dict[str, str] = {}
    if sub and sub in invited:
        unit_names = dict(
            Unit.objects.filter(code__in=list(invited[sub])).values_list("code", "name")
        )
    titles = dict(BANDS) | {"branch": _("Afdeling"), "region": _("Gewest")}
    tables = []
    for key in ([sub] if sub else []) + [key for key, _title in BANDS]:
        groups = invited.get(key, {})
        if len(groups) < 2:
            continue  # one group is the whole panel: nothing to break down
        labels = _labels(key, set(groups), unit_names)
        ordered = sorted(groups, key=lambda value: _order(key, labels[value]))
        cells = [cell_for(key, value, groups[value], labels[value]) for value in ordered]
        tables.append(Breakdown(key, str(titles[key]), cells))
    return tables


def _live_breakdowns(panel: Panel, *, k: int) -> list[Breakdown]:
    """Cumulative responded counts of the email invitations per sub-unit and
    band, suppressed.

    One grouped query over the invitations' background bands; each table is
    then reduced to its own margin in Python (a few thousand rows at most).
    A group is hidden when fewer than k answered, when (nearly) all its
    invited members answered, or to protect another hidden group.
    """
    sub = subunit_key(panel.unit)
    keys = [key for key, _title in BANDS] + ([sub] if sub else [])
    rows = (
        Invitation.objects.filter(COUNTED_LIVE, panel=panel)
        .annotate(**{f"b_{key}": KT(f"background__{key}") for key in keys})
        .values(*[f"b_{key}" for key in keys])
        .annotate(invited=Count("id"), responded=Count("id", filter=Q(responded=True)))
        .order_by()
    )
    invited: dict[str, dict[str, int]] = {key: defaultdict(int) for key in keys}
    responded: dict[str, dict[str, int]] = {key: defaultdict(int) for key in keys}
    for row in rows:
        for key in keys:
            value = row[f"b_{key}"] or ""
            invited[key][value] += row["invited"]
            responded[key][value] += row["responded"]
    shown = {
        key: suppress_siblings(
            responded[key],
            k=k,
            total_shown=True,
            also_hide={
                value
                for value, count in invited[key].items()
                if participation_is_disclosive(responded[key][value], count)
            },
        )
        for key in keys
    }
    return _tables(
        panel,
        invited,
        lambda key, value, count, label: Cell(value, label, count, shown[key][value].count),
    )


def _closed_breakdowns(panel: Panel, aggregates: dict) -> list[Breakdown]:
    """The final participation tables the close procedure stored, already suppressed."""
    by = (aggregates.get("participation") or {}).get("by") or {}
    invited = {
        key: {value: cell["invited"] for value, cell in cells.items()} for key, cells in by.items()
    }
    return _tables(
        panel,
        invited,
        lambda key, value, count, label: Cell(
            value,
            label,
            count,
            None if by[key][value]["suppressed"] else by[key][value]["responded"],
        ),
    )


def panel_progress(*, panel: Panel, k: int = DEFAULT_MIN_GROUP) -> Progress:
    """The monitor's figures: delivery progress and answering in aggregate.

    Once the close procedure has written the responses, the responded
    flags and envelopes are gone: the final counts and the participation
    tables it stored (already suppressed) take the live figures' place.
    """
    counts = _counts(panel)
    closing = PanelClosing.objects.filter(panel=panel).first()
    after_close = closing is not None and closing.stage != CloseStage.STARTED
    if after_close:
        counted, responded = counts["invited"], closing.respondents
        open_responses = closing.open_respondents
    else:
        counted, responded = counts["counted_live"], counts["responded"]
        open_responses = Envelope.objects.filter(panel=panel, is_open=True).count()
    return Progress(
        invited=counts["invited"],
        email=EmailProgress(
            total=counts["email"],
            sent=counts["sent"],
            failed=counts["failed"],
            bounced=counts["bounced"],
            to_go=counts["pending"],
        ),
        letters=_letter_progress(panel, counts["letters"]),
        reminders=_reminders(panel),
        opted_out=counts["opted_out"],
        counted=counted,
        responded=responded,
        open_responses=open_responses,
        min_group=closing.min_group if closing else k,
        breakdowns=(
            _closed_breakdowns(panel, closing.aggregates)
            if after_close
            else _live_breakdowns(panel, k=k)
        ),
        closing=closing,
    )


def delivery_list(*, panel: Panel, status: str = "") -> QuerySet[Invitation]:
    """Delivery per invitation, for the board to fix addresses.

    Deliberately selects no ``responded`` value, and nothing about reminders
    (they go only to those who had not answered): the board must not learn
    who answered (docs/anonymity.md). No field shown here is ever written
    because of, or only for, members who answered or did not.
    """
    invitations = (
        Invitation.objects.filter(panel=panel)
        .select_related("member")
        .only(
            "public_id",
            "channel",
            "delivery",
            "delivery_error",
            "opted_out",
            "member__first_name",
            "member__infix",
            "member__last_name",
            "member__member_number",
        )
        .order_by("member__last_name", "member__first_name", "member__member_number", "id")
    )
    if status in FILTERS:
        invitations = invitations.filter(FILTERS[status])
    return invitations


def delivery_page(*, panel: Panel, status: str = "", page: str | int | None = 1) -> Page:
    return Paginator(delivery_list(panel=panel, status=status), PER_PAGE).get_page(page)
