"""A closed panel is analysed by the worker and the result kept (and run again on demand)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ledenpanel.analysis.data import Responses
from ledenpanel.analysis.report import render_html
from ledenpanel.closing.models import PanelClosing
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition
from ledenpanel.results.analysis_input import unit_value_labels
from ledenpanel.results.models import PanelAnalysis
from ledenpanel.results.services import AnalysisError, _error_text, panel_analyse
from ledenpanel.results.tasks import panel_analyse_task
from tests.builders import (
    FORM_NAMES,
    Party,
    closed_every_type_panel,
    every_type_questionnaire,
    national_panel,
    staff_with_role,
    submit_every_type,
    use_questionnaire,
    verified_client,
)
from tests.support.report_result import build_result

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text()
)


def test_closing_a_panel_stores_an_analysis_that_follows_the_schema(analysed):
    analysis = PanelAnalysis.objects.get(panel=analysed)

    assert analysis.error == ""
    result = analysis.result
    jsonschema.validate(result, SCHEMA)
    assert result["results_withheld"] is False
    assert result["n_responses"] == 30
    assert [q["name"] for q in result["questions"]] == list(FORM_NAMES)
    assert result["min_group"] == PanelClosing.objects.get(panel=analysed).min_group
    assert analysis.computed_at is not None
    assert analysis.seconds > 0


def test_the_analysis_compares_with_the_population_taken_at_opening(analysed):
    result = PanelAnalysis.objects.get(panel=analysed).result
    invited = analysed.invitations.count()

    assert result["population_size"] == invited  # the whole party was invited
    assert result["response"]["invited"] == invited
    assert result["response_rate"] == pytest.approx(30 / invited, abs=1e-4)


def test_a_larger_panel_is_weighted_and_broken_down_by_the_bands_kept_at_close(
    party: Party, django_capture_on_commit_callbacks
):
    panel = national_panel(party, per_branch={"A1": 45, "A2": 40, "B1": 45})
    use_questionnaire(panel, every_type_questionnaire())
    submit_every_type(panel, 110)
    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)

    coding = PanelClosing.objects.get(panel=panel).coding["variables"]
    analysis = PanelAnalysis.objects.get(panel=panel)
    assert analysis.error == ""
    result = analysis.result
    jsonschema.validate(result, SCHEMA)
    assert "region" in coding  # A1 and A2 (region G1) answered more than k each
    assert "region" in result["weighting"]["variables"]
    assert "region" in [variable["name"] for variable in result["groups"]["variables"]]
    # The population is the opening's, coded as the responses were.
    in_g1 = sum(
        count for key, count in panel.opening.population_bands.items() if key.split("|")[2] == "G1"
    )
    [region] = [v for v in result["representativeness"]["variables"] if v["name"] == "region"]
    assert {c["name"]: c["population"] for c in region["categories"]}["G1"] == in_g1


def test_the_analysis_logs_no_answer(analysed, caplog):
    # The panel was closed and analysed while the fixture set it up.
    text = "\n".join(record.getMessage() for record in caplog.get_records("setup"))
    assert "analysed" in text
    for answer in ("betaalbaar wonen", "spreekuur", "helemaal_eens", "trein"):
        assert answer not in text


def test_a_panel_below_k_gets_the_counts_only(party: Party, django_capture_on_commit_callbacks):
    panel = closed_every_type_panel(party, django_capture_on_commit_callbacks, respondents=6)

    result = PanelAnalysis.objects.get(panel=panel).result

    jsonschema.validate(result, SCHEMA)
    assert result["results_withheld"] is True
    assert result["n_responses"] == 6
    assert result["questions"] == []


def test_running_it_again_replaces_the_result_with_the_same_figures(analysed):
    first = PanelAnalysis.objects.get(panel=analysed)

    again = panel_analyse(panel=analysed)

    assert PanelAnalysis.objects.filter(panel=analysed).count() == 1
    assert again.pk == first.pk
    assert again.computed_at > first.computed_at
    without_timings = {key: value for key, value in again.result.items() if key != "timings"}
    assert without_timings == {k: v for k, v in first.result.items() if k != "timings"}


def test_the_command_runs_it_again_for_a_closed_panel(analysed, capsys):
    before = PanelAnalysis.objects.get(panel=analysed).computed_at

    call_command("analyse_panel", str(analysed.public_id))

    assert f"analysed {analysed.public_id}: 30 responses" in capsys.readouterr().out
    assert PanelAnalysis.objects.get(panel=analysed).computed_at > before


def test_the_command_refuses_a_panel_that_is_not_closed(party: Party):
    with pytest.raises(CommandError, match="1 of 1"):
        call_command("analyse_panel", str(party.panel_a1.public_id))
    with pytest.raises(CommandError, match="not a panel id"):
        call_command("analyse_panel", "nonsense")
    assert not PanelAnalysis.objects.exists()


def test_an_open_panel_is_not_analysed(party: Party):
    panel = national_panel(party, per_branch={"A1": 2})

    with pytest.raises(AnalysisError):
        panel_analyse(panel=panel)
    assert panel_analyse_task.call(panel.pk) == "not closed"
    assert panel_analyse_task.call(0) == "gone"


def test_a_failure_is_recorded_by_type_and_place_never_by_message():
    def engine_step(answer: str) -> None:
        raise ValueError(f"cannot read {answer!r}")

    try:
        engine_step("MIJN-GEHEIME-MENING")
    except ValueError as exc:
        text = _error_text(exc)

    assert text.startswith("builtins.ValueError")
    assert "engine_step" in text
    assert "MIJN-GEHEIME-MENING" not in text


def test_the_responses_export_and_the_xlsform_give_the_command_line_the_same_figures(
    analysed, party: Party, tmp_path
):
    """What a board downloads runs through `ledenpanel analyse` to the app's own figures."""
    from django.urls import reverse

    from ledenpanel.cli import main
    from ledenpanel.organisations.models import RoleKind

    board = verified_client(staff_with_role(party.national, RoleKind.BOARD, "nb@example.org"))
    # Open answers are in the export only when the board includes them; the
    # figures of the open questions (answer counts) need them.
    board.post(reverse("results:export_open_answers", args=[analysed.public_id]), {"include": "1"})
    form = board.get(reverse("panels:xlsform_export", args=[analysed.public_id]))
    export = board.get(reverse("results:responses_csv", args=[analysed.public_id]))
    assert form.status_code == export.status_code == 200
    (tmp_path / "vragen.xlsx").write_bytes(form.content)
    (tmp_path / "antwoorden.csv").write_bytes(b"".join(export.streaming_content))

    code = main(
        [
            "analyse",
            str(tmp_path / "vragen.xlsx"),
            str(tmp_path / "antwoorden.csv"),
            "--out",
            str(tmp_path / "uit"),
        ]
    )

    assert code == 0
    import json

    from_files = json.loads((tmp_path / "uit" / "analysis.json").read_text(encoding="utf-8"))
    in_app = PanelAnalysis.objects.get(panel=analysed).result
    assert [q["name"] for q in from_files["questions"]] == list(FORM_NAMES)

    def counts(result: dict) -> dict:
        return {
            q["name"]: (q["n_valid"], [o.get("count") for o in q.get("options", [])])
            for q in result["questions"]
        }

    assert counts(from_files) == counts(in_app)


def test_a_panel_below_k_has_no_responses_export(party: Party, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from ledenpanel.organisations.models import RoleKind

    panel = closed_every_type_panel(party, django_capture_on_commit_callbacks, respondents=9)
    board = verified_client(staff_with_role(party.national, RoleKind.BOARD, "nb@example.org"))
    assert board.get(reverse("results:responses_csv", args=[panel.public_id])).status_code == 404


def test_the_sweep_queues_an_analysis_the_worker_lost(analysed):
    """close_due_panels (run every 10 minutes beside the worker) picks up a lost task."""
    from datetime import timedelta
    from io import StringIO

    from django.utils import timezone

    PanelAnalysis.objects.filter(panel=analysed).delete()  # as if the task were lost
    out = StringIO()
    call_command("close_due_panels", stdout=out)
    assert "analysis of" not in out.getvalue()  # too soon: its task may still be queued

    PanelClosing.objects.filter(panel=analysed).update(
        finished_at=timezone.now() - timedelta(hours=1)
    )
    call_command("close_due_panels", stdout=out)  # the immediate backend runs it

    assert f"analysis of {analysed.public_id} queued" in out.getvalue()
    assert PanelAnalysis.objects.get(panel=analysed).result["n_responses"] == 30


def test_the_report_names_regions_and_branches_not_their_codes(party: Party):
    responses = Responses(
        answers={},
        background={"region": ["G1", "G2", "G1", None], "branch": ["A1", "B1", "XX", "A1"]},
    )

    labels = unit_value_labels(responses)

    assert labels == {
        "region": {"G1": "Gewest Noord", "G2": party.region_2.name},
        "branch": {"A1": "Afdeling Aa", "B1": party.branch_b1.name},  # XX: no such unit
    }
    result = build_result(variables={"region": ["G1", "G2"]})
    result["value_labels"] = labels
    html = render_html(result)
    assert "Gewest Noord" in html
    assert ">G1<" not in html
