"""Publishing the results to the members (step 6 of the cycle).

The board publishes the final report. In one transaction the members' page
is frozen (``member_page``), the publication is recorded, and the results
mail and letter are queued for every invited member (``invitations
.announcements``): the members hear the results before, or together with,
anything else the board says about them. The board's answer can only be
published after this (``followup``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ledenpanel.accounts.models import User
from ledenpanel.analysis.report.i18n import translator
from ledenpanel.analysis.report.labels import Labels
from ledenpanel.analysis.report.outcomes import summary_view
from ledenpanel.invitations.announcements import AnnouncementText, announcement_deliver
from ledenpanel.invitations.models import MessageKind
from ledenpanel.panels.lifecycle import PanelRole
from ledenpanel.panels.models import Panel, PanelEvent, PanelState
from ledenpanel.panels.selectors import panel_roles
from ledenpanel.panels.services import PanelError, panel_event_record
from ledenpanel.results.earlier import earlier_results
from ledenpanel.results.member_page import member_pages
from ledenpanel.results.models import Publication
from ledenpanel.results.selectors import (
    panel_analysis_get,
    report_text_get,
    report_transparency,
    report_with_text,
)

MAIL_LANGUAGE = "nl"  # member mail and letters go out in Dutch, like the invitations


def _require_board(panel: Panel, actor: User) -> None:
    if PanelRole.BOARD not in panel_roles(user=actor, unit=panel.unit):
        raise PermissionDenied


def _require_final(panel: Panel) -> None:
    if panel.state != PanelState.REPORTED:
        raise PanelError(_("Maak eerst het verslag definitief; daarna kunt u het publiceren."))


def _published_report(panel: Panel) -> tuple[dict[str, Any], Any]:
    """The report as it goes out: figures, the final text, who asked and why."""
    _require_final(panel)
    text = report_text_get(panel=panel)
    analysis = panel_analysis_get(panel=panel)
    if text is None or not text.final or analysis is None or analysis.result is None:
        raise PanelError(_("Er is geen definitief verslag om te publiceren."))
    report = report_with_text(
        result=analysis.result, text=text, transparency=report_transparency(panel=panel)
    )
    return report, text.version


def results_announcement(*, panel: Panel, report: dict[str, Any]) -> AnnouncementText:
    """The results mail and letter: the main outcomes and the points, in plain words."""
    with translation.override(MAIL_LANGUAGE):
        t = translator(MAIL_LANGUAGE)
        context = {
            "panel": panel,
            "unit": panel.unit,
            "respondents": report.get("n_responses"),
            "withheld": bool(report.get("results_withheld")),
            "outcomes": summary_view(report, Labels(report, t), t)["outcomes"],
            "points": [
                str(point.get("title") or "")
                for point in report.get("discussion_points") or []
                if isinstance(point, dict)
            ],
        }
        return AnnouncementText.rendered(
            subject=_("De uitslag van het ledenpanel: %(title)s") % {"title": panel.title},
            templates="results/announcement/results",
            context=context,
            link_label=_("Bekijk de hele uitslag"),
        )


def results_publish(*, panel: Panel, actor: User, public: bool) -> Publication:
    """Publish the final report to every invited member; once per panel.

    The page is rendered before the transaction (charts take a moment) and
    the state is checked again inside it, so two boards clicking at once
    publish once.
    """
    _require_board(panel, actor)
    report, version = _published_report(panel)
    pages = member_pages(report=report, earlier=earlier_results(panel=panel))
    text = results_announcement(panel=panel, report=report)
    with transaction.atomic():
        locked = Panel.objects.select_for_update().select_related("unit").get(pk=panel.pk)
        if Publication.objects.filter(panel=locked).exists():
            raise PanelError(_("De uitslag is al gepubliceerd."))
        _require_final(locked)  # the text is frozen once final: the state is all that can change
        publication = Publication.objects.create(
            panel=locked,
            report_version=version,
            pages=pages.pages,
            figures=pages.figures,
            public=public,
            published_by=actor,
        )
        announcement_deliver(panel=locked, kind=MessageKind.RESULTS, text=text)
        panel_event_record(
            panel=locked, kind=PanelEvent.Kind.PUBLISHED, actor=actor, note=_("uitslag")
        )
    return publication


@transaction.atomic
def publication_public_set(*, panel: Panel, actor: User, public: bool) -> Publication:
    """The board shows the published page at the public address, or stops showing it."""
    _require_board(panel, actor)
    publication = Publication.objects.select_for_update().filter(panel=panel).first()
    if publication is None:
        raise PanelError(_("De uitslag is nog niet gepubliceerd."))
    publication.public = public
    publication.save(update_fields=["public"])
    return publication
