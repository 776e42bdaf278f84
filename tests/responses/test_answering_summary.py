"""The "check your answers" page."""

from __future__ import annotations

from ledenpanel.kernel.questionnaire.schema import Operator, Option, Questionnaire, Statement
from ledenpanel.responses.answering import summary
from tests.support.answering_forms import T, options, page, question, questionnaire, when


def full_form() -> Questionnaire:
    return questionnaire(
        page(
            question("intro", T.INFO, label="Welkom"),
            question("kleur", T.SINGLE_CHOICE, label="Welke kleur?"),
            question("dingen", T.MULTIPLE_CHOICE, label="Welke dingen?"),
            question("schaal", T.AGREE_SCALE, label="Eens?"),
            question("cijfer", T.RATING, label="Cijfer?"),
        ),
        page(
            question("grid", T.GRID, label="Stellingen"),
            question("volgorde", T.RANKING, label="Volgorde"),
            question("punten", T.POINTS, label="Punten"),
            question("getal", T.NUMBER, label="Getal"),
            question("tekst", T.LONG_TEXT, label="Tekst", required=False),
            question("verborgen", T.SHORT_TEXT, show_if=when("kleur", Operator.EQUALS, "c")),
        ),
    )


ANSWERS = {
    "kleur": "a",
    "dingen": ["a", "c"],
    "schaal": "helemaal_eens",
    "cijfer": 8,
    "grid": {"s1": "eens", "s2": "weet_niet"},
    "volgorde": {"a": 2, "b": 3, "c": 1},
    "punten": {"a": 70, "b": 0, "c": 30},
    "getal": 3.5,
    "verborgen": "oud antwoord",
}


def test_it_shows_every_visible_answer_in_the_members_words() -> None:
    assert summary(full_form(), ANSWERS) == [
        ("Welke kleur?", "A"),
        ("Welke dingen?", "A, C"),
        ("Eens?", "Helemaal mee eens"),
        ("Cijfer?", "8"),
        ("Stellingen", "Stelling één: Mee eens; Stelling twee: Weet niet / geen mening"),
        ("Volgorde", "1. C, 2. A, 3. B"),
        ("Punten", "A: 70, C: 30"),
        ("Getal", "3,5"),
        ("Tekst", "Niet beantwoord"),
    ]


def test_it_speaks_english_where_there_are_translations() -> None:
    kleur = question(
        "kleur",
        T.SINGLE_CHOICE,
        label="Welke kleur?",
        translations={"en": {"label": "Which colour?"}},
        options=[Option("r", "Rood", translations={"en": "Red"}), Option("g", "Groen")],
    )
    getal = question("getal", T.NUMBER, label="Getal", required=False)
    form = questionnaire(page(kleur, getal))

    assert summary(form, {"kleur": "r", "getal": 1234.5}, language="en") == [
        ("Which colour?", "Red"),
        ("Getal", "1,234.5"),
    ]
    assert summary(form, {"kleur": "g"}, language="en")[1] == ("Getal", "Not answered")


def test_it_shows_a_rating_dont_know_by_its_label() -> None:
    q = question("r", T.RATING, options=[Option("dk", "Weet ik niet", dont_know=True)])
    assert summary(questionnaire(page(q)), {"r": "dk"}) == [("Vraag r", "Weet ik niet")]


def test_it_shows_text_as_written() -> None:
    q = question("t", T.SHORT_TEXT)
    assert summary(questionnaire(page(q)), {"t": "Meer groen"}) == [("Vraag t", "Meer groen")]


def test_it_never_fails_on_odd_stored_answers() -> None:
    odd = {
        "kleur": "verdwenen",
        "dingen": ["a", 3],
        "cijfer": True,
        "grid": {"s9": "x"},
        "volgorde": {"a": "twee"},
        "punten": {"z": 5},
        "getal": float("inf"),
    }

    rows = dict(summary(full_form(), odd))  # type: ignore[arg-type]

    assert rows["Welke kleur?"] == "verdwenen"
    assert rows["Welke dingen?"] == "A"
    assert rows["Stellingen"] == "s9: x"


def test_it_uses_statement_labels_for_grids_with_translations() -> None:
    q = question(
        "g",
        T.GRID,
        statements=[Statement("s1", "Eén", translations={"en": "One"})],
        options=options("x", "y"),
    )
    assert summary(questionnaire(page(q)), {"g": {"s1": "y"}}, language="en") == [
        ("Vraag g", "One: Y")
    ]
