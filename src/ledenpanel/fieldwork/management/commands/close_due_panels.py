"""``ledenpanel manage close_due_panels``: close open panels past their closing date.

The worker closes panels on time by itself (a task queued at opening); this
command is for cron or after restoring a queue. It also resumes a close
procedure that a killed worker left unfinished, makes the reminders whose
task was lost, queues the analysis of a closed panel that never got one, and
mails the reminders and alerts of the dates promised to the members
(``followup.deadlines``).
``--now`` runs the close procedure here instead of queueing it for the worker.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ledenpanel.closing.selectors import closings_unfinished
from ledenpanel.closing.services import CloseError, close_due_panels, panel_close
from ledenpanel.closing.tasks import panel_close_task
from ledenpanel.followup.deadlines import deadline_alerts_send
from ledenpanel.invitations.outbox import reminders_catch_up
from ledenpanel.results.selectors import analyses_missing
from ledenpanel.results.tasks import panel_analyse_task


class Command(BaseCommand):
    help = (
        "Close every open panel whose closing date has passed; catch up on unfinished "
        "closes, lost reminders and lost analyses; mail the reminders of promised dates."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="run the close procedure here as well (default: the worker does it)",
        )

    def handle(self, *args, now: bool = False, **options) -> None:
        closed = close_due_panels()
        for panel in closed:
            self.stdout.write(f"closed {panel.public_id} ({panel.title})")
        self.stdout.write(f"{len(closed)} panel(s) closed")
        just_closed = {panel.pk for panel in closed}  # their task is queued already
        for panel in closings_unfinished():
            if not now:
                if panel.pk not in just_closed:
                    panel_close_task.enqueue(panel.pk)
                    self.stdout.write(f"close procedure of {panel.public_id} queued")
                continue
            try:
                stage = panel_close(panel=panel).stage
            except CloseError as error:
                self.stderr.write(f"close procedure of {panel.public_id} failed: {error}")
                continue
            self.stdout.write(f"close procedure of {panel.public_id}: {stage}")
        for panel, number in reminders_catch_up():
            self.stdout.write(f"reminder {number} of {panel.public_id} made")
        for panel in analyses_missing():
            panel_analyse_task.enqueue(panel.pk)
            self.stdout.write(f"analysis of {panel.public_id} queued")
        for panel, deadline, stage in deadline_alerts_send():
            self.stdout.write(f"{deadline} date of {panel.public_id}: {stage} mail queued")
