"""A finished close hands the panel to the analysis, which results registers
with closing at start-up (closing sits below results and cannot import it)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from ledenpanel.closing import services
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.closing.services import panel_close
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition
from ledenpanel.results.models import PanelAnalysis
from tests.builders import Party, national_panel, submit_many


def test_a_finished_close_runs_the_analysis(party: Party, django_capture_on_commit_callbacks):
    panel = national_panel(party, per_branch={"A1": 12})
    submit_many(panel, 11)

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)

    assert PanelClosing.objects.get(panel=panel).stage == CloseStage.DONE
    assert PanelAnalysis.objects.filter(panel=panel).exists()


def test_without_an_analysis_to_follow_the_close_stops_before_done_and_resumes_later(
    party: Party, django_capture_on_commit_callbacks, monkeypatch
):
    panel = national_panel(party, per_branch={"A1": 12})
    submit_many(panel, 11)
    registered = list(services._AFTER_CLOSE)
    monkeypatch.setattr(services, "_AFTER_CLOSE", [])
    with django_capture_on_commit_callbacks(execute=False):
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)

    with pytest.raises(ImproperlyConfigured):
        panel_close(panel=panel)
    assert PanelClosing.objects.get(panel=panel).stage == CloseStage.KEYS_DESTROYED

    monkeypatch.setattr(services, "_AFTER_CLOSE", registered)
    with django_capture_on_commit_callbacks(execute=True):
        assert panel_close(panel=panel).stage == CloseStage.DONE
    assert PanelAnalysis.objects.filter(panel=panel).exists()
