"""Writes of the follow-up app: the members' follow-up choices and the board's answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ledenpanel.accounts.models import User
from ledenpanel.followup.models import AnswerVersion, FollowUpConsent, Position, ProgressUpdate
from ledenpanel.followup.selectors import answer_latest, member_points
from ledenpanel.invitations.announcements import AnnouncementText, announcement_deliver
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.letters import letter_batches_forget, letter_files_delete
from ledenpanel.invitations.models import Invitation, MessageKind
from ledenpanel.panels.lifecycle import PanelRole
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.selectors import panel_roles
from ledenpanel.panels.services import PanelError
from ledenpanel.results.selectors import publication_get

OVERALL_MAX = 6000
REASONING_MAX = 3000
NEXT_STEP_MAX = 500
MAIL_LANGUAGE = "nl"  # member mail and letters go out in Dutch, like the invitations


@transaction.atomic
def follow_up_consent_record(
    *, invitation: Invitation, keep_informed: bool, join_network: bool
) -> FollowUpConsent | None:
    """Keep the member's follow-up choices; both off withdraws them (no row at all).

    Called by ``responses.services.follow_up_set`` only for the device whose
    submission counted, so whoever else holds the member's code cannot write
    here.
    """
    if not (keep_informed or join_network):
        FollowUpConsent.objects.filter(invitation=invitation).delete()
        return None
    consent, _created = FollowUpConsent.objects.update_or_create(
        invitation=invitation,
        defaults={"keep_informed": keep_informed, "join_network": join_network},
    )
    return consent


# -- the board's answer -----------------------------------------------------------------


class AnswerError(ValueError):
    """An answer that cannot be saved or published as it stands; says why."""


def _clean_point(raw: dict[str, Any], number: int) -> dict[str, str]:
    position = str(raw.get("position") or "")
    if position and position not in Position.values:
        raise AnswerError(
            _("Punt %(number)s: kies een standpunt uit de lijst.") % {"number": number}
        )
    next_step_on = raw.get("next_step_on") or ""
    if isinstance(next_step_on, date):
        next_step_on = next_step_on.isoformat()
    elif next_step_on:
        try:
            next_step_on = date.fromisoformat(str(next_step_on)).isoformat()
        except ValueError:
            raise AnswerError(
                _("Punt %(number)s: de datum van de volgende stap klopt niet.") % {"number": number}
            ) from None
    fields = {
        "reasoning": (str(raw.get("reasoning") or "").strip(), REASONING_MAX),
        "next_step": (str(raw.get("next_step") or "").strip(), NEXT_STEP_MAX),
    }
    for value, limit in fields.values():
        if len(value) > limit:
            raise AnswerError(
                _("Punt %(number)s: de tekst is langer dan %(limit)s tekens.")
                % {"number": number, "limit": limit}
            )
    return {
        "position": position,
        "reasoning": fields["reasoning"][0],
        "next_step": fields["next_step"][0],
        "next_step_on": str(next_step_on),
    }


def _editable_panel(panel: Panel, actor: User) -> Panel:
    if PanelRole.BOARD not in panel_roles(user=actor, unit=panel.unit):
        raise PermissionDenied
    panel = Panel.objects.select_for_update().select_related("unit").get(pk=panel.pk)
    if panel.state != PanelState.REPORTED:
        raise AnswerError(_("De reactie kan alleen worden bewerkt tot ze gepubliceerd is."))
    if publication_get(panel=panel) is None:
        raise AnswerError(
            _("Publiceer eerst de uitslag: de leden horen die vóór de reactie van het bestuur.")
        )
    return panel


@transaction.atomic
def answer_draft_save(
    *, panel: Panel, actor: User, overall: str, points: list[dict[str, Any]]
) -> AnswerVersion:
    """Save the board's answer as a new draft version (nothing reaches the members yet)."""
    panel = _editable_panel(panel, actor)
    publication = publication_get(panel=panel)
    expected = len(publication.report_version.points) if publication else 0
    if len(points) != expected:
        raise AnswerError(_("De reactie moet precies één antwoord per discussiepunt hebben."))
    overall = overall.strip()
    if len(overall) > OVERALL_MAX:
        raise AnswerError(
            _("De reactie als geheel is langer dan %(limit)s tekens.") % {"limit": OVERALL_MAX}
        )
    cleaned = [_clean_point(point, number) for number, point in enumerate(points, 1)]
    latest = answer_latest(panel=panel)
    return AnswerVersion.objects.create(
        panel=panel,
        number=(latest.number if latest else 0) + 1,
        overall=overall,
        points=cleaned,
        author=actor,
    )


def answer_missing(version: AnswerVersion | None) -> list[str]:
    """What the draft still lacks before it can be published (empty: complete)."""
    if version is None:
        return [_("Er is nog geen reactie opgeslagen.")]
    missing = []
    if not version.overall:
        missing.append(_("de reactie als geheel"))
    for number, point in enumerate(version.points, 1):
        if not point.get("position"):
            missing.append(_("het standpunt bij punt %(number)s") % {"number": number})
        if not point.get("reasoning"):
            missing.append(_("de uitleg bij punt %(number)s") % {"number": number})
    return missing


def answer_announcement(*, panel: Panel, version: AnswerVersion) -> AnnouncementText:
    """The answer's mail and letter: the overall answer and a line per point."""
    publication = publication_get(panel=panel)
    with translation.override(MAIL_LANGUAGE):
        context = {
            "panel": panel,
            "unit": panel.unit,
            "overall": version.overall,
            "points": member_points(publication=publication, answer=version) if publication else [],
        }
        return AnnouncementText.rendered(
            subject=_("De reactie van het bestuur: %(title)s") % {"title": panel.title},
            templates="followup/announcement/answer",
            context=context,
            link_label=_("Lees de hele reactie bij de uitslag"),
        )


def answer_publish_effect(*, panel: Panel, source: PanelState, seed: int | None, note: str) -> None:
    """The ``MARK_RESPONDED`` transition's effect: publish the latest complete draft.

    Runs inside the transition's transaction: the state changes only if the
    answer is complete and goes out to the members.
    """
    if publication_get(panel=panel) is None:
        raise PanelError(_("Publiceer eerst de uitslag; daarna de reactie."))
    version = answer_latest(panel=panel)
    missing = answer_missing(version)
    if missing:
        raise PanelError(
            _("De reactie is nog niet compleet. Nog nodig: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    assert version is not None  # answer_missing said so
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    announcement_deliver(
        panel=panel, kind=MessageKind.ANSWER, text=answer_announcement(panel=panel, version=version)
    )


def panel_archive_effect(*, panel: Panel, source: PanelState, seed: int | None, note: str) -> None:
    """The ``ARCHIVE`` transition's effect: the last codes of the panel go.

    The results and answer letters hold the members' codes, and the link key
    the close kept rebuilds every link and code: once the panel is archived
    nothing more is sent, so the files are deleted and the key destroyed (after
    the commit, so a rolled-back archive keeps them).
    """
    letter_files_delete(panel=panel)
    letter_batches_forget(panel=panel)
    panel_id = str(panel.public_id)
    transaction.on_commit(lambda: key_store().forget_link_key(panel_id))


# -- later steps --------------------------------------------------------------------------

UPDATE_MAX = 3000


def _kept_informed(panel: Panel) -> list[int]:
    """The invitations whose members asked on the thank-you page to be kept informed."""
    return list(
        FollowUpConsent.objects.filter(invitation__panel=panel, keep_informed=True).values_list(
            "invitation_id", flat=True
        )
    )


@transaction.atomic
def progress_update_publish(*, panel: Panel, actor: User, text: str) -> ProgressUpdate:
    """The board tells what happened since its answer: on the results page, and by
    mail to the members who asked to be kept informed (never by letter, which
    the board prints: that list would say who took part)."""
    if PanelRole.BOARD not in panel_roles(user=actor, unit=panel.unit):
        raise PermissionDenied
    panel = Panel.objects.select_for_update().select_related("unit").get(pk=panel.pk)
    if panel.state != PanelState.RESPONDED:
        raise AnswerError(_("Een stand van zaken volgt op de gepubliceerde reactie."))
    text = text.strip()
    if not text:
        raise AnswerError(_("Schrijf wat er sinds de reactie is gebeurd."))
    if len(text) > UPDATE_MAX:
        raise AnswerError(_("De tekst is langer dan %(limit)s tekens.") % {"limit": UPDATE_MAX})
    last = ProgressUpdate.objects.filter(panel=panel).order_by("-number").first()
    update = ProgressUpdate.objects.create(
        panel=panel, number=(last.number if last else 0) + 1, text=text, author=actor
    )
    with translation.override(MAIL_LANGUAGE):
        context = {"panel": panel, "unit": panel.unit, "update": update}
        announcement = AnnouncementText.rendered(
            subject=_("Stand van zaken: %(title)s") % {"title": panel.title},
            templates="followup/announcement/update",
            context=context,
            link_label=_("Alles over dit ledenpanel"),
            letter=False,  # by mail only: see _kept_informed
        )
    announcement_deliver(
        panel=panel,
        kind=MessageKind.UPDATE,
        number=update.number,
        text=announcement,
        only=_kept_informed(panel),
    )
    return update
