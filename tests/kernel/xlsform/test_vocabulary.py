"""The XLSForm vocabulary both readers use: columns, types and the label language."""

from __future__ import annotations

import pytest

from ledenpanel.kernel.xlsform.vocabulary import (
    METADATA,
    column_positions,
    label_order,
    language_code,
    parse_header,
    parse_type,
)

# -- columns ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "read"),
    [
        ("label::English (en)", ("label", "English (en)")),
        ("Label :: Nederlands (nl) ", ("label", "Nederlands (nl)")),
        ("hint::nl", ("hint", "nl")),
        ("label", ("label", None)),
        # pyxform's other spellings: the two the analysis knew, the seven the
        # import knew, and the settings' ones neither knew.
        ("list name", ("list_name", None)),
        ("List  Name", ("list_name", None)),
        ("caption::English", ("label", "English")),
        ("value", ("name", None)),
        ("relevance", ("relevant", None)),
        ("calculate", ("calculation", None)),
        ("read_only", ("readonly", None)),
        ("constraining_message", ("constraint_message", None)),
        ("requiredmsg", ("required_message", None)),
        ("title", ("form_title", None)),
        ("set_form_title", ("form_title", None)),
        ("set_form_id", ("form_id", None)),
        ("$autoname", ("$autoname", None)),
    ],
)
def test_a_header_is_read_as_its_base_and_language(
    header: str, read: tuple[str, str | None]
) -> None:
    assert parse_header(header) == read


def test_a_column_spelled_as_here_wins_over_an_alias_and_else_the_first() -> None:
    headers = ["list_name", "value", "label", "name", "", "caption", "label"]

    assert column_positions(headers) == {
        ("list_name", None): 0,
        ("label", None): 2,
        ("name", None): 3,
    }


# -- types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "base"),
    [
        ("select_one yn", "select", "select_one"),
        ("Select One yn", "select", "select_one"),
        ("select1 yn", "select", "select_one"),
        ("select all that apply topics", "select", "select_multiple"),
        ("rank prio", "select", "rank"),
        ("integer", "answer", "integer"),
        ("int", "answer", "integer"),
        ("string", "answer", "text"),
        ("phone number", "answer", "text"),
        ("dateTime", "answer", "datetime"),
        ("date time", "answer", "datetime"),
        ("photo", "answer", "image"),
        ("gps", "answer", "geopoint"),
        ("location", "answer", "geopoint"),
        ("range", "answer", "range"),
        ("note", "silent", "note"),
        ("calculate", "silent", "calculate"),
        ("start", "metadata", "start"),
        ("start time", "metadata", "start"),
        ("get today", "metadata", "today"),
        ("imei", "metadata", "deviceid"),
        ("uri:username", "metadata", "username"),
        ("phonenumber", "metadata", "phonenumber"),
        ("begin group", "begin", "group"),
        ("begin_group", "begin", "group"),
        ("End  Repeat", "end", "repeat"),
        ("begin looped group", "begin", "repeat"),
        ("begin_kobomatrix", "begin", "matrix"),
        ("begin_score", "begin", "score"),
        ("end_rank", "end", "rank"),
        ("select_one", "unknown", "select_one"),
        ("selct_one yn", "unknown", "selct_one yn"),
    ],
)
def test_a_type_cell_is_sorted_after_pyxforms_aliases(raw: str, kind: str, base: str) -> None:
    xls = parse_type(raw)

    assert (xls.kind, xls.base) == (kind, base)


def test_a_select_keeps_its_list_names_case_and_or_other() -> None:
    xls = parse_type("select_one  Kleuren  OR_OTHER")

    assert (xls.list_name, xls.or_other, xls.external, xls.raw) == (
        "Kleuren",
        True,
        False,
        "select_one Kleuren OR_OTHER",
    )


@pytest.mark.parametrize(
    ("raw", "base"),
    [
        ("select_one_from_file regios.csv", "select_one"),
        ("select_multiple_from_file regios.csv", "select_multiple"),
        ("select_one_external wijk", "select_one"),
    ],
)
def test_a_select_with_its_choices_elsewhere_is_external(raw: str, base: str) -> None:
    xls = parse_type(raw)

    assert (xls.kind, xls.base, xls.list_name, xls.external) == ("select", base, "", True)


def test_metadata_types_are_also_the_names_exports_use_for_them() -> None:
    assert {"start", "end", "today", "deviceid", "imei", "username", "audit"} <= METADATA
    assert all(parse_type(name).kind == "metadata" for name in METADATA)


# -- label language --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "default_language", "order"),
    [
        # The settings' default_language, exactly as written, then its code.
        (["English (en)", "Nederlands (nl)", None], "Nederlands (nl)", ["Nederlands (nl)", None]),
        (["English (en)", "nl", None, "Dutch"], "Nederlands (nl)", ["nl", "Dutch", None]),
        (["English", "Nederlands (nl)"], "English (en)", ["English", "Nederlands (nl)"]),
        # Without one: the plain column (pyxform's default language), then sheet order.
        (["English (en)", None, "Türkçe (tr)"], "", [None, "English (en)", "Türkçe (tr)"]),
        (["Türkçe (tr)", "English (en)"], "", ["Türkçe (tr)", "English (en)"]),
        # A default_language no column has: the plain column stands in.
        ([None, "English (en)"], "Frysk (fy)", [None, "English (en)"]),
    ],
)
def test_label_columns_are_preferred_in_one_documented_order(
    keys: list[str | None], default_language: str, order: list[str | None]
) -> None:
    result = label_order(keys, default_language)

    assert result[: len(order)] == order
    assert sorted(result, key=str) == sorted(keys, key=str)


@pytest.mark.parametrize(
    ("key", "code"),
    [("English (en)", "en"), ("English", "en"), ("en", "en"), ("Dutch", "nl"), ("pt-BR", "pt-BR")],
)
def test_a_language_key_gives_its_code(key: str, code: str) -> None:
    assert language_code(key) == code
