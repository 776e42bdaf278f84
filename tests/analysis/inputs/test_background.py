"""Which columns the form does not know become crosstab variables."""

from __future__ import annotations

import pytest

from ledenpanel.analysis.inputs import choose_background, metadata_reason

N = 100


def _column(*categories: tuple[str | None, int]) -> list[str | None]:
    values: list[str | None] = []
    for value, count in categories:
        values += [value] * count
    return values


REGION = _column(("Noord", 40), ("Zuid", 35), ("Oost", 25))


@pytest.mark.parametrize(
    "name",
    [
        "_id",
        "X_id",
        "_uuid",
        "X_uuid",
        "_index",
        "X_index",
        "_submission_time",
        "X_submission_time",
        "audit_URL",
        "foto_URL",
        "_version_",
        "__version__",
        "X__version__",
        "meta/instanceID",
        "meta.instanceID",
        "meta-instanceID",
        "formhub/uuid",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "_tags",
        "_id.1",
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "SubmissionDate",
        "instanceID",
        "submission_time",
        "uuid",
    ],
)
def test_kobo_and_odk_metadata_in_any_renaming_are_never_background(name):
    assert metadata_reason(name) is not None
    chosen = choose_background({name: REGION, "region": REGION})
    assert chosen.crosstab == ["region"]
    assert name in chosen.skipped
    assert name in chosen.hard


@pytest.mark.parametrize("name", ["region", "status", "leeftijd", "key", "afdeling", "lid_sinds"])
def test_a_boards_own_column_names_are_not_metadata(name):
    assert metadata_reason(name) is None


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ([None] * N, "empty"),
        (["ja"] * N, "one value for everyone"),
        ([str(i) for i in range(N)], "identifier-like"),
        (_column(("a", 40)) + [f"opmerking {i}" for i in range(60)], "identifier-like"),
        (_column(("a", 20), ("b", 20), (None, 60)), "fewer than half"),
    ],
)
def test_columns_that_do_not_look_like_background_are_named_with_a_reason(values, reason):
    chosen = choose_background({"kolom": values})

    assert chosen.crosstab == []
    assert reason.split(":")[0] in chosen.skipped["kolom"]
    assert any("kolom" in note for note in chosen.notes())


@pytest.mark.parametrize("name", ["oude_groep/vraag", "vraag/optie", "vraag.optie", "grp:q"])
def test_question_paths_are_not_background(name):
    chosen = choose_background({name: REGION})

    assert chosen.crosstab == []
    assert "question path" in chosen.skipped[name]


def test_small_categories_are_merged_into_overig():
    values = _column(("A", 30), ("B", 30), ("C", 25), ("D", 6), ("E", 5), ("F", 4))

    chosen = choose_background({"afdeling": values}, min_group=10)

    assert chosen.crosstab == ["afdeling"]
    assert chosen.columns["afdeling"].count("overig") == 15
    assert chosen.merged == {"afdeling": ["D", "E", "F"]}
    assert any('3 small categories merged into "overig"' in n for n in chosen.notes())


def test_one_small_category_alone_is_not_renamed():
    values = _column(("A", 50), ("B", 45), ("C", 5))

    chosen = choose_background({"afdeling": values}, min_group=10)

    assert chosen.columns["afdeling"] == values
    assert chosen.merged == {}


def test_more_than_twelve_categories_after_merging_is_left_out():
    values = [f"gemeente_{i % 15}" for i in range(300)]

    chosen = choose_background({"gemeente": values}, min_group=10)

    assert chosen.crosstab == []
    assert "more than 12 categories" in chosen.skipped["gemeente"]


def test_nothing_left_after_merging_is_left_out():
    values = [f"g{i % 20}" for i in range(100)]  # 20 groups of 5

    chosen = choose_background({"wijk": values}, min_group=10)

    assert "fewer than two categories" in chosen.skipped["wijk"]


def test_the_number_of_crosstab_variables_is_bounded_unless_named():
    columns = {f"kenmerk_{n}": REGION for n in range(20)}

    automatic = choose_background(columns)
    named = choose_background(columns, requested=["kenmerk_3", "kenmerk_15"])

    assert automatic.crosstab == [f"kenmerk_{n}" for n in range(8)]
    assert "name them with --by" in automatic.skipped["kenmerk_19"]
    assert named.crosstab == ["kenmerk_3", "kenmerk_15"]


def test_weighting_and_population_variables_keep_their_categories():
    values = _column(("A", 50), ("B", 40), ("C", 6), ("D", 4))
    many = [f"gemeente_{i % 15}" for i in range(N)]

    chosen = choose_background({"regio": values, "gemeente": many}, raw={"regio", "gemeente"})

    assert chosen.columns["regio"] == values  # unmerged, to match the population
    assert chosen.crosstab == ["regio"]
    assert chosen.columns["gemeente"] == many  # for weighting, not for crosstabs
    assert "more than 12 categories" in chosen.skipped["gemeente"]


def test_a_named_column_passes_the_soft_rules_never_the_hard_ones():
    mostly_unknown = _column(("a", 20), ("b", 20), (None, 60))

    chosen = choose_background(
        {"oud": mostly_unknown, "_id": [str(i) for i in range(N)]}, requested=["oud", "_id"]
    )

    assert chosen.crosstab == ["oud"]
    assert "_id" in chosen.hard


def test_every_note_carries_a_code_and_params_for_the_reports_language():
    columns = {
        "_id": [str(i) for i in range(N)],
        "region": REGION,
        "afdeling": _column(("A", 40), ("B", 45), ("D", 6), ("E", 5), ("F", 4)),
        "gemeente": [f"gemeente_{i % 15}" for i in range(N)],  # 15 groups under 10
    }

    notes = choose_background(columns, min_group=10).coded_notes()

    assert [(note.code, note.params) for note in notes] == [
        ("crosstab_variables", {"variables": ["region", "afdeling"]}),
        (
            "categories_merged",
            {
                "variable": "afdeling",
                "count": 3,
                "categories": ["D", "E", "F"],
                "more": 0,
                "merged": "overig",
            },
        ),
        (
            "columns_skipped",
            {"reason": "export_metadata", "count": 1, "columns": ["_id"], "more": 0},
        ),
        (
            "columns_skipped",
            {
                "reason": "too_few_categories",
                "min_group": 10,
                "count": 1,
                "columns": ["gemeente"],
                "more": 0,
            },
        ),
    ]
    assert notes[2].message == "1 column not used for crosstabs (export metadata): _id"
