"""Helpers for the letter tests: the printed pages' text and codes, runs and closes."""

from __future__ import annotations

import re
import subprocess

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.invitations.letters import letter_run_enqueue
from ledenpanel.invitations.models import (
    Announcement,
    Invitation,
    LetterBatch,
    LetterState,
    MessageKind,
)
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition

# Names whose letters need more than Latin-1 (the print tests).
UNICODE_NAMES = [
    ("Ayşe", "Çelik"),
    ("Łukasz", "Wróbel"),
    ("Ingrid", "Ødegaard"),
    ("Thị Lan", "Nguyễn"),
]
CODE = re.compile(r"\b([34679ACDEFGHJKMNPRTUWXY]{4}-){2}[34679ACDEFGHJKMNPRTUWXY]{3}\b")
LETTER_HTML = (
    "<p>Dank u wel voor het meedenken over de dijken.</p>"
    "<ul><li>Twee op de drie leden willen hogere dijken.</li>"
    "<li>De meeste leden vinden &lt;groen&gt; belangrijk.</li></ul>"
)


def pages_text(path: str) -> list[str]:
    """Each page's text as pdftotext lays it out (one string a page)."""
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def run_letters(panel, capture, **kwargs) -> list[LetterBatch]:
    with capture(execute=True):
        letter_run_enqueue(panel=panel, **kwargs)
    return list(LetterBatch.objects.filter(panel=panel, kind=kwargs.get("kind", "invitation")))


def codes_by_member(batches: list[LetterBatch]) -> dict[int, str]:
    """The printed code on each page, by the member the page is addressed to."""
    codes = {}
    for batch in batches:
        assert batch.state == LetterState.DONE, batch.error
        invitations = Invitation.objects.filter(pk__in=batch.invitation_ids).select_related(
            "member"
        )
        by_name = {i.member.last_name: i.member_id for i in invitations}
        for page in pages_text(batch.path):
            [member_id] = [m for name, m in by_name.items() if name in page]
            codes[member_id] = CODE.search(page).group(0)
    return codes


def announce(panel, **fields) -> Announcement:
    return Announcement.objects.create(
        panel=panel,
        kind=fields.pop("kind", MessageKind.RESULTS),
        number=0,
        subject="De uitslag: hoge dijken",
        body_text="-",
        body_html="-",
        letter_html=fields.pop("letter_html", LETTER_HTML),
        link_label="Lees de uitslag",
    )


def close_now(panel, capture) -> None:
    with capture(execute=True):
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    assert PanelClosing.objects.get(panel=panel).stage == CloseStage.DONE
    panel.refresh_from_db()
