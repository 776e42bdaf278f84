"""Slices of a closed panel per branch and region: who sees them, and publishing them.

The close computes each branch's and region's respondents and closed-item
distributions from the fine branches, reconciled with everything else the
app shows (``analysis.slices``), and stores them in
``PanelClosing.aggregates["subunits"]`` with every figure that may not be
shown set to None. This module only reads that: it never recomputes a
figure, so whatever it shows passed the rule at the close.

Who sees a slice (``slice_get_for_board``, the one access function):

- the board of the branch or region itself, for a panel of a unit above it
  whose population is that unit's territory (not a network's members);
- the panel's own board and the coordinators, every slice (``slices_overview``).

Anyone else gets a 404, as do a panel whose close has not finished with
results, a unit outside the population and a suppressed slice. The unit's
board may publish its slice (``slice_publish``) once the panel's own
results are published; a published slice is readable without an account
(``slice_get_published``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from ledenpanel.accounts.models import User
from ledenpanel.closing.aggregates import closed_items
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.kernel.questionnaire.schema import Questionnaire, QuestionType
from ledenpanel.organisations.models import Role, RoleKind, Unit, UnitKind
from ledenpanel.organisations.selectors import (
    AnyUser,
    unit_descendant_ids,
    user_is_board_of,
    user_is_coordinator,
)
from ledenpanel.panels.lifecycle import CLOSED_STATES, PanelRole
from ledenpanel.panels.models import Panel
from ledenpanel.panels.selectors import panel_get_for_roles
from ledenpanel.panels.services import PanelError
from ledenpanel.results.analysis_input import panel_questionnaire
from ledenpanel.results.models import Publication, SlicePublication

# Which stored table a unit's slice is in.
KIND_OF_UNIT = {UnitKind.AFDELING: "branch", UnitKind.GEWEST: "region"}
OVERVIEW_ROLES = frozenset({PanelRole.BOARD, PanelRole.COORDINATOR})


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    share: float  # of the answers to this item, 0..1


@dataclass(frozen=True)
class SliceQuestion:
    name: str
    label: str
    answered: int
    shares: list[Share]


@dataclass(frozen=True)
class Slice:
    """One unit's slice as the pages show it."""

    panel: Panel
    unit: Unit
    respondents: int
    invited: int | None  # shown only where the participation table shows the unit
    rate: float | None
    questions: list[SliceQuestion]
    withheld: int  # closed items whose figures this slice may not show
    publication: SlicePublication | None


@dataclass(frozen=True)
class SliceLink:
    unit: Unit
    respondents: int
    url: str


def _aggregates(panel: Panel) -> dict[str, Any] | None:
    """The close's aggregates of a panel whose close finished with results, else None."""
    if panel.state not in CLOSED_STATES:
        return None
    closing = PanelClosing.objects.filter(panel=panel, stage=CloseStage.DONE).first()
    if closing is None or not closing.aggregates.get("has_results"):
        return None
    return closing.aggregates if closing.aggregates.get("subunits") else None


def _subunits(panel: Panel) -> dict[str, Any] | None:
    """The stored slices of a panel whose close finished with results, else None."""
    aggregates = _aggregates(panel)
    return None if aggregates is None else aggregates["subunits"]


def _in_population(panel: Panel, unit: Unit) -> bool:
    """A branch or region strictly below the panel's unit, in a panel of its territory."""
    if panel.population_group_id is not None or unit.kind not in KIND_OF_UNIT:
        return False
    return unit.pk != panel.unit_id and unit.pk in unit_descendant_ids(unit_ids=[panel.unit_id])


def _option_labels(questionnaire: Questionnaire) -> dict[str, tuple[str, dict[str, str]]]:
    """Per closed item: its label and its values' labels (see ``closed_items``)."""
    labels: dict[str, tuple[str, dict[str, str]]] = {}
    chosen = {"ja": _("gekozen"), "nee": _("niet gekozen")}
    for question in questionnaire.questions():
        options = {option.name: option.label for option in question.options}
        if question.type == QuestionType.MULTIPLE_CHOICE:
            for option in question.options:
                labels[f"{question.name}.{option.name}"] = (
                    f"{question.label} — {option.label}",
                    chosen,
                )
        elif question.type == QuestionType.GRID:
            for statement in question.statements:
                labels[f"{question.name}.{statement.name}"] = (
                    f"{question.label} — {statement.label}",
                    options,
                )
        else:
            labels[question.name] = (question.label, options)
    return labels


def _questions(
    panel: Panel, subunits: dict[str, Any], kind: str, code: str
) -> tuple[list[SliceQuestion], int]:
    questionnaire = panel_questionnaire(panel)
    labels = _option_labels(questionnaire)
    stored = subunits.get("items", {})
    questions: list[SliceQuestion] = []
    withheld = 0
    # In the questionnaire's order: a JSON object's key order is not kept by every database.
    for item, values in closed_items(questionnaire).items():
        counts = stored.get(item, {}).get(kind, {}).get(code)
        if not counts:
            withheld += 1
            continue
        answered = sum(int(counts.get(value, 0)) for value in values)
        if answered == 0:
            withheld += 1
            continue
        label, value_labels = labels.get(item, (item, {}))
        questions.append(
            SliceQuestion(
                name=item,
                label=label,
                answered=answered,
                shares=[
                    Share(
                        label=value_labels.get(value, value),
                        count=int(counts.get(value, 0)),
                        share=int(counts.get(value, 0)) / answered,
                    )
                    for value in values
                ],
            )
        )
    return questions, withheld


def _slice(panel: Panel, unit: Unit) -> Slice:
    """The unit's slice of the panel, or 404 (not closed with results, outside, suppressed)."""
    aggregates = _aggregates(panel)
    if aggregates is None or not _in_population(panel, unit):
        raise Http404
    subunits = aggregates["subunits"]
    kind = KIND_OF_UNIT[UnitKind(unit.kind)]
    cell = subunits.get(kind, {}).get(unit.code)
    if not cell or cell.get("suppressed") or cell.get("respondents") is None:
        raise Http404
    participation = aggregates.get("participation", {}).get("by", {}).get(kind, {})
    taking_part = participation.get(unit.code) or {}
    shown = not taking_part.get("suppressed", True)
    questions, withheld = _questions(panel, subunits, kind, unit.code)
    return Slice(
        panel=panel,
        unit=unit,
        respondents=int(cell["respondents"]),
        invited=int(taking_part["invited"]) if shown else None,
        rate=taking_part.get("rate") if shown else None,
        questions=questions,
        withheld=withheld,
        publication=SlicePublication.objects.filter(panel=panel, unit=unit).first(),
    )


def _objects(panel_id: UUID, unit_id: UUID) -> tuple[Panel, Unit]:
    panel = Panel.objects.select_related("unit").filter(public_id=panel_id).first()
    unit = Unit.objects.filter(public_id=unit_id).first()
    if panel is None or unit is None:
        raise Http404
    return panel, unit


def _may_see_all(user: AnyUser, panel: Panel) -> bool:
    return user_is_coordinator(user=user) or user_is_board_of(user=user, unit=panel.unit)


def slice_get_for_board(*, user: AnyUser, panel_id: UUID, unit_id: UUID) -> Slice:
    """The unit's slice, for that unit's board, the panel's own board or a coordinator.

    404 for anyone else, and when the slice may not be shown (see the module).
    """
    panel, unit = _objects(panel_id, unit_id)
    if not (user_is_board_of(user=user, unit=unit) or _may_see_all(user, panel)):
        raise Http404
    return _slice(panel, unit)


def slices_overview(*, user: AnyUser, panel_id: UUID) -> tuple[Panel, list[SliceLink]]:
    """Every shown slice of a panel, for its own board and the coordinators (404 / 403)."""
    panel, _roles = panel_get_for_roles(user=user, panel_id=panel_id, roles=OVERVIEW_ROLES)
    subunits = _subunits(panel)
    if subunits is None:
        raise Http404
    codes = {
        (kind, code): cell["respondents"]
        for kind in ("region", "branch")
        for code, cell in subunits.get(kind, {}).items()
        if not cell.get("suppressed")
    }
    units = Unit.objects.filter(code__in={code for _kind, code in codes}).order_by("kind", "name")
    links = [
        SliceLink(
            unit=unit,
            respondents=int(codes[(KIND_OF_UNIT[UnitKind(unit.kind)], unit.code)]),
            url=reverse("results:slice", args=[panel.public_id, unit.public_id]),
        )
        for unit in units
        if unit.kind in KIND_OF_UNIT
        and (KIND_OF_UNIT[UnitKind(unit.kind)], unit.code) in codes
        and _in_population(panel, unit)
    ]
    return panel, links


def slice_can_publish(*, user: AnyUser, slice_: Slice) -> bool:
    """The unit's own board, once the panel's results are out, and not yet published."""
    return (
        slice_.publication is None
        and user_is_board_of(user=user, unit=slice_.unit)
        and Publication.objects.filter(panel=slice_.panel).exists()
    )


def slice_publish(*, actor: User, panel_id: UUID, unit_id: UUID) -> SlicePublication:
    """The unit's board publishes its slice to its members (at the public address).

    Only the unit's own board (the panel's board publishes the panel's
    results, not a branch's), only after the panel's results are published.
    Publishing twice keeps the first publication.
    """
    slice_ = slice_get_for_board(user=actor, panel_id=panel_id, unit_id=unit_id)
    if not user_is_board_of(user=actor, unit=slice_.unit):
        raise PermissionDenied
    if not Publication.objects.filter(panel=slice_.panel).exists():
        raise PanelError(
            _("Publiceer pas als het bestuur van het panel de uitslag heeft gepubliceerd.")
        )
    if slice_.publication is not None:
        return slice_.publication
    try:
        with transaction.atomic():
            return SlicePublication.objects.create(
                panel=slice_.panel, unit=slice_.unit, published_by=actor
            )
    except IntegrityError:  # published at the same moment by another board member
        return SlicePublication.objects.get(panel=slice_.panel, unit=slice_.unit)


def slice_get_published(*, panel_id: UUID, unit_id: UUID) -> Slice:
    """A published slice, for anyone (404 when not published or no longer shown)."""
    panel, unit = _objects(panel_id, unit_id)
    if not SlicePublication.objects.filter(panel=panel, unit=unit).exists():
        raise Http404
    if not Publication.objects.filter(panel=panel).exists():
        raise Http404
    return _slice(panel, unit)


def published_slices(*, panel: Panel) -> list[SliceLink]:
    """The panel's published slices, unit name and public address (for the members' page)."""
    subunits = _subunits(panel) or {}
    links = []
    for publication in SlicePublication.objects.filter(panel=panel).select_related("unit"):
        unit = publication.unit
        cell = subunits.get(KIND_OF_UNIT.get(UnitKind(unit.kind), ""), {}).get(unit.code) or {}
        if cell.get("suppressed", True) or not _in_population(panel, unit):
            continue
        links.append(
            SliceLink(
                unit=unit,
                respondents=int(cell["respondents"]),
                url=reverse("results:slice_public", args=[panel.public_id, unit.public_id]),
            )
        )
    return sorted(links, key=lambda link: (link.unit.kind, link.unit.name))


@dataclass(frozen=True)
class OwnSlice:
    """A slice a board may open: its own unit's part of a panel of a unit above."""

    panel: Panel
    unit: Unit
    url: str


def slices_for_board(*, user: AnyUser) -> list[OwnSlice]:
    """The shown slices of the units whose board ``user`` is on, in panels of units above.

    How a branch or region board finds its part of a national or regional
    panel (it cannot open that panel's own pages): newest panels first.
    """
    boards = [
        role.unit
        for role in Role.objects.filter(
            user_id=getattr(user, "pk", None), kind=RoleKind.BOARD
        ).select_related("unit")
        if role.unit.kind in KIND_OF_UNIT
    ]
    found = []
    for unit in boards:
        ancestors = []
        current = unit.parent
        while current is not None:
            ancestors.append(current.pk)
            current = current.parent
        panels = Panel.objects.filter(unit_id__in=ancestors, state__in=CLOSED_STATES)
        for panel in panels.select_related("unit").order_by("-closes_on"):
            subunits = _subunits(panel) or {}
            cell = subunits.get(KIND_OF_UNIT[UnitKind(unit.kind)], {}).get(unit.code) or {}
            if cell and not cell.get("suppressed", True) and _in_population(panel, unit):
                url = reverse("results:slice", args=[panel.public_id, unit.public_id])
                found.append(OwnSlice(panel=panel, unit=unit, url=url))
    return found
