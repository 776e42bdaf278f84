"""The analysis pages: the report, its PDF and analysis.json, for who may see the panel."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from ledenpanel.organisations.models import RoleKind
from ledenpanel.results.models import PanelAnalysis
from ledenpanel.results.views import inline_style_sources
from tests.builders import Party, staff_with_role, verified_client

VIEWS = ("results:analysis", "results:analysis_json", "results:analysis_pdf")


def _client(party: Party, who: str) -> Client:
    unit, kind = {
        "board": (party.branch_a1, RoleKind.BOARD),
        "coach": (party.region_1, RoleKind.COACH),
        "coordinator": (party.national, RoleKind.COORDINATOR),
        "other board": (party.branch_b1, RoleKind.BOARD),
        "other coach": (party.region_2, RoleKind.COACH),
    }[who]
    return verified_client(staff_with_role(unit, kind, f"{who.replace(' ', '-')}@example.org"))


@pytest.mark.parametrize("who", ["board", "coach", "coordinator"])
def test_the_board_coach_and_coordinator_read_the_report(reported, party: Party, who: str):
    response = _client(party, who).get(reverse("results:analysis", args=[reported.public_id]))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Hoe reist u meestal?" in page


@pytest.mark.parametrize("who", ["other board", "other coach"])
def test_other_units_get_nothing(reported, party: Party, who: str):
    client = _client(party, who)
    for name in VIEWS:
        assert client.get(reverse(name, args=[reported.public_id])).status_code == 404


def test_without_an_account_the_report_asks_for_a_login(reported):
    for name in VIEWS:
        response = Client().get(reverse(name, args=[reported.public_id]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_report_allows_its_own_stylesheet_by_hash_and_nothing_inline_else(
    reported, party: Party
):
    response = _client(party, "board").get(reverse("results:analysis", args=[reported.public_id]))

    policy = response["Content-Security-Policy"]
    style_src = next(d for d in policy.split(";") if d.strip().startswith("style-src"))
    assert "'self'" in style_src
    assert "'sha256-" in style_src
    assert "unsafe-inline" not in policy
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]
    assert "<script" not in response.content.decode().lower()


def test_the_hashes_cover_style_elements_and_attributes_exactly():
    document = '<style>p{color:red}</style><p style="margin: 0">x</p>'

    sources = inline_style_sources(document)

    # echo -n 'p{color:red}' | openssl dgst -sha256 -binary | base64
    assert "'sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64='" in sources
    assert "'unsafe-hashes'" in sources
    assert len(sources) == 3
    assert inline_style_sources("<p>no style</p>") == []


def test_the_json_download_is_the_stored_result(reported, party: Party, result: dict):
    response = _client(party, "coach").get(
        reverse("results:analysis_json", args=[reported.public_id])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="wonen-analysis.json"'
    assert json.loads(response.content) == json.loads(json.dumps(result))


def test_the_pdf_download_is_a_pdf(reported, party: Party):
    response = _client(party, "coordinator").get(
        reverse("results:analysis_pdf", args=[reported.public_id])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_panel_without_a_result_has_no_report(reported, party: Party):
    PanelAnalysis.objects.filter(panel=reported).update(result=None, error="builtins.ValueError")
    client = _client(party, "board")

    for name in VIEWS:
        assert client.get(reverse(name, args=[reported.public_id])).status_code == 404
    page = client.get(reverse("panels:detail", args=[reported.public_id])).content.decode()
    assert "De analyse is niet gelukt" in page


def test_the_panel_page_links_to_the_report_once_it_exists(reported, party: Party):
    client = _client(party, "board")
    detail = reverse("panels:detail", args=[reported.public_id])
    report = reverse("results:analysis", args=[reported.public_id])

    assert report in client.get(detail).content.decode()

    PanelAnalysis.objects.filter(panel=reported).delete()
    page = client.get(detail).content.decode()
    assert report not in page
    assert "De analyse wordt gemaakt" in page


def test_a_staff_member_who_chose_english_reads_the_report_in_english(reported, party: Party):
    from django.conf import settings

    client = _client(party, "board")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("results:analysis", args=[reported.public_id])).content.decode()

    assert '<html lang="en"' in page
    assert "Summary" in page
    assert "Samenvatting" not in page
    assert "Hoe reist u meestal?" in page  # the questions stay in the party's language
