"""A small synthetic panel with known properties, for the engine and command tests.

Population: 4,000 members; young members answer less often and agree more
with ``stelling_1``, so weighting to the population must raise its agreement.
"""

from __future__ import annotations

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
    Population,
    Question,
    Responses,
    Scale,
)
from ledenpanel.kernel.questionnaire.schema import AGREE_5, DONT_KNOW

# The app's standard 5-point agree scale with "weet niet".
AGREE = (
    *(Choice(name, label) for name, label in AGREE_5),
    Choice(*DONT_KNOW, dont_know=True),
)
AGES = ("jong", "midden", "oud")
GENDERS = ("man", "vrouw")
THEMES = (
    "betaalbare huurwoningen bouwen voor starters en jongeren",
    "wachtlijsten in de zorg en ouderenzorg aanpakken",
    "veilige fietspaden en openbaar vervoer in de regio",
)


def form() -> Form:
    statements = tuple(
        Question(f"stelling_{n}", SELECT_ONE, f"Stelling {n}", AGREE, Scale.AGREE)
        for n in range(1, 7)
    )
    parts = (Choice("wonen", "Wonen"), Choice("zorg", "Zorg"), Choice("klimaat", "Klimaat"))
    return Form(
        "Testpanel",
        (
            *statements,
            Question("keuze", SELECT_ONE, "Voorkeur", (Choice("1", "Een"), Choice("2", "Twee"))),
            Question("meer", SELECT_MULTIPLE, "Welke?", parts),
            Question("volgorde", RANK, "Volgorde", parts),
            Question("punten", POINTS, "Verdeel 100 punten", parts, points_total=100),
            Question("uren", DECIMAL, "Uren per maand"),
            Question("open", TEXT, "Wat wilt u nog kwijt?"),
        ),
    )


def panel(respondents: int = 800, *, seed: int = 7, open_link: int = 0):
    """(form, responses, population); ``open_link`` extra non-member responses."""
    rng = np.random.default_rng(seed)
    members = 4000
    age = rng.choice(AGES, members, p=[0.3, 0.4, 0.3])
    gender = rng.choice(GENDERS, members)
    propensity = np.where(age == "jong", 0.1, np.where(age == "midden", 0.25, 0.4))
    chosen = rng.choice(members, respondents, replace=False, p=propensity / propensity.sum())
    population = Population(
        columns={"age": age.tolist(), "gender": gender.tolist()}, count=[1] * members
    )
    total = respondents + open_link
    answers: dict[str, list] = {}
    young = np.concatenate([age[chosen] == "jong", np.zeros(open_link, bool)])
    side = rng.integers(0, 2, total)  # two opinion groups
    for n in range(1, 7):
        lean = np.where(side == 0, 0.5, 3.5) if n <= 4 else np.full(total, 2.0)
        if n == 1:
            lean = np.where(young, 0.5, lean)
        position = np.clip(np.round(lean + rng.normal(0, 0.7, total)), 0, 4).astype(int)
        values = [AGREE[p].name for p in position]
        answers[f"stelling_{n}"] = [
            "weet_niet" if r < 0.05 else v for v, r in zip(values, rng.random(total), strict=True)
        ]
    answers["keuze"] = list(rng.choice(["1", "2"], total))
    names = ["wonen", "zorg", "klimaat"]
    answers["meer"] = [
        frozenset(x for x in names if rng.random() < 0.5) or None for _ in range(total)
    ]
    answers["volgorde"] = [tuple(rng.permutation(names)) for _ in range(total)]
    answers["punten"] = [{"wonen": 50.0, "zorg": 30.0, "klimaat": 20.0}] * total
    answers["uren"] = [float(v) for v in rng.integers(0, 20, total)]
    answers["open"] = [
        f"{THEMES[int(rng.integers(3))]} {' '.join(rng.choice(['graag', 'echt', 'nu'], 3))}"
        for _ in range(total)
    ]
    background = {
        "age": [str(v) for v in age[chosen]] + [None] * open_link,
        "gender": [str(v) for v in gender[chosen]] + [None] * open_link,
    }
    is_open = [False] * respondents + [True] * open_link if open_link else None
    return form(), Responses(answers=answers, background=background, is_open=is_open), population


# The questions of the files the `ledenpanel analyse` tests write (the ``files``
# fixture in tests/analysis/conftest.py), in their order: a part of ``form()``.
COMMAND_QUESTIONS = (
    "stelling_1",
    "stelling_2",
    "stelling_3",
    "stelling_4",
    "keuze",
    "meer",
    "uren",
    "open",
)
