"""The anonymity boundary in the schema: nothing pairs an answer with a member."""

from __future__ import annotations

import pytest
from django.db import models

from ledenpanel.responses.models import Draft, Envelope, Receipt, Response

ANSWER_MODELS = [Response, Draft, Envelope, Receipt]


@pytest.mark.parametrize("model", ANSWER_MODELS, ids=lambda model: model.__name__)
def test_it_has_a_random_primary_key(model):
    assert isinstance(model._meta.pk, models.UUIDField)


@pytest.mark.parametrize("model", ANSWER_MODELS, ids=lambda model: model.__name__)
def test_it_stores_no_time_or_date(model):
    assert not [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField | models.TimeField | models.DurationField)
    ]


@pytest.mark.parametrize("model", ANSWER_MODELS, ids=lambda model: model.__name__)
def test_it_refers_to_nothing_but_its_panel(model):
    relations = [field for field in model._meta.get_fields() if field.is_relation]
    assert [(field.name, field.related_model.__name__) for field in relations] == [
        ("panel", "Panel")
    ]


def test_a_response_holds_answers_and_bands_only():
    names = {field.name for field in Response._meta.get_fields()}
    assert names == {"id", "panel", "answers", "bands", "is_open", "evaluation"}
