"""``ledenpanel manage analyse_panel <panel id>…``: run a closed panel's analysis again.

The worker analyses a panel once its close procedure is done. Run this after
an engine upgrade, or when the worker lost the task: it replaces the stored
result. ``--all`` does every closed panel; ``--queue`` leaves the work to
the worker instead of running it here.
"""

from __future__ import annotations

from uuid import UUID

from django.core.management.base import BaseCommand, CommandError

from ledenpanel.closing.models import CloseStage
from ledenpanel.panels.lifecycle import CLOSED_STATES
from ledenpanel.panels.models import Panel
from ledenpanel.results.services import AnalysisError, panel_analyse
from ledenpanel.results.tasks import panel_analyse_task


def _panel(text: str) -> Panel:
    try:
        public_id = UUID(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a panel id (a UUID)") from None
    panel = Panel.objects.filter(public_id=public_id).select_related("approved_version").first()
    if panel is None:
        raise CommandError(f"no panel {public_id}")
    return panel


class Command(BaseCommand):
    help = "Run the analysis of closed panels again and replace the stored result."

    def add_arguments(self, parser) -> None:
        parser.add_argument("panel_ids", nargs="*", metavar="PANEL_ID", help="the panel's id")
        parser.add_argument("--all", action="store_true", help="every closed panel")
        parser.add_argument(
            "--queue", action="store_true", help="queue it for the worker instead of running here"
        )

    def handle(self, *args, panel_ids: list[str], all: bool, queue: bool, **options) -> None:
        if all == bool(panel_ids):
            raise CommandError("name panel ids, or give --all")
        panels = (
            list(
                Panel.objects.filter(state__in=CLOSED_STATES, closing__stage=CloseStage.DONE)
                .select_related("approved_version")
                .order_by("pk")
            )
            if all
            else [_panel(text) for text in panel_ids]
        )
        failed = 0
        for panel in panels:
            if queue:
                panel_analyse_task.enqueue(panel.pk)
                self.stdout.write(f"analysis of {panel.public_id} queued")
                continue
            try:
                analysis = panel_analyse(panel=panel)
            except AnalysisError as error:
                failed += 1
                self.stderr.write(str(error))
                continue
            if analysis.error:
                failed += 1
                self.stderr.write(f"analysis of {panel.public_id} failed:\n{analysis.error}")
            else:
                self.stdout.write(
                    f"analysed {panel.public_id}: {analysis.result.get('n_responses', 0)} "
                    f"responses in {analysis.seconds:.1f} s"
                )
        if failed:
            raise CommandError(f"{failed} of {len(panels)} panel(s) not analysed")
