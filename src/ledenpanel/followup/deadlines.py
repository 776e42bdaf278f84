"""Keeping the promised dates: reminders before them, alerts after them.

At planning the board promised two dates to the members: the results back
by ``results_by`` and its answer by ``response_by``. For each date still
open, the panel's board gets a reminder a week before and one on the day;
once the date has passed, the party's coordinators and the board of the unit
above are alerted (and the panel's own board, in copy), and the members'
pages say the step is late (``selectors.responsiveness``). Each reminder and
alert goes once per date (``DeadlineAlert``); a moved date starts again.

``ledenpanel manage close_due_panels`` runs :func:`deadline_alerts_send`
every few minutes beside the worker (``cli.serving``) or from cron.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ledenpanel.core.email import email_queue
from ledenpanel.followup.models import AlertStage, Deadline, DeadlineAlert
from ledenpanel.followup.selectors import responsiveness
from ledenpanel.organisations.models import Role, RoleKind, Unit
from ledenpanel.panels.models import Panel, PanelState

WEEK = timedelta(days=7)
# Both dates fall between the close and the published answer (RESPONDED):
# a date is open there until its step is done (``responsiveness``).
OPEN_STATES = (PanelState.CLOSED, PanelState.REPORTED)


def _stage(due: date, today: date) -> str | None:
    if today > due:
        return AlertStage.LATE
    if today == due:
        return AlertStage.DUE
    if today >= due - WEEK:
        return AlertStage.WEEK_BEFORE
    return None


def _board_addresses(unit: Unit | None) -> set[str]:
    if unit is None:
        return set()
    roles = Role.objects.filter(unit=unit, kind=RoleKind.BOARD, user__is_active=True)
    return set(roles.values_list("user__email", flat=True))


def _recipients(panel: Panel, stage: str) -> set[str]:
    addresses = _board_addresses(panel.unit)
    if stage == AlertStage.LATE:
        coordinators = Role.objects.filter(kind=RoleKind.COORDINATOR, user__is_active=True)
        addresses |= set(coordinators.values_list("user__email", flat=True))
        addresses |= _board_addresses(panel.unit.parent)
    return {address for address in addresses if address}


def _send(panel: Panel, deadline: str, stage: str, due: date) -> bool:
    """Record and queue one reminder or alert; False if it went out before."""
    try:
        with transaction.atomic():
            DeadlineAlert.objects.create(panel=panel, deadline=deadline, stage=stage, due_on=due)
            context = {
                "panel": panel,
                "deadline": Deadline(deadline).label,
                "stage": stage,
                "due": due,
                "panel_page": settings.SITE_URL
                + reverse("panels:detail", kwargs={"panel_id": panel.public_id}),
            }
            with translation.override(settings.LANGUAGE_CODE):
                subject = {
                    AlertStage.WEEK_BEFORE: _("Binnen een week: %(what)s voor “%(title)s”"),
                    AlertStage.DUE: _("Vandaag: %(what)s voor “%(title)s”"),
                    AlertStage.LATE: _("Te laat: %(what)s voor “%(title)s”"),
                }[AlertStage(stage)] % {"what": context["deadline"], "title": panel.title}
                for address in sorted(_recipients(panel, stage)):
                    email_queue(
                        to=address,
                        subject=subject,
                        template="followup/email/deadline",
                        context=context,
                    )
    except IntegrityError:
        return False
    return True


def deadline_alerts_send(*, today: date | None = None) -> list[tuple[Panel, str, str]]:
    """Send every reminder and alert that is due today; what was sent."""
    today = today or timezone.localdate()
    sent = []
    panels = Panel.objects.select_related("unit", "unit__parent").filter(state__in=OPEN_STATES)
    for panel in panels:
        promises = responsiveness(panel=panel, today=today)
        for deadline, promise in (
            (Deadline.RESULTS, promises.results),
            (Deadline.ANSWER, promises.answer),
        ):
            if promise.due is None or promise.done is not None:
                continue
            stage = _stage(promise.due, today)
            if stage is not None and _send(panel, deadline, stage, promise.due):
                sent.append((panel, str(deadline), str(stage)))
    return sent
