"""Reads for opening a panel: its eligible population, what competes for it, and the plan.

:func:`opening_plan` computes everything an opening decides — population,
exclusions, draw, invitation cap, channels — without writing anything. The
confirmation page shows it and the opening itself writes it, from the same
seed, so what opens is exactly what the board saw.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import verify_key
from ledenpanel.invitations.models import Channel, Invitation
from ledenpanel.invitations.sampling import (
    Candidate,
    age_band,
    is_under,
    simple_random_sample,
    stratified_sample,
    tenure_band,
)
from ledenpanel.organisations.models import Member, MemberStatus, Unit, UnitKind
from ledenpanel.organisations.selectors import member_list_for_unit, unit_subtrees
from ledenpanel.panels.coordination.cap import PlannedPanel, members_over_cap
from ledenpanel.panels.models import Panel, PanelState, PopulationKind
from ledenpanel.panels.selectors import party_settings_get

MINIMUM_AGE = 16
LEVELS = {UnitKind.AFDELING: 0, UnitKind.GEWEST: 1, UnitKind.LANDELIJK: 2}


@dataclass(frozen=True)
class Eligible:
    member_id: int
    branch_id: int
    channel: str  # "email" or "letter"
    bands: tuple[str, str, str, str]  # age band, gender, region, membership length
    email: str = ""  # the address an email invitation is for (Invitation.address_digest)


@dataclass
class Population:
    eligible: list[Eligible] = field(default_factory=list)
    excluded: Counter[str] = field(default_factory=Counter)


def panel_population(*, panel: Panel, on: date) -> Population:
    """The unit's members at this moment, minus those a panel may never invite."""
    members = member_list_for_unit(unit=panel.unit)
    if panel.population_kind == PopulationKind.GROUP and panel.population_group is not None:
        members = members.filter(groups=panel.population_group)
    regions = dict(Unit.objects.filter(kind=UnitKind.AFDELING).values_list("id", "parent__code"))
    population = Population()
    rows = members.order_by("member_number").values_list(
        "id",
        "branch_id",
        "email",
        "street",
        "postcode",
        "city",
        "birth_date",
        "gender",
        "member_since",
        "status",
        "do_not_contact",
        "in_roster",
    )
    for (
        member_id,
        branch_id,
        email,
        street,
        postcode,
        city,
        birth,
        gender,
        since,
        status,
        do_not_contact,
        in_roster,
    ) in rows:
        if status == MemberStatus.DECEASED:
            population.excluded["deceased"] += 1
        elif not in_roster or status != MemberStatus.ACTIVE:
            population.excluded["former"] += 1
        elif do_not_contact:
            population.excluded["do_not_contact"] += 1
        elif is_under(birth, MINIMUM_AGE, on=on):
            population.excluded["under_16"] += 1
        elif not email and not (street and postcode and city):
            population.excluded["unreachable"] += 1
        else:
            bands = (
                age_band(birth, on=on),
                gender or "O",
                regions.get(branch_id) or "",
                tenure_band(since, on=on),
            )
            channel = "email" if email else "letter"
            population.eligible.append(Eligible(member_id, branch_id, channel, bands, email))
    return population


def _level(unit: Unit) -> int:
    while unit.kind not in LEVELS and unit.parent is not None:
        unit = unit.parent  # a group counts with the unit it hangs under
    return LEVELS.get(unit.kind, 2)


def planned_panel(panel: Panel) -> PlannedPanel:
    return PlannedPanel(
        key=str(panel.pk),
        level=_level(panel.unit),
        opens_on=panel.opens_on or date.max,
        created_order=panel.pk,
    )


def cap_inputs(
    *, panel: Panel, member_ids: list[int], since: date
) -> tuple[dict[int, int], dict[int, list[PlannedPanel]]]:
    """Invitations each member had since ``since``, and the planned panels
    (approved, not yet open) that will also ask them."""
    invited = dict(
        Invitation.objects.filter(
            member_id__in=member_ids, panel__opening__opened_at__date__gte=since
        )
        .values_list("member_id")
        .annotate(count=Count("id"))
        .values_list("member_id", "count")
    )
    branch_of = dict(Member.objects.filter(id__in=member_ids).values_list("id", "branch_id"))
    competing: dict[int, list[PlannedPanel]] = {}
    window_end = (panel.opens_on or since) + timedelta(days=366)
    planned = (
        Panel.objects.filter(state=PanelState.APPROVED)
        .exclude(pk=panel.pk)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=window_end))
        .select_related("unit", "unit__parent", "unit__parent__parent")
    )
    planned = list(planned)
    territories = unit_subtrees(unit_ids={other.unit_id for other in planned})
    for other in planned:
        territory = territories[other.unit_id]
        if other.population_kind == PopulationKind.GROUP and other.population_group_id:
            group_members = set(other.population_group.group_members.values_list("id", flat=True))
        else:
            group_members = None
        for member_id, branch_id in branch_of.items():
            in_group = group_members is None or member_id in group_members
            if branch_id in territory and in_group:
                competing.setdefault(member_id, []).append(planned_panel(other))
    return invited, competing


class CapReason:
    """Why the invitation cap skipped a member (shown on the confirmation page)."""

    ALREADY_INVITED = "already_invited"  # enough invitations in the window already
    RESERVED = "reserved"  # panels closer to the member, planned in the window, come first


@dataclass(frozen=True)
class OpeningPlan:
    """What opening a panel with this seed on this day does; nothing is written."""

    seed: int
    today: date
    population: Population
    drawn: list[int]
    skipped: dict[int, str]  # member id → CapReason
    invited: list[int]  # drawn minus skipped, in member-id order
    cap: int
    cap_months: int

    @property
    def population_size(self) -> int:
        return len(self.population.eligible)

    @property
    def channels(self) -> dict[int, str]:
        return {person.member_id: person.channel for person in self.population.eligible}

    def count(self, channel: str) -> int:
        channels = self.channels
        return sum(1 for member_id in self.invited if channels[member_id] == channel)

    @property
    def emails(self) -> int:
        return self.count(Channel.EMAIL)

    @property
    def letters(self) -> int:
        return self.count(Channel.LETTER)

    @property
    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(self.skipped.values()))


def _draw(panel: Panel, candidates: list[Candidate], seed: int) -> list[int]:
    if panel.population_kind == PopulationKind.RANDOM:
        return simple_random_sample(candidates, panel.sample_size or 0, seed=seed)
    if panel.population_kind == PopulationKind.STRATIFIED:
        return stratified_sample(candidates, panel.sample_size or 0, seed=seed)
    return sorted(candidate.member_id for candidate in candidates)


def opening_plan(*, panel: Panel, today: date, seed: int) -> OpeningPlan:
    """Population, draw and cap for opening ``panel`` on ``today`` with ``seed``."""
    population = panel_population(panel=panel, on=today)
    candidates = [
        Candidate(person.member_id, (person.bands[2], person.bands[0]))  # region, age band
        for person in population.eligible
    ]
    drawn = _draw(panel, candidates, seed)
    party = party_settings_get()
    since = today - timedelta(days=round(party.invitation_cap_months * 30.44))
    invited, competing = cap_inputs(panel=panel, member_ids=drawn, since=since)
    over = members_over_cap(
        opening=planned_panel(panel),
        members=drawn,
        invited_in_window=invited,
        competing=competing,
        cap=party.invitation_cap,
    )
    skipped = {
        member_id: (
            CapReason.ALREADY_INVITED
            if invited.get(member_id, 0) >= party.invitation_cap
            else CapReason.RESERVED
        )
        for member_id in over
    }
    return OpeningPlan(
        seed=seed,
        today=today,
        population=population,
        drawn=drawn,
        skipped=skipped,
        invited=[member_id for member_id in drawn if member_id not in skipped],
        cap=party.invitation_cap,
        cap_months=party.invitation_cap_months,
    )


def invitation_for_secret(*, secret: str) -> Invitation | None:
    """The invitation a link token belongs to; works after close as well."""
    if not secret or len(secret) > 64:
        return None
    return (
        Invitation.objects.select_related("panel__unit", "member")
        .filter(verifier=crypto.verifier(verify_key(), secret))
        .first()
    )
