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

from ledenpanel.organisations.models import RoleKind
from tests.builders import (
    Party,
    analysed_panel_a1,
    exported_panel_a1,
    finished_batch,
    open_link_panel,
    open_panel_for,
    secret_for,
    staff_with_role,
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
