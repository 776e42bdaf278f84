"""The demo party's panels, one in every state, with simulated answers.

Everything goes through the real services, as a board, a coach and the
members would do it: ``panel_create``, ``panel_transition`` (opening draws the
sample and creates the invitations and keys), ``comment_add``, and per member
``answering_session_for_secret`` → ``draft_save`` / ``answers_submit``; closing runs the real
close procedure, so the closed panels hold exactly what a real panel holds
(responses with coded bands, the aggregates of ``PanelClosing``).

One shortcut, because the real path costs minutes and shows nothing: for
panels the demo closes straight away, the invitations are marked delivered in
one update instead of being mailed and printed. Their opening queues its runs
as any opening does, but those find nothing left to do (see
:func:`_open_to_close`). The panel left open keeps its runs: `ledenpanel
demo`'s worker sends its mail into ``var/mail`` and renders its letters.

The worker starts only once the data is loaded, so for the panels it closes
the demo runs the close procedure and the analysis itself, through the same
services the worker's tasks call (see :func:`_close`).

Idempotent: a panel is made once, recognised by its unit and title; a run
cut short resumes (a panel left open mid-simulation carries on, a close that
did not finish is finished).
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING, TextIO

from django.db import transaction
from django.utils import timezone

from ledenpanel.demo.specs import COACH, PANELS, DemoPanel, PanelSizes
from ledenpanel.panels.lifecycle import TRANSITIONS, Action
from ledenpanel.panels.models import PanelState

if TYPE_CHECKING:
    from ledenpanel.accounts.models import User
    from ledenpanel.closing.models import PanelClosing
    from ledenpanel.panels.models import Panel

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


def _user(email: str) -> User:
    from ledenpanel.accounts.models import User

    return User.objects.get(email=email)


def ensure_demo_panels(*, sizes: PanelSizes, out: TextIO) -> list[Panel]:
    """Make each demo panel unless it is there; finish any left half-way."""
    started = time.perf_counter()
    made = [_ensure(spec, sizes, out) for spec in PANELS]
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
        panel = _open_to_close(panel, spec, board)
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


def _open_to_close(panel: Panel, spec: DemoPanel, board: User) -> Panel:
    """Open a panel the demo closes straight away; its runs will find nothing to do.

    Opening queues what every opening queues: the mail run, one task per
    letter batch, the reminders and the close on the closing date. The demo's
    worker starts only after the loading, and by then the invitations were
    marked delivered (``mark_delivered`` marks the letter batches done, so no
    render task can claim one) and the panel is closed (the close deletes
    the unsent invitation mail, so the mail run finds none; a reminder or the
    close on the closing date finds the panel no longer open). So a handful of
    queued tasks each end at once, as they would for a real panel its board
    closed early: the same services, no other task backend, and no switch in
    them for the demo.
    """
    from ledenpanel.panels.services import panel_transition

    return panel_transition(panel=panel, action=Action.OPEN, actor=board, seed=spec.seed)


def _close(panel: Panel) -> PanelClosing:
    """Run the close procedure, and the analysis after it, as the worker would.

    The close transition (and the close's last stage) queue these as tasks
    for the worker, which in `ledenpanel demo` starts only once the data is
    loaded; the demo runs the same services now, so a closed demo panel has
    its responses and its results from the start. Both are idempotent: the
    queued close task later finds the close done, and the queued analysis
    task computes the result once more (a few seconds of the worker's time)
    and stores the same one, only its timings differ.
    """
    from ledenpanel.closing.services import panel_close
    from ledenpanel.results.selectors import panel_analysis_get
    from ledenpanel.results.services import panel_analyse

    closing = panel_close(panel=panel)  # runs it, or finishes one cut short
    if panel_analysis_get(panel=panel) is None:
        panel_analyse(panel=panel)
    return closing


def _finish_closed(
    panel: Panel, spec: DemoPanel, sizes: PanelSizes, board: User, out: TextIO
) -> None:
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
        # The close button's path: the transition queues the close task.
        panel_transition(panel=panel, action=Action.CLOSE, actor=board)
        closing = _close(panel)
        print(
            f"    closed and analysed: {closing.respondents:,} responses in "
            f"{time.perf_counter() - started:.1f} s",
            file=out,
            flush=True,
        )
    else:
        _close(panel)  # a close cut short by a previous run
    panel.refresh_from_db()
    for action in AFTER_CLOSE[spec.target]:
        if action == Action.MARK_RESPONDED and panel.state in TRANSITIONS[action].sources:
            # The members hear the results first; the board then answers each point.
            _publish(panel, board)
            _answer(panel, board)
        if panel.state in TRANSITIONS[action].sources:
            panel = panel_transition(panel=panel, action=action, actor=board)
    if spec.published and panel.state == PanelState.REPORTED:
        _publish(panel, board)
    if spec.late_answer:
        _answer_overdue(panel)


def _publish(panel: Panel, board: User) -> None:
    """Publish the final report, as the board's button does (once)."""
    from ledenpanel.results.publication import results_publish
    from ledenpanel.results.selectors import publication_get

    if publication_get(panel=panel) is None:
        results_publish(panel=panel, actor=board, public=True)


def _answer(panel: Panel, board: User) -> None:
    """The board's answer per discussion point, saved as a draft (once)."""
    from ledenpanel.demo.texts import board_answer
    from ledenpanel.followup.selectors import answer_latest
    from ledenpanel.followup.services import answer_draft_save
    from ledenpanel.results.selectors import publication_get

    publication = publication_get(panel=panel)
    if answer_latest(panel=panel) is not None or publication is None:
        return
    overall, points = board_answer(len(publication.report_version.points))
    today = timezone.localdate()
    answer_draft_save(
        panel=panel,
        actor=board,
        overall=overall,
        points=[
            {
                "position": point["position"],
                "reasoning": point["reasoning"],
                "next_step": point["next_step"],
                "next_step_on": today + timedelta(days=int(point["next_step_in_days"])),
            }
            for point in points
        ],
    )


def _answer_overdue(panel: Panel) -> None:
    """Set the promised answer date back to last week: the demo's late board.

    The demo compresses a panel's history into one day (opened, closed and
    published today), so the date it promised for the answer is set back
    after the fact; the members' page then says "reactie te laat".
    """
    from ledenpanel.panels.models import Panel as PanelModel

    late = timezone.localdate() - timedelta(days=7)
    PanelModel.objects.filter(pk=panel.pk, state=PanelState.REPORTED).update(response_by=late)
