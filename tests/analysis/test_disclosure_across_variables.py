"""No figure of a report, together with the others, gives away a small group.

An "attacker" takes every count the engine's result shows for a question (the
whole-panel figures and every shown crosstab row of every background
variable) and knows each respondent's background values (the worst case: a
board member who knows the neighbourhoods and who lives where). It subtracts
across tables: the panel minus a variable's shown groups, a shown group
minus the shown groups of another variable that lie inside it (an area minus
its neighbourhoods), the same again on what that gave, and — the strongest
form — any linear combination of the shown figures (least squares over the
finest combinations of background values). Whatever it derives must never be
a group of 1 to k − 1 respondents, nor a group a table hid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledenpanel.analysis.data import SELECT_ONE, Choice, Form, Options, Question, Responses
from ledenpanel.analysis.engine import analyse

K = 10
UNKNOWN = "_onbekend"
BY = ("gebied", "wijk", "leeftijd")
QUESTIONS = {"q1": ("ja", "nee"), "q2": ("a", "b", "c")}
FORM = Form(
    "Buurtpanel",
    tuple(
        Question(name, SELECT_ONE, name, tuple(Choice(o, o) for o in options))
        for name, options in QUESTIONS.items()
    ),
)

Set = frozenset[int]


def _members(fine: Sequence[str | None], names: Sequence[str], group: str) -> Set:
    """Who is in a shown group, from the public group names of its variable."""
    if group == UNKNOWN:
        return frozenset(i for i, v in enumerate(fine) if v is None)
    if group in {v for v in fine if v is not None}:
        return frozenset(i for i, v in enumerate(fine) if v == group)
    # A pooled group ("overig") holds every value that has no group of its own.
    named = set(names) - {group}
    return frozenset(i for i, v in enumerate(fine) if (UNKNOWN if v is None else v) not in named)


def _counts(values: Sequence[str | None], members: Set, options: Sequence[str]) -> np.ndarray:
    """Per option, and last "no answer": the distribution the attacker is after."""
    row = [sum(1 for i in members if values[i] == o) for o in options]
    return np.array([*row, len(members) - sum(row)], dtype=float)


def attack(
    result: Mapping, background: Mapping[str, list], answers: Mapping[str, list]
) -> list[str]:
    """Every small or hidden group the shown figures give away, described."""
    n = len(next(iter(answers.values())))
    everyone: Set = frozenset(range(n))
    variables = {v["name"]: v for v in (result["groups"] or {"variables": []})["variables"]}
    found: list[str] = []
    for question in result["questions"]:
        name = question["name"]
        if name not in answers:
            continue
        options = [o["name"] for o in question["options"]]
        counts = [o["count"] for o in question["options"]]
        shown: dict[Set, np.ndarray] = {everyone: np.array([*counts, n - sum(counts)], dtype=float)}
        by_variable: dict[str, list[Set]] = {}
        hidden: list[tuple[str, str, Set]] = []
        for table in (result["groups"] or {"tables": []})["tables"]:
            if table["question"] != name:
                continue
            variable = table["by"]
            names = [g["name"] for g in variables[variable]["groups"]]
            for row in table["groups"]:
                members = _members(background[variable], names, row["group"])
                if row["suppressed"]:
                    hidden.append((variable, row["group"], members))
                    continue
                row_counts = [o["count"] for o in row["options"]]
                assert sum(row_counts) == row["n"]
                shown[members] = np.array([*row_counts, len(members) - row["n"]], dtype=float)
                by_variable.setdefault(variable, []).append(members)
        # The figures are what they claim to be (else the attack proves nothing).
        for members, figures in shown.items():
            assert (figures == _counts(answers[name], members, options)).all()

        derived: dict[Set, np.ndarray] = dict(shown)
        for _round in range(2):
            for parent, figures in list(derived.items()):
                for children in by_variable.values():
                    inside = [c for c in children if c <= parent and c != parent]
                    if not inside:
                        continue
                    rest = parent - frozenset().union(*inside)
                    derived.setdefault(rest, figures - sum(shown[c] for c in inside))
        for members, figures in derived.items():
            assert (figures == _counts(answers[name], members, options)).all()
            if 0 < len(members) < K:
                found.append(f"{name}: a group of {len(members)} by subtraction: {figures}")

        # Any linear combination: over the finest background combinations.
        found += _linear(name, shown, background, hidden, n)
    return found


def _linear(
    question: str,
    shown: Mapping[Set, np.ndarray],
    background: Mapping[str, list],
    hidden: list[tuple[str, str, Set]],
    n: int,
) -> list[str]:
    keys = [tuple(background[v][i] for v in BY) for i in range(n)]
    atoms = sorted(set(keys), key=repr)
    index = {atom: position for position, atom in enumerate(atoms)}
    atom_of = [index[key] for key in keys]
    sizes = np.bincount(atom_of, minlength=len(atoms))

    def vector(members: Set) -> np.ndarray:
        x = np.zeros(len(atoms))
        for i in members:
            x[atom_of[i]] = 1.0
        share = np.bincount([atom_of[i] for i in members], minlength=len(atoms))
        # A shown group is a union of whole atoms.
        assert ((share == 0) | (share == sizes)).all()
        return x

    matrix = np.array([vector(members) for members in shown])

    def derivable(x: np.ndarray) -> bool:
        solution, *_ = np.linalg.lstsq(matrix.T, x, rcond=None)
        return bool(np.abs(matrix.T @ solution - x).max() < 1e-6)

    found = []
    for atom, size in zip(atoms, sizes, strict=True):
        x = np.zeros(len(atoms))
        x[index[atom]] = 1.0
        if size < K and derivable(x):
            found.append(f"{question}: {size} respondents {atom} by a linear combination")
    for variable, group, members in hidden:
        # The whole panel's figures are shown by design (docs/methodology.md).
        if members and len(members) < n and derivable(vector(members)):
            found.append(f"{question}: hidden group {variable}={group} ({len(members)}) recovered")
    return found


def _panel(
    wijk_sizes: list[int],
    area_of: list[int],
    ages: list[int],
    answers: list[tuple[int, int]],
    unanimous: set[int],
) -> tuple[dict[str, list], dict[str, list]]:
    wijk: list[str | None] = []
    for w, size in enumerate(wijk_sizes):
        wijk += [f"w{w}"] * size
    n = len(wijk)
    gebied = [f"g{area_of[int(str(w)[1:])]}" for w in wijk]
    leeftijd: list[str | None] = [
        None if ages[i % len(ages)] == 3 else f"l{ages[i % len(ages)]}" for i in range(n)
    ]
    q1: list[str | None] = []
    q2: list[str | None] = []
    for i, w in enumerate(wijk):
        a1, a2 = answers[i % len(answers)]
        if int(str(w)[1:]) in unanimous:  # a neighbourhood where everyone agrees
            a1, a2 = 0, 0
        q1.append(None if a1 == 2 else QUESTIONS["q1"][a1])
        q2.append(QUESTIONS["q2"][a2])
    return {"gebied": gebied, "wijk": wijk, "leeftijd": leeftijd}, {"q1": q1, "q2": q2}


def _analyse(background: dict[str, list], answers: dict[str, list]) -> dict:
    responses = Responses(answers=dict(answers), background=dict(background))
    return analyse(FORM, responses, options=Options(min_group=K, by=BY))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    wijk_sizes=st.lists(st.integers(1, 40), min_size=3, max_size=8),
    area_of=st.lists(st.integers(0, 2), min_size=8, max_size=8),
    ages=st.lists(st.integers(0, 3), min_size=1, max_size=40),
    answers=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=60),
    unanimous=st.sets(st.integers(0, 7), max_size=3),
)
def test_no_small_or_hidden_group_can_be_derived_across_nested_variables(
    wijk_sizes, area_of, ages, answers, unanimous
) -> None:
    background, answer_values = _panel(wijk_sizes, area_of, ages, answers, unanimous)
    result = _analyse(background, answer_values)
    if result["results_withheld"]:
        return
    assert attack(result, background, answer_values) == []


def test_an_area_minus_its_shown_neighbourhoods_does_not_give_the_hidden_one() -> None:
    """The issue's case: five households, all with the same answer."""
    sizes = {"w1": 5, "w2": 30, "w3": 40, "w4": 12, "w5": 50}
    wijk = [w for w, size in sizes.items() for _ in range(size)]
    gebied = ["A" if w in {"w1", "w2", "w3"} else "B" for w in wijk]
    leeftijd = ["jong" if i % 2 else "oud" for i in range(len(wijk))]
    q1 = ["ja" if w == "w1" or i % 3 else "nee" for i, w in enumerate(wijk)]
    q2 = ["a" if w == "w1" else "bc"[i % 2] for i, w in enumerate(wijk)]
    background = {"gebied": gebied, "wijk": wijk, "leeftijd": leeftijd}
    answers = {"q1": q1, "q2": q2}

    result = _analyse(background, answers)

    assert attack(result, background, answers) == []


def test_the_attacker_finds_what_plain_sibling_suppression_leaves_open() -> None:
    """The attacker itself works: one variable, shown groups summing to a small rest."""
    background = {"gebied": ["A"] * 30 + ["B"] * 30, "wijk": ["x"] * 55 + ["y"] * 5}
    background["leeftijd"] = ["l"] * 60
    answers = {"q1": ["ja"] * 60, "q2": ["a"] * 60}
    result = {
        "questions": [
            {"name": "q1", "options": [{"name": "ja", "count": 60}, {"name": "nee", "count": 0}]}
        ],
        "groups": {
            "variables": [{"name": "wijk", "groups": [{"name": "x"}, {"name": "y"}]}],
            "tables": [
                {
                    "question": "q1",
                    "by": "wijk",
                    "groups": [
                        {
                            "group": "x",
                            "n": 55,
                            "suppressed": False,
                            "options": [{"name": "ja", "count": 55}, {"name": "nee", "count": 0}],
                        },
                        {"group": "y", "n": None, "suppressed": True},
                    ],
                }
            ],
        },
    }
    found = attack(result, background, {"q1": answers["q1"]})
    assert any("a group of 5" in item for item in found)
    assert any("hidden group wijk=y" in item for item in found)
