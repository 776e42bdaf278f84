"""Every URL × every role: who gets in, who is refused.

A URL without an entry here fails ``test_it_covers_every_url``: adding a page
means deciding, in this table, who may open it.

Roles are relative to branch A1 (the "unit" whose objects the URLs name):
anonymous; member_link (a member holding a personal link, no account — from
the invitations issue on it carries a link session); board of A1; board of
B1 (another unit); coach of region G1 (supports A1); coach of region G2
(other); coordinator (party office).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.results.models import Publication, ReportVersion, SlicePublication
from tests.builders import (
    Party,
    analysed_panel_a1,
    exported_panel_a1,
    finished_batch,
    national_questionnaire,
    open_link_panel,
    open_panel_for,
    published_panel_a1,
    secret_for,
    staff_with_role,
    use_questionnaire,
    verified_client,
)

ROLES = (
    "anonymous",
    "member_link",
    "board_unit",
    "board_other",
    "coach_unit",
    "coach_other",
    "coordinator",
)
STAFF = {"board_unit", "board_other", "coach_unit", "coach_other", "coordinator"}
EVERYONE = set(ROLES)
LOGIN = "login"  # an anonymous request is sent to the login page
DENIED = "denied"  # 403 or 404


@dataclass(frozen=True)
class Entry:
    allowed: set[str]
    kwargs: Callable[[Party], dict[str, object]] = lambda party: {}
    method: str = "get"
    ok_status: int = 200
    # Without an account, staff pages redirect to login instead of refusing.
    anonymous: str = LOGIN
    data: dict[str, str] = field(default_factory=dict)


MATRIX: dict[str, Entry] = {
    "site:home": Entry(allowed=STAFF),
    "site:set_language": Entry(
        allowed=EVERYONE, method="post", ok_status=302, data={"language": "en"}
    ),
    "accounts:login": Entry(allowed=EVERYONE),
    "accounts:verify": Entry(allowed=STAFF),
    # Staff who already have an authenticator are sent on to the code page.
    "accounts:setup_totp": Entry(allowed=STAFF, ok_status=302),
    "accounts:logout": Entry(allowed=EVERYONE, method="post", ok_status=302),
    "accounts:password_reset": Entry(allowed=EVERYONE),
    "accounts:password_reset_sent": Entry(allowed=EVERYONE),
    # An invalid token shows "this link no longer works": no account is exposed.
    "accounts:password_set": Entry(
        allowed=EVERYONE,
        kwargs=lambda party: {"uidb64": "MQ", "token": "set-password"},
    ),
    "accounts:password_set_done": Entry(allowed=EVERYONE),
    "organisations:unit_list": Entry(allowed=STAFF),
    "organisations:unit_detail": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"},
        kwargs=lambda party: {"unit_id": party.branch_a1.public_id},
    ),
    "organisations:member_list": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"unit_id": party.branch_a1.public_id},
    ),
    "organisations:unit_people": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"unit_id": party.branch_a1.public_id},
    ),
    "organisations:role_remove": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"role_id": party.board_role_a1.public_id},
        method="post",
        ok_status=302,
    ),
    "organisations:member_detail": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"member_id": party.member_a1.public_id},
    ),
    "organisations:import_units": Entry(allowed={"coordinator"}),
    "panels:list": Entry(allowed=STAFF),
    "panels:calendar": Entry(allowed=STAFF),
    "panels:create": Entry(
        allowed={"board_unit"}, kwargs=lambda party: {"unit_id": party.branch_a1.public_id}
    ),
    "panels:unit_settings": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"unit_id": party.branch_a1.public_id},
    ),
    "panels:detail": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    "panels:edit": Entry(
        allowed={"board_unit"}, kwargs=lambda party: {"panel_id": party.panel_a1.public_id}
    ),
    "panels:transition": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id, "action": "approve"},
        method="post",
        ok_status=302,
    ),
    "panels:extend": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
        method="post",
        ok_status=302,
        data={"closes_on": "2030-01-01"},
    ),
    "panels:builder": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    "panels:question_add": Entry(
        allowed={"board_unit"}, kwargs=lambda party: {"panel_id": party.panel_a1.public_id}
    ),
    "panels:question_edit": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id, "name": "woonlasten"},
    ),
    "panels:question_delete": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id, "name": "woonlasten"},
        method="post",
        ok_status=302,
    ),
    "panels:question_move": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id, "name": "woonlasten"},
        method="post",
        ok_status=302,
    ),
    "panels:comment_add": Entry(
        allowed={"board_unit", "coach_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id, "name": "woonlasten"},
        method="post",
        ok_status=302,
        data={"text": "Kan dit korter?"},
    ),
    "panels:comment_resolve": Entry(
        allowed={"board_unit", "coach_unit"},
        kwargs=lambda party: {"comment_id": party.comment_a1.public_id},
        method="post",
        ok_status=302,
    ),
    "panels:section_add": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
        method="post",
        ok_status=302,
    ),
    "panels:lint": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
        method="post",
        data={"question_type": "agree_scale", "label": "Iedereen moet altijd meedoen."},
    ),
    "panels:preview": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    "panels:versions": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    "panels:library": Entry(
        allowed={"board_unit"}, kwargs=lambda party: {"panel_id": party.panel_a1.public_id}
    ),
    "panels:xlsform_export": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    "panels:xlsform_import": Entry(
        allowed={"board_unit"}, kwargs=lambda party: {"panel_id": party.panel_a1.public_id}
    ),
    # In draft the wording page sends the board back to the builder.
    "panels:wording": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
        ok_status=302,
    ),
    "panels:test_send": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
        method="post",
        ok_status=302,
    ),
    "panels:guideline": Entry(allowed=STAFF),
    "panels:request_new": Entry(allowed=EVERYONE),
    "responses:enter_code": Entry(allowed=EVERYONE),
    # The personal link is the credential: whoever holds it answers (no account).
    "responses:answer": Entry(
        allowed=EVERYONE, kwargs=lambda party: {"secret": _member_link(party)}
    ),
    # The open link is public (non-members); the volunteer's assisted entry is
    # for the panel's own board and its coaches, not the coordinator.
    "responses:open_answer": Entry(
        allowed=EVERYONE, kwargs=lambda party: {"slug": _open_slug(party)}
    ),
    "responses:assisted_start": Entry(
        allowed={"board_unit", "coach_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    "responses:assisted_stop": Entry(
        allowed={"board_unit", "coach_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
        method="post",
        ok_status=302,
    ),
    # The analysis shows aggregates only (small groups hidden), never a member:
    # whoever may see the panel may read it.
    "results:analysis": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _analysed(party)
    ),
    "results:analysis_json": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _analysed(party)
    ),
    "results:analysis_pdf": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _analysed(party)
    ),
    # The report editor: readable by whoever may read the analysis; its forms
    # and posts are the coach's (or the board's without a coach), tested in
    # tests/results/test_report_editing.py.
    "results:report_edit": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _analysed(party)
    ),
    # The responses themselves (coded bands, open answers scrubbed), once the
    # panel closed with at least k respondents: who may read the analysis.
    "results:responses_csv": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _exported(party)
    ),
    "results:responses_xlsx": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _exported(party)
    ),
    "results:responses_sav": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _exported(party)
    ),
    "results:codebook_csv": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _exported(party)
    ),
    # Whether the exports hold the open answers is the panel's own board's
    # choice; the others may read the exports but not change what is in them.
    "results:export_open_answers": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: _exported(party),
        method="post",
        ok_status=302,
        data={"include": "1"},
    ),
    # Publishing the results, and showing them at the public address, is the
    # panel's own board's (tests/followup/test_results_publication.py).
    "results:results_publish": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: _analysed(party),
        method="post",
        ok_status=302,
    ),
    "results:publication_public": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: _published(party),
        method="post",
        ok_status=302,
        data={"public": "0"},
    ),
    # The results page is the same for every member: a link or code opens it
    # (before publication it says so), and the public address where the board
    # chose it. Staff who may read the analysis see it as members do, and the
    # board's answer page (only the board's posts change it:
    # tests/followup/test_board_answer.py).
    # A branch's slice of a panel of a unit above it: that branch's board, the
    # panel's own board and the coordinators (tests/results/test_slices_access.py);
    # only the branch's board publishes it; once published anyone may read it.
    "results:slice": Entry(
        allowed={"board_unit", "coordinator"}, kwargs=lambda party: _national_slice(party)
    ),
    "results:slice_publish": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: _national_slice(party, published=True),
        method="post",
        ok_status=302,
    ),
    "results:slice_public": Entry(
        allowed=EVERYONE, kwargs=lambda party: _national_slice(party, slice_published=True)
    ),
    "results:slices_overview": Entry(
        allowed={"coordinator"},
        kwargs=lambda party: {"panel_id": _national_slice(party)["panel_id"]},
    ),
    "followup:member_results": Entry(
        allowed=EVERYONE, kwargs=lambda party: {"secret": _member_link(party)}
    ),
    "followup:public_results": Entry(allowed=EVERYONE, kwargs=lambda party: _published(party)),
    # A unit's record of kept promises is public, like the members' results.
    "followup:unit_overview": Entry(
        allowed=EVERYONE, kwargs=lambda party: {"unit_id": party.branch_a1.public_id}
    ),
    "followup:member_results_preview": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _published(party)
    ),
    "followup:answer_edit": Entry(
        allowed={"board_unit", "coach_unit", "coordinator"}, kwargs=lambda party: _published(party)
    ),
    # Opting out needs only the personal link, like answering.
    "invitations:opt_out": Entry(
        allowed=EVERYONE, kwargs=lambda party: {"secret": _member_link(party)}
    ),
    "panels:request_list": Entry(allowed=STAFF),
    "panels:request_detail": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"request_id": party.request_a1.public_id},
    ),
    "panels:party_settings": Entry(allowed={"coordinator"}),
    "organisations:import_members": Entry(allowed={"coordinator"}),
    # The monitor names members (delivery per invitation): the panel's own
    # board and the coordinator only; coaches see no member data.
    "fieldwork:monitor": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    "fieldwork:monitor_progress": Entry(
        allowed={"board_unit", "coordinator"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
    ),
    # Opening and the letters are the board's: it decides, prints and pays.
    # Letter files hold the members' codes, so nobody else downloads them.
    "fieldwork:open_confirm": Entry(
        allowed={"board_unit"}, kwargs=lambda party: {"panel_id": party.panel_a1.public_id}
    ),
    "invitations:letters": Entry(
        allowed={"board_unit"}, kwargs=lambda party: {"panel_id": party.panel_a1.public_id}
    ),
    "invitations:letters_resume": Entry(
        allowed={"board_unit"},
        kwargs=lambda party: {"panel_id": party.panel_a1.public_id},
        method="post",
        ok_status=302,
    ),
    "invitations:letter_download": Entry(
        allowed={"board_unit"}, kwargs=lambda party: _letter_file(party)
    ),
}


def _member_link(party: Party) -> str:
    """Open branch A1's panel and return member A1's personal link token."""
    return secret_for(open_panel_for(party), party.member_a1)


def _letter_file(party: Party) -> dict[str, object]:
    """A finished letter file of branch A1's panel: the download's URL arguments."""
    batch = finished_batch(party.panel_a1)
    return {
        "panel_id": party.panel_a1.public_id,
        "sequence": batch.sequence,
        "kind": batch.kind,
        "number": batch.number,
    }


def _exported(party: Party) -> dict[str, object]:
    """Branch A1's panel closed with k responses: the export's URL arguments."""
    return exported_panel_a1(party)


def _analysed(party: Party) -> dict[str, object]:
    """Branch A1's panel with a stored analysis: the analysis pages' URL arguments."""
    return analysed_panel_a1(party)


def _published(party: Party) -> dict[str, object]:
    """Branch A1's panel with its results published, also at the public address."""
    return published_panel_a1(party)


def _national_slice(
    party: Party, *, published: bool = False, slice_published: bool = False
) -> dict[str, object]:
    """A national panel closed with branch A1's slice shown: URL arguments of that slice.

    Written directly, as a close would leave it (a real close costs the
    matrix seconds per cell; tests/results/test_slices_close.py closes one).
    ``published``: the panel's results are out; ``slice_published``: and
    A1's board published its slice.
    """
    panel = Panel.objects.create(
        unit=party.national,
        title="Landelijk panel",
        topic="Vervoer",
        purpose="Standpunt bepalen",
        coach_review_required=False,
        state=PanelState.REPORTED if published or slice_published else PanelState.CLOSED,
    )
    use_questionnaire(panel, national_questionnaire())
    shown = {"respondents": 20, "suppressed": False}
    counts = {"bus": 8, "trein": 7, "fiets": 5}
    PanelClosing.objects.create(
        panel=panel,
        stage=CloseStage.DONE,
        respondents=60,
        aggregates={
            "has_results": True,
            "participation": {"by": {"branch": {}, "region": {}}},
            "subunits": {
                "branch": {"A1": shown, "A2": shown, "B1": shown},
                "region": {"G1": {"respondents": 40, "suppressed": False}, "G2": shown},
                "items": {"vervoer": {"branch": {"A1": counts}, "region": {}}},
            },
        },
    )
    if published or slice_published:
        version = ReportVersion.objects.create(
            panel=panel, number=1, points=[], change="final_as_drafted", final_at=timezone.now()
        )
        Publication.objects.create(panel=panel, report_version=version, pages={}, public=True)
    if slice_published:
        SlicePublication.objects.create(panel=panel, unit=party.branch_a1)
    return {"panel_id": panel.public_id, "unit_id": party.branch_a1.public_id}


def _open_slug(party: Party) -> str:
    """Open branch A1's panel with a public link and return its slug."""
    return open_link_panel(party).open_slug


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_it_covers_every_url():
    assert _url_names(get_resolver()) == set(MATRIX)


def _client_for(role: str, party: Party) -> Client:
    if role in {"anonymous", "member_link"}:
        return Client()
    unit, kind = {
        "board_unit": (party.branch_a1, RoleKind.BOARD),
        "board_other": (party.branch_b1, RoleKind.BOARD),
        "coach_unit": (party.region_1, RoleKind.COACH),
        "coach_other": (party.region_2, RoleKind.COACH),
        "coordinator": (party.national, RoleKind.COORDINATOR),
    }[role]
    return verified_client(staff_with_role(unit, kind, f"{role}@example.org"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_it_allows_exactly_the_roles_in_the_matrix(name: str, role: str, party: Party):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(party))
    client = _client_for(role, party)
    response = getattr(client, entry.method)(url, data=entry.data)

    if role in entry.allowed:
        assert response.status_code == entry.ok_status, (name, role, response.status_code)
    elif role in {"anonymous", "member_link"} and entry.anonymous == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code in {403, 404}, (name, role, response.status_code)
