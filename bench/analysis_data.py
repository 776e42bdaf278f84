"""A synthetic national panel for the analysis benchmark: form, responses, population.

42,000 members in the population with age, gender, region and membership
length; 10,000 respond, with response depending on age and tenure (so the
weights have work to do); 40 questions: 20 agree statements in three planted
opinion groups, 6 ratings, 5 single choices, 2 multiple choices, a ranking,
a points division, 1 number and 4 open questions with Dutch answers on a few
themes each.
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
RATING = tuple(Choice(str(point), str(point)) for point in range(11))
AGES = ("16-34", "35-49", "50-64", "65-79", "80+")
GENDERS = ("man", "vrouw")
REGIONS = tuple(f"regio-{n:02d}" for n in range(1, 13))
TENURES = ("<2", "2-5", "5-10", "10-20", "20+")
TOPICS = (
    ("wonen", "betaalbare huurwoningen bouwen voor jongeren en starters in de gemeente"),
    ("zorg", "de wachtlijsten in de zorg en de ouderenzorg in de buurt verbeteren"),
    ("klimaat", "windmolens zonnepanelen en isolatie van huizen voor het klimaat"),
    ("vereniging", "meer ledenvergaderingen en inspraak voor leden van de afdeling"),
    ("onderwijs", "kleinere klassen en meer leraren op de basisschool"),
    ("verkeer", "veilige fietspaden en beter openbaar vervoer in de regio"),
)
FILLER = "ik vind dat we echt meer moeten doen aan dit punt want het raakt veel mensen".split()


def _choices(prefix: str, count: int) -> tuple[Choice, ...]:
    return tuple(Choice(f"{prefix}{n}", f"Optie {n}") for n in range(1, count + 1))


def build_form() -> Form:
    questions = [
        Question(f"stelling_{n:02d}", SELECT_ONE, f"Stelling {n}", AGREE, Scale.AGREE)
        for n in range(1, 21)
    ]
    questions += [
        Question(f"cijfer_{n}", SELECT_ONE, f"Rapportcijfer {n}", RATING, Scale.RATING)
        for n in range(1, 7)
    ]
    questions += [
        Question(f"keuze_{n}", SELECT_ONE, f"Keuze {n}", _choices("k", 4)) for n in range(1, 6)
    ]
    questions += [
        Question(f"meer_{n}", SELECT_MULTIPLE, f"Meerkeuze {n}", _choices("m", 6))
        for n in range(1, 3)
    ]
    questions.append(Question("rangorde", RANK, "Zet in volgorde", _choices("r", 5)))
    questions.append(
        Question("punten", POINTS, "Verdeel 100 punten", _choices("p", 4), points_total=100)
    )
    questions.append(Question("uren", DECIMAL, "Uren per maand voor de partij"))
    questions += [Question(f"open_{n}", TEXT, f"Open vraag {n}") for n in range(1, 5)]
    return Form("Benchmark: nationaal ledenpanel", tuple(questions))


def build_population(rng: np.random.Generator, members: int) -> tuple[Population, dict]:
    people = {
        "age": rng.choice(AGES, members, p=[0.15, 0.2, 0.3, 0.27, 0.08]),
        "gender": rng.choice(GENDERS, members, p=[0.55, 0.45]),
        "region": rng.choice(REGIONS, members),
        "tenure": rng.choice(TENURES, members, p=[0.15, 0.25, 0.25, 0.2, 0.15]),
    }
    columns = {name: values.tolist() for name, values in people.items()}
    return Population(columns=columns, count=[1] * members), people


def _open_answer(rng: np.random.Generator, topics: list[int]) -> str | None:
    if rng.random() < 0.25:
        return None
    topic = TOPICS[topics[int(rng.integers(len(topics)))]][1].split()
    words = list(rng.choice(topic, size=int(rng.integers(6, 12))))
    words += list(rng.choice(FILLER, size=int(rng.integers(8, 25))))
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def build_responses(
    rng: np.random.Generator, people: dict, form: Form, respondents: int
) -> Responses:
    members = len(people["age"])
    propensity = 0.12 + 0.06 * np.searchsorted(AGES, people["age"]) / 4
    propensity += 0.08 * np.searchsorted(TENURES, people["tenure"]) / 4
    chosen = rng.choice(members, size=respondents, replace=False, p=propensity / propensity.sum())
    background = {name: [str(v) for v in values[chosen]] for name, values in people.items()}
    group = rng.integers(0, 3, respondents)  # three planted opinion groups
    leaning = rng.normal(0, 1.2, (3, 20))
    answers: dict[str, list] = {}
    for question in form.questions:
        answers[question.name] = _answers(rng, question, group, leaning, respondents)
    return Responses(answers=answers, background=background)


def _answers(rng, question: Question, group, leaning, n: int) -> list:
    if question.scale == Scale.AGREE:
        column = int(question.name[-2:]) - 1
        latent = leaning[group, column] + rng.normal(0, 0.8, n)
        position = np.clip(np.round(latent + 2), 0, 4).astype(int)
        names = [choice.name for choice in question.choices]
        values = [names[p] for p in position]
        return [
            None if r < 0.03 else ("weet_niet" if r < 0.1 else v)
            for v, r in zip(values, rng.random(n), strict=True)
        ]
    if question.scale == Scale.RATING:
        return [str(int(v)) for v in np.clip(np.round(rng.normal(6.5, 1.8, n)), 0, 10)]
    if question.type == SELECT_ONE:
        return list(rng.choice([c.name for c in question.choices], n, p=[0.4, 0.3, 0.2, 0.1]))
    if question.type == SELECT_MULTIPLE:
        names = [c.name for c in question.choices]
        return [frozenset(name for name in names if rng.random() < 0.35) or None for _ in range(n)]
    if question.type == RANK:
        names = [c.name for c in question.choices]
        return [tuple(rng.permutation(names)) for _ in range(n)]
    if question.type == POINTS:
        names = [c.name for c in question.choices]
        splits = rng.dirichlet([2, 1.5, 1, 0.5], n) * 100
        return [dict(zip(names, np.round(row, 0).tolist(), strict=True)) for row in splits]
    if question.type == DECIMAL:
        return [
            None if r < 0.1 else float(v)
            for v, r in zip(np.round(rng.gamma(2, 3, n), 1), rng.random(n), strict=True)
        ]
    if question.type == TEXT:
        topics = [int(t) for t in rng.choice(len(TOPICS), 3, replace=False)]
        return [_open_answer(rng, topics) for _ in range(n)]
    raise ValueError(question.type)


def national_panel(members: int = 42_000, respondents: int = 10_000, seed: int = 1):
    rng = np.random.default_rng(seed)
    form = build_form()
    population, people = build_population(rng, members)
    return form, build_responses(rng, people, form, respondents), population
