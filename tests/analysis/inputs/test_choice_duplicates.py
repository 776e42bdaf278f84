"""Repeated choice names: refused only where pyxform refuses them."""

from __future__ import annotations

import pytest
from pyxform import xls2xform
from pyxform.errors import PyXFormError

from ledenpanel.analysis.inputs import InputError, read_form

QUESTION = [{"type": "select_one l", "name": "q", "label": "Q?"}]
USED = [
    {"list_name": "l", "name": "a", "label": "A"},
    {"list_name": "l", "name": "b", "label": "B"},
]
UNUSED_REPEAT = [
    {"list_name": "oud", "name": "x", "label": "X"},
    {"list_name": "oud", "name": "x", "label": "X again"},
]
USED_REPEAT = [*USED, {"list_name": "l", "name": "a", "label": "A, said again"}]
ALLOW = [{"form_title": "Peiling", "allow_choice_duplicates": "yes"}]


def _pyxform_accepts(path) -> bool:
    try:
        xls2xform.convert(xlsform=str(path), validate=False)
    except PyXFormError:
        return False
    return True


def test_an_unused_list_with_a_repeated_name_is_not_refused(make_form):
    path = make_form(QUESTION, [*USED, *UNUSED_REPEAT], ALLOW)

    form = read_form(path)

    assert [c.name for c in form.question("q").choices] == ["a", "b"]
    assert _pyxform_accepts(path)


def test_an_unused_list_is_ignored_as_pyxform_before_version_2_did(make_form):
    # pyxform 4 refuses this form without the setting; older pyxform (and forms
    # Kobo still holds) accepted it: never refuse what some pyxform accepted.
    form = read_form(make_form(QUESTION, [*USED, *UNUSED_REPEAT]))

    assert form.question("q") is not None


def test_allow_choice_duplicates_makes_one_option_of_a_repeated_name(make_form):
    path = make_form(QUESTION, USED_REPEAT, ALLOW)
    warnings = []

    form = read_form(path, warnings=warnings)

    assert [(c.name, c.label) for c in form.question("q").choices] == [("a", "A"), ("b", "B")]
    (note,) = [str(w) for w in warnings]
    assert '"a" in list l (row 4)' in note
    assert "allow_choice_duplicates" in note
    assert _pyxform_accepts(path)


@pytest.mark.parametrize("setting", ["yes", "Yes", "TRUE", "true()"])
def test_the_setting_reads_as_pyxform_reads_yes(make_form, setting):
    settings = [{"allow_choice_duplicates": setting}]

    assert read_form(make_form(QUESTION, USED_REPEAT, settings)).question("q")


def test_a_used_list_with_a_repeated_name_is_refused_without_the_setting(make_form):
    path = make_form(QUESTION, USED_REPEAT)

    with pytest.raises(InputError) as caught:
        read_form(path)

    assert [str(p) for p in caught.value.problems] == [
        f'{path}, sheet "choices", row 4, column "name": duplicate choice name "a" in list l'
    ]
    assert not _pyxform_accepts(path)
