"""The demo party's panels, one in every state, with simulated answers.

Everything goes through the real services, as a board, a coach and the
members would do it: ``panel_create``, ``panel_transition`` (opening draws the
sample and creates the invitations and keys), ``comment_add``, and per member
``answering_session_for_secret`` → ``draft_save`` / ``answers_submit``; closing runs the real
close procedure, so the closed panels hold exactly what a real panel holds
(responses with coded bands, the aggregates of ``PanelClosing``).

Two shortcuts, both because the real path costs minutes and shows nothing:
for panels the demo closes straight away, the mail and letter runs started at
opening are not run (their tasks go to a dummy backend; at close the outbox
drops them anyway) and the invitations are marked delivered in one update.
The panel left open keeps its runs: `ledenpanel demo`'s worker sends its mail
into ``var/mail`` and renders its letters.

Idempotent: a panel is made once, recognised by its unit and title; a run
cut short resumes (a panel left open mid-simulation carries on, a close that
did not finish is finished).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, TextIO

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from ledenpanel.demo.specs import COACH, PANELS, DemoPanel, PanelSizes
from ledenpanel.panels.lifecycle import TRANSITIONS, Action
from ledenpanel.panels.models import PanelState

if TYPE_CHECKING:
    from ledenpanel.accounts.models import User
    from ledenpanel.panels.models import Panel

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CLOSED_TARGETS = (
    PanelState.CLOSED,
    PanelState.REPORTED,
    PanelState.RESPONDED,
    PanelState.ARCHIVED,
)
# The transitions after close that lead to each target state.
AFTER_CLOSE = {
    PanelState.CLOSED: (),
    PanelState.REPORTED: (Action.MARK_REPORTED,),
    PanelState.RESPONDED: (Action.MARK_REPORTED, Action.MARK_RESPONDED),
    PanelState.ARCHIVED: (Action.MARK_REPORTED, Action.MARK_RESPONDED, Action.ARCHIVE),
}


@contextmanager
def _tasks(backend: dict[str, dict[str, str]]) -> Iterator[None]:
    with override_settings(TASKS=backend):
        yield


def _user(email: str) -> User:
    from ledenpanel.accounts.models import User

    return User.objects.get(email=email)


def ensure_demo_panels(*, sizes: PanelSizes, out: TextIO) -> list[Panel]:
    """Make each demo panel unless it is there; finish any left half-way."""
    started = time.perf_counter()
    made = []
    # `ledenpanel demo` runs with DEBUG on: don't log thousands of queries.
    with override_settings(DEBUG=False):
        for spec in PANELS:
            made.append(_ensure(spec, sizes, out))
    if time.perf_counter() - started > 1:
        print(f"Demo panels ready in {time.perf_counter() - started:.1f} s.", file=out)
    return made


def _ensure(spec: DemoPanel, sizes: PanelSizes, out: TextIO) -> Panel:
    from ledenpanel.panels.models import Panel

    panel = Panel.objects.filter(unit__code=spec.unit_code, title=spec.title).first()
    if panel is not None and not _unfinished(panel, spec):
        return panel
    return _make(spec, sizes, panel, out)


def _unfinished(panel: Panel, spec: DemoPanel) -> bool:
    """A panel the demo was making when a previous run stopped."""
    from ledenpanel.closing.models import CloseStage, PanelClosing

    if spec.target == PanelState.OPEN:
        return panel.state == PanelState.APPROVED
    if spec.target not in CLOSED_TARGETS:
        return False
    if panel.state in {PanelState.APPROVED, PanelState.OPEN}:
        return True
    closing = PanelClosing.objects.filter(panel=panel).first()
    if closing is None or closing.stage != CloseStage.DONE:
        return True
    # Not yet as far as the target (a user may since have taken it further).
    return panel.state in CLOSED_TARGETS and CLOSED_TARGETS.index(
        PanelState(panel.state)
    ) < CLOSED_TARGETS.index(spec.target)


def _make(spec: DemoPanel, sizes: PanelSizes, panel: Panel | None, out: TextIO) -> Panel:
    from ledenpanel.panels.services import comment_add, panel_create, panel_transition

    board = _user(spec.board)
    if panel is None:
        print(f"  panel: {spec.title} ({spec.target.label})…", file=out, flush=True)
        today = timezone.localdate()
        opens, closes, results, response = (today + timedelta(days=d) for d in spec.days)
        with transaction.atomic():
            panel = panel_create(
                unit=_unit(spec.unit_code),
                title=spec.title,
                topic=spec.topic,
                purpose=spec.purpose,
                created_by=board,
                population_kind=spec.population_kind,
                sample_size=getattr(sizes, spec.sample) if spec.sample else None,
                opens_on=opens,
                closes_on=closes,
                results_by=results,
                response_by=response,
                questionnaire=spec.build(),
                **spec.extra,  # type: ignore[arg-type]
            )
            if spec.target == PanelState.IN_REVIEW:
                panel_transition(panel=panel, action=Action.SUBMIT_FOR_REVIEW, actor=board)
                for question, text in spec.comments:
                    comment_add(panel=panel, question_name=question, author=_user(COACH), text=text)
            elif spec.target == PanelState.CANCELLED:
                panel_transition(panel=panel, action=Action.CANCEL, actor=board, note=spec.note)
            elif spec.target != PanelState.DRAFT:
                panel_transition(panel=panel, action=Action.APPROVE, actor=board)
    panel.refresh_from_db()
    if spec.target == PanelState.OPEN and panel.state == PanelState.APPROVED:
        _open_and_answer(panel, spec, sizes, board)
    elif spec.target in CLOSED_TARGETS and panel.state == PanelState.APPROVED:
        with _tasks(DUMMY_TASKS):
            panel = panel_transition(panel=panel, action=Action.OPEN, actor=board, seed=spec.seed)
    if spec.target in CLOSED_TARGETS:
        _finish_closed(panel, spec, sizes, board, out)
    return panel


def _unit(code: str):
    from ledenpanel.organisations.models import Unit

    return Unit.objects.get(code=code)


def _open_and_answer(panel: Panel, spec: DemoPanel, sizes: PanelSizes, board: User) -> None:
    """Open for real (the worker sends the mail), then let some members answer."""
    from ledenpanel.panels.services import panel_transition

    panel_transition(panel=panel, action=Action.OPEN, actor=board, seed=spec.seed)
    from ledenpanel.demo.simulate import simulate_fieldwork

    simulate_fieldwork(
        panel,
        submitted=sizes.open_submitted,
        drafts=sizes.open_drafts,
        seed=spec.seed,
        national=spec.national,
    )


def _finish_closed(
    panel: Panel, spec: DemoPanel, sizes: PanelSizes, board: User, out: TextIO
) -> None:
    from ledenpanel.closing.procedure import panel_close
    from ledenpanel.demo.simulate import mark_delivered, simulate_fieldwork
    from ledenpanel.panels.services import panel_transition

    if panel.state == PanelState.OPEN:
        started = time.perf_counter()
        mark_delivered(panel, seed=spec.seed)
        count = simulate_fieldwork(
            panel,
            submitted=getattr(sizes, spec.responses),
            drafts=max(0, getattr(sizes, spec.responses) // 25),
            seed=spec.seed,
            national=spec.national,
        )
        print(
            f"    {count:,} answers submitted in {time.perf_counter() - started:.1f} s",
            file=out,
            flush=True,
        )
        started = time.perf_counter()
        # The close button's path: the transition enqueues the close task,
        # which runs at once here.
        with _tasks(IMMEDIATE_TASKS):
            panel_transition(panel=panel, action=Action.CLOSE, actor=board)
        closing = panel_close(panel=panel)  # resumes or confirms: idempotent
        print(
            f"    closed: {closing.respondents:,} responses in "
            f"{time.perf_counter() - started:.1f} s",
            file=out,
            flush=True,
        )
    else:
        panel_close(panel=panel)  # a close cut short by a previous run
    panel.refresh_from_db()
    for action in AFTER_CLOSE[spec.target]:
        if panel.state in TRANSITIONS[action].sources:
            panel = panel_transition(panel=panel, action=action, actor=board)
