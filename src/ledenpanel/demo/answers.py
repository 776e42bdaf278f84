"""Simulated members' answers with realistic patterns (pure: no Django).

Each simulated respondent gets a few latent traits from their background
bands (the same bands that travel sealed with a real answer): younger and
urban members lean progressive, long-standing members lean pragmatic and are
more active, and everyone has their own noise. Answers follow from the
traits, so the analysis finds real differences between age bands, regions
and membership lengths, two divided statements, one near-unanimous "open
door", some "weet niet", and who answers at all depends on age, membership
length and channel (a weighting step has non-response to correct).

Deterministic: the same seed and the same backgrounds give the same answers.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ledenpanel.demo import texts
from ledenpanel.demo.questionnaires import THEMES
from ledenpanel.kernel.questionnaire.schema import Question, Questionnaire, QuestionType
from ledenpanel.responses.answering import Answer, is_visible

AGE_YEARS = {"16-24": 20, "25-34": 30, "35-44": 40, "45-54": 50, "55-64": 60, "65-74": 70}
TENURE_YEARS = {"0-1": 1, "2-4": 3, "5-9": 7, "10-19": 14, "20+": 28}
URBAN_REGIONS = frozenset({"GW-NH", "GW-UT", "GW-ZH"})
# Cut points on the latent agree score for the five scale points.
CUTS = (-1.3, -0.45, 0.35, 1.2)


@dataclass(frozen=True)
class Traits:
    age: int
    tenure: int
    male: bool
    urban: bool
    progressive: float
    pragmatic: float
    engaged: float
    content: float

    @property
    def young(self) -> float:
        return (45 - self.age) / 20


def traits_for(background: Mapping[str, str], rng: random.Random) -> Traits:
    age = AGE_YEARS.get(background.get("age", ""), 80 if background.get("age") == "75+" else 55)
    tenure = TENURE_YEARS.get(background.get("tenure", ""), 7)
    urban = background.get("region", "") in URBAN_REGIONS
    young, senior = (45 - age) / 20, (tenure - 7) / 10
    return Traits(
        age=age,
        tenure=tenure,
        male=background.get("gender") == "M",
        urban=urban,
        progressive=0.45 * young + 0.35 * urban + rng.gauss(0, 1),
        pragmatic=0.6 * senior - 0.15 * young + rng.gauss(0, 1),
        engaged=0.45 * senior + 0.25 * (age >= 60) + rng.gauss(0, 1),
        content=0.25 * senior + 0.1 * (age >= 65) + rng.gauss(0, 1),
    )


def response_propensity(background: Mapping[str, str], channel: str) -> float:
    """Relative chance to answer: older, long-standing, e-mail members answer more."""
    age = AGE_YEARS.get(background.get("age", ""), 80 if background.get("age") == "75+" else 55)
    tenure = TENURE_YEARS.get(background.get("tenure", ""), 7)
    score = 0.025 * (age - 50) - 0.0004 * (age - 62) ** 2 + 0.04 * min(tenure, 25)
    return math.exp(score - (0.55 if channel == "letter" else 0.0))


def weighted_pick(weights: Sequence[float], count: int, rng: random.Random) -> list[int]:
    """``count`` indexes drawn without replacement in proportion to ``weights``
    (Efraimidis–Spirakis keys), returned in index order."""
    keys = sorted(
        ((rng.random() ** (1 / weight), index) for index, weight in enumerate(weights)),
        reverse=True,
    )
    return sorted(index for _key, index in keys[:count])


# --- one answer per question type -------------------------------------------


def agree(question: Question, latent: float, rng: random.Random, dont_know: float) -> str:
    options = question.answer_options
    if question.has_dont_know and rng.random() < dont_know:
        return next(option.name for option in question.options if option.dont_know)
    score = latent + rng.gauss(0, 0.8)
    if len(options) == 5:
        place = sum(score > cut for cut in CUTS)
    else:  # any other length: spread the cut points evenly
        place = min(len(options) - 1, max(0, int((score + 2) / 4 * len(options))))
    return options[place].name


def ranking(utilities: Mapping[str, float], rng: random.Random) -> dict[str, int]:
    noisy = {name: value + rng.gauss(0, 0.9) for name, value in utilities.items()}
    order = sorted(noisy, key=noisy.__getitem__, reverse=True)
    return {name: order.index(name) + 1 for name in utilities}


def points(utilities: Mapping[str, float], total: int, rng: random.Random) -> dict[str, int]:
    names = list(utilities)
    if rng.random() < 0.05:  # all on one plan
        favourite = max(names, key=lambda name: utilities[name] + rng.gauss(0, 1))
        return {name: total if name == favourite else 0 for name in names}
    raw = [math.exp(1.2 * (utilities[name] + rng.gauss(0, 0.7))) for name in names]
    step = 5 if total % 5 == 0 else 1
    shares = [round(value / sum(raw) * total / step) * step for value in raw]
    shares[shares.index(max(shares))] += total - sum(shares)
    if min(shares) < 0:  # rounding pushed one below zero: give it to the largest
        low = shares.index(min(shares))
        shares[shares.index(max(shares))] += shares[low]
        shares[low] = 0
    return dict(zip(names, shares, strict=True))


def rating(latent: float, rng: random.Random) -> int:
    return max(0, min(10, round(6.9 + 0.7 * latent + rng.gauss(0, 1.0))))


# --- the national panel's profiles ------------------------------------------

Profile = Callable[[Question, Traits, dict[str, Answer], random.Random], Answer | None]


def _theme_utilities(t: Traits) -> dict[str, float]:
    return {
        "wonen": 0.7 + 0.6 * t.young + 0.3 * t.urban,
        "zorg": 0.3 - 0.5 * t.young,
        "klimaat": 0.2 + 0.5 * t.progressive + 0.2 * t.young,
        "werk": 0.3 - 0.1 * t.progressive,
        "onderwijs": 0.0 + 0.2 * t.young,
        "veiligheid": -0.5 - 0.4 * t.progressive + 0.2 * (t.age >= 65),
    }


def _budget_utilities(t: Traits) -> dict[str, float]:
    return {
        "huizen": 0.5 + 0.5 * t.young + 0.2 * t.urban,
        "zorgpersoneel": 0.4 - 0.5 * t.young,
        "isoleren": 0.1 + 0.4 * t.progressive,
        "kinderopvang": -0.1 + 0.5 * (25 <= t.age < 45),
        "ov": 0.0 - 0.4 * t.urban,
    }


def _kanalen(t: Traits, rng: random.Random) -> list[str]:
    chances = {
        "nieuwsbrief": 0.75 - 0.15 * (t.age >= 75),
        "ledenblad": 0.1 + 0.4 * (t.age >= 65),
        "website": 0.3,
        "sociale_media": max(0.05, 0.35 + 0.3 * t.young),
        "bijeenkomsten": 0.15 + 0.1 * max(0.0, t.engaged),
    }
    chosen = [name for name, chance in chances.items() if rng.random() < chance]
    return chosen or ["nieuwsbrief"]


def _actief(t: Traits) -> str:
    score = t.engaged
    return (
        "niet"
        if score < 0.2
        else "soms"
        if score < 1.0
        else "vrijwilliger"
        if score < 1.8
        else "kader"
    )


def _uren(t: Traits, rng: random.Random) -> float | None:
    if rng.random() < 0.35:
        return None  # optional: many skip it
    if t.engaged < 0.2 and rng.random() < 0.7:
        return 0.0
    return float(min(80, max(0, round(rng.lognormvariate(1.2 + 0.4 * t.engaged, 0.7)))))


def _position(answer: Answer | None) -> str:
    if answer in ("eens", "helemaal_eens"):
        return "yes"
    if answer in ("oneens", "helemaal_oneens"):
        return "no"
    return "middle"


NATIONAL: dict[str, Profile] = {
    "samenwerken": lambda q, t, a, r: agree(q, 0.15 + 0.8 * t.progressive, r, 0.04),
    "regeren": lambda q, t, a, r: agree(q, 0.1 + 0.85 * t.pragmatic, r, 0.03),
    "toelichting_regeren": lambda q, t, a, r: (
        texts.govern_answer(_position(a.get("regeren")), r) if r.random() < 0.22 else None
    ),
    "ledeninvloed": lambda q, t, a, r: agree(q, 1.95 + 0.1 * t.progressive, r, 0.02),
    "kernenergie": lambda q, t, a, r: agree(
        q, -0.1 + 0.6 * t.male - 0.45 * t.progressive + 0.2 * t.young, r, 0.11
    ),
    "rangorde": lambda q, t, a, r: ranking(_theme_utilities(t), r),
    "budget": lambda q, t, a, r: points(_budget_utilities(t), q.points_total, r),
    "stellingen": lambda q, t, a, r: {
        "vermogen": agree(q, 1.0 + 0.5 * t.progressive, r, 0.04),
        "rekeningrijden": agree(q, -0.2 + 0.5 * t.urban + 0.3 * t.progressive, r, 0.08),
        "defensie": agree(q, -0.35 - 0.55 * t.progressive + 0.3 * (t.age >= 55), r, 0.07),
    },
    "actief": lambda q, t, a, r: _actief(t),
    "kanalen": lambda q, t, a, r: _kanalen(t, r),
    "cijfer": lambda q, t, a, r: "weet_niet" if r.random() < 0.03 else rating(t.content, r),
    "uren": lambda q, t, a, r: _uren(t, r),
    "belangrijkste": lambda q, t, a, r: (
        texts.theme_answer(_top_theme(a, r), r) if r.random() < 0.55 else None
    ),
    "betrekken": lambda q, t, a, r: texts.involve_answer(r) if r.random() < 0.35 else None,
    "boodschap": lambda q, t, a, r: texts.message_answer(r) if r.random() < 0.18 else None,
}


def _top_theme(answers: Mapping[str, Answer], rng: random.Random) -> str:
    order = answers.get("rangorde")
    if isinstance(order, dict) and rng.random() < 0.8:
        return min(order, key=order.__getitem__)
    return rng.choice([name for name, _label in THEMES])


# --- any questionnaire ---------------------------------------------------------


def generic(question: Question, t: Traits, rng: random.Random) -> Answer | None:
    """A plausible answer for a question without a profile (library templates)."""
    kind = question.type
    if kind == QuestionType.AGREE_SCALE:
        return agree(question, 0.35 + 0.5 * t.content, rng, 0.05)
    if kind == QuestionType.GRID:
        return {
            s.name: agree(question, 0.3 + 0.4 * t.progressive, rng, 0.05)
            for s in question.statements
        }
    if kind == QuestionType.SINGLE_CHOICE:
        options = question.options
        weights = [1.0 / (1 + index) for index in range(len(options))]
        weights = [
            0.3 if option.dont_know else weight
            for option, weight in zip(options, weights, strict=True)
        ]
        return rng.choices(options, weights)[0].name
    if kind == QuestionType.MULTIPLE_CHOICE:
        chosen = [o.name for o in question.answer_options if rng.random() < 0.35]
        return chosen or [question.answer_options[0].name]
    if kind == QuestionType.RATING:
        return rating(t.content, rng)
    if kind == QuestionType.RANKING:
        names = [option.name for option in question.options]
        utilities = _theme_utilities(t)
        return ranking({name: utilities.get(name, 0.0) for name in names}, rng)
    if kind == QuestionType.POINTS:
        names = [option.name for option in question.options]
        utilities = {**_theme_utilities(t), **_budget_utilities(t)}
        return points(
            {name: utilities.get(name, 0.0) for name in names}, question.points_total, rng
        )
    if kind == QuestionType.NUMBER:
        low, high = question.minimum or 0, question.maximum or 10
        return float(round(rng.uniform(low, high)))
    if kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        if rng.random() >= 0.3:
            return None
        text = texts.generic_answer(rng)
        return text[:300] if kind == QuestionType.SHORT_TEXT else text
    return None


def simulate(
    questionnaire: Questionnaire,
    traits: Traits,
    rng: random.Random,
    *,
    profiles: Mapping[str, Profile] = NATIONAL,
    stop_after: int | None = None,
) -> dict[str, Answer]:
    """One member's answers, in questionnaire order, visible questions only.

    ``stop_after`` stops after that many sections (a member who saved a draft
    and has not come back yet).
    """
    answers: dict[str, Answer] = {}
    for index, section in enumerate(questionnaire.sections):
        if stop_after is not None and index >= stop_after:
            break
        for question in section.questions:
            if question.type == QuestionType.INFO or not is_visible(question, answers):
                continue
            profile = profiles.get(question.name)
            answer = (
                profile(question, traits, answers, rng)
                if profile
                else generic(question, traits, rng)
            )
            if answer is None and question.required:
                answer = generic(question, traits, rng)
            if answer is not None:
                answers[question.name] = answer
    return answers
