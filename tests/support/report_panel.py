"""A realistic panel for the report's content and page tests: run through the real
engine, so the report is checked against what ``analysis.json`` really holds.

``report_panel()`` gives (form, responses, population, options): a population of
members with age, gender and region (regions as unit codes, named through
``value_labels``); respondents who answer less often when young, so the weights
have work to do; a few open-link answers; every question type (agree
statements, a 0–10 rating, a single and a multiple choice, a ranking, a points
division, a number, an open question), a follow-up only a few answered and a
question nobody answered. Some crosstab groups are hidden: one region is small
and one region answers a statement unanimously.

``RATING``, ``AGREE`` and the other names are the panel's own, for the tests'
look-ups.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import numpy as np

from ledenpanel.analysis.data import (
    DECIMAL,
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Choice,
    Form,
    Options,
    Population,
    Question,
    Responses,
    Scale,
)
from ledenpanel.kernel.questionnaire.schema import AGREE_5, DONT_KNOW

AGREE = (
    *(Choice(name, label) for name, label in AGREE_5),
    Choice(*DONT_KNOW, dont_know=True),
)
RATING = tuple(Choice(str(point), str(point)) for point in range(11))
AGES = ("16-34", "35-49", "50-64", "65+")
GENDERS = ("man", "vrouw")
# Region codes and the names the report must print instead.
REGIONS = {
    "GW-NH": "Noord-Holland",
    "GW-ZH": "Zuid-Holland",
    "GW-UT": "Utrecht",
    "GW-GE": "Gelderland",
    "GW-DR": "Drenthe",  # small: its groups are hidden
}
PARTS = (Choice("wonen", "Wonen"), Choice("zorg", "Zorg"), Choice("klimaat", "Klimaat"))
THEMES = (
    "betaalbare huurwoningen bouwen voor starters en jongeren in de gemeente",
    "wachtlijsten in de zorg en de ouderenzorg in de buurt aanpakken",
    "veilige fietspaden en beter openbaar vervoer in de regio",
)
FILLER = "ik vind dat we echt meer moeten doen want het raakt veel mensen hier".split()


def report_form() -> Form:
    statements = tuple(
        Question(f"stelling_{n}", SELECT_ONE, label, AGREE, Scale.AGREE)
        for n, label in enumerate(
            (
                "Er moeten meer sociale huurwoningen komen.",
                "Nederland moet investeren in kernenergie.",
                "De afdeling moet vaker ledenvergaderingen houden.",
                "Het openbaar vervoer in de regio moet gratis worden.",
            ),
            1,
        )
    )
    return Form(
        "Ledenpanel voorjaar",
        (
            *statements,
            Question(
                "cijfer", SELECT_ONE, "Welk cijfer geeft u de afdeling?", RATING, Scale.RATING
            ),
            Question(
                "kanaal",
                SELECT_ONE,
                "Hoe wilt u het liefst bericht krijgen?",
                (Choice("email", "E-mail"), Choice("post", "Per post"), Choice("sms", "Sms")),
            ),
            Question(
                "onderwerpen", SELECT_MULTIPLE, "Over welke onderwerpen wilt u meepraten?", PARTS
            ),
            Question("volgorde", RANK, "Zet de onderwerpen in volgorde van belang", PARTS),
            Question("begroting", POINTS, "Verdeel 100 punten", PARTS, points_total=100),
            Question("uren", DECIMAL, "Hoeveel uur per maand besteedt u aan de partij?"),
            Question(
                "vervolg",
                SELECT_ONE,
                "Zo ja: hoe vaak?",
                (Choice("vaak", "Vaak"), Choice("soms", "Soms")),
            ),
            Question(
                "leeg",
                SELECT_ONE,
                "Een vraag die niemand beantwoordde",
                (Choice("ja", "Ja"), Choice("nee", "Nee")),
            ),
            Question("open", TEXT, "Wat wilt u de afdeling nog meegeven?"),
        ),
    )


def report_panel(
    respondents: int = 600, *, members: int = 3000, seed: int = 12, open_link: int = 8
):
    """(form, responses, population, options) of a weighted panel with hidden groups."""
    rng = np.random.default_rng(seed)
    region_codes = list(REGIONS)
    age = rng.choice(AGES, members, p=[0.2, 0.25, 0.3, 0.25])
    gender = rng.choice(GENDERS, members, p=[0.55, 0.45])
    region = rng.choice(region_codes, members, p=[0.3, 0.3, 0.2, 0.195, 0.005])
    population = Population(
        columns={"age": age.tolist(), "gender": gender.tolist(), "region": region.tolist()},
        count=[1] * members,
    )
    propensity = np.select([age == "16-34", age == "35-49", age == "50-64"], [0.1, 0.18, 0.25], 0.3)
    chosen = rng.choice(members, respondents, replace=False, p=propensity / propensity.sum())
    total = respondents + open_link
    regions = [str(v) for v in region[chosen]] + [None] * open_link
    young = np.array([str(v) == "16-34" for v in age[chosen]] + [False] * open_link)
    side = rng.integers(0, 2, total)
    answers: dict[str, list] = {}
    for n in range(1, 5):
        lean = np.where(side == 0, 0.8, 3.2) if n <= 2 else np.full(total, 2.5)
        if n == 1:
            lean = np.where(young, 3.8, lean)
        position = np.clip(np.round(lean + rng.normal(0, 0.8, total)), 0, 4).astype(int)
        values = [AGREE[p].name for p in position]
        answers[f"stelling_{n}"] = [
            None if r < 0.02 else ("weet_niet" if r < 0.07 else v)
            for v, r in zip(values, rng.random(total), strict=True)
        ]
    # Noord-Holland answers statement 3 unanimously: its row is hidden in that table.
    answers["stelling_3"] = [
        "helemaal_eens" if place == "GW-NH" else value
        for place, value in zip(regions, answers["stelling_3"], strict=True)
    ]
    grades = np.clip(np.round(rng.normal(7, 1.6, total)), 0, 10).astype(int)
    answers["cijfer"] = [str(g) for g in grades]
    answers["kanaal"] = list(rng.choice(["email", "post", "sms"], total, p=[0.7, 0.26, 0.04]))
    names = [part.name for part in PARTS]
    answers["onderwerpen"] = [
        frozenset(x for x in names if rng.random() < 0.45) or None for _ in range(total)
    ]
    answers["volgorde"] = [
        None if rng.random() < 0.1 else tuple(rng.permutation(names)) for _ in range(total)
    ]
    splits = rng.dirichlet([3, 2, 1], total) * 100
    answers["begroting"] = [
        dict(zip(names, [float(v) for v in np.round(row)], strict=True)) for row in splits
    ]
    answers["uren"] = [
        None if r < 0.08 else float(v)
        for v, r in zip(np.round(rng.gamma(2, 3, total), 1), rng.random(total), strict=True)
    ]
    # A follow-up only 24 answered: too few for most groups, unreliable overall.
    follow_up = set(rng.choice(total, 24, replace=False).tolist())
    answers["vervolg"] = [
        str(rng.choice(["vaak", "soms"])) if i in follow_up else None for i in range(total)
    ]
    answers["leeg"] = [None] * total
    answers["open"] = [
        None
        if rng.random() < 0.3
        else f"{THEMES[int(rng.integers(3))]} {' '.join(rng.choice(FILLER, 6))}".capitalize()
        for _ in range(total)
    ]
    background = {
        "age": [str(v) for v in age[chosen]] + [None] * open_link,
        "gender": [str(v) for v in gender[chosen]] + [None] * open_link,
        "region": regions,
    }
    is_open = [False] * respondents + [True] * open_link
    options = Options(
        weight_by=("age", "gender"),
        by=("age", "gender", "region"),
        labels={"age": "Leeftijd", "gender": "Gender", "region": "Regio"},
        value_labels={"region": dict(REGIONS)},
    )
    return (
        report_form(),
        Responses(answers=answers, background=background, is_open=is_open),
        population,
        options,
    )


BENCH_DATA = Path(__file__).resolve().parents[2] / "bench" / "analysis_data.py"
# The national demo panel's questions, one or more of each kind (bench/analysis_data.py).
NATIONAL_QUESTIONS = (
    *(f"stelling_{n:02d}" for n in range(1, 7)),
    "cijfer_1",
    "keuze_1",
    "meer_1",
    "rangorde",
    "punten",
    "uren",
    "open_1",
)


def national_ish_panel(members: int = 6000, respondents: int = 1500):
    """(form, responses, population, options): the benchmark's national panel
    (bench/analysis_data.py: age, gender, 12 regions and membership length; the
    same answers), smaller, with a part of its 40 questions: every kind, and
    crosstabs by all four variables, the 12 regions making the widest tables."""
    spec = importlib.util.spec_from_file_location("bench_analysis_data", BENCH_DATA)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    form, responses, population = bench.national_panel(members=members, respondents=respondents)
    kept = tuple(q for q in form.questions if q.name in NATIONAL_QUESTIONS)
    form = Form(form.title, kept)
    responses = Responses(
        answers={q.name: responses.answers[q.name] for q in kept},
        background=responses.background,
    )
    options = Options(
        weight_by=("age", "gender"),
        by=("age", "gender", "region", "tenure"),
        labels={"age": "Leeftijd", "gender": "Gender", "region": "Regio", "tenure": "Lidmaatschap"},
    )
    return form, responses, population, options


@cache
def realistic_result() -> dict:
    """The engine's result for ``report_panel()`` (computed once per test process)."""
    from ledenpanel.analysis.engine import analyse

    form, responses, population, options = report_panel()
    return analyse(form, responses, population=population, options=options)


@cache
def national_ish_result() -> dict:
    from ledenpanel.analysis.engine import analyse

    form, responses, population, options = national_ish_panel()
    return analyse(form, responses, population=population, options=options)
