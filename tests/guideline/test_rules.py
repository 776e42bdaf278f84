"""Question-level rules: what fires, what stays silent, and what the messages say."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from ledenpanel.guideline import SEVERITIES, Finding, lint_question
from ledenpanel.guideline.scales import parse_range
from ledenpanel.kernel.questionnaire.schema import Option, Question, QuestionType
from tests.support.guideline.helpers import finding, form, question, rules

SINGLE = QuestionType.SINGLE_CHOICE
SATISFIED = ["Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden"]


def test_it_gives_findings_with_exactly_five_keys() -> None:
    q = question("Het is niet onwenselijk dat de ALV op zaterdag is.")
    findings = lint_question(q)
    assert findings
    for f in findings:
        assert isinstance(f, Finding)
        assert list(f.to_dict()) == ["question", "rule", "severity", "message", "suggestion"]
        assert f.question == "q"
        assert f.severity == SEVERITIES[f.rule]
        assert f.message
        assert f.suggestion


def test_it_uses_the_severities_of_the_issue() -> None:
    for rule in ("double_barreled", "negation", "overlapping_ranges", "unbalanced_scale"):
        assert SEVERITIES[rule] == "error"
    for rule in ("leading", "absolute", "jargon", "too_long", "no_neutral", "open_door"):
        assert SEVERITIES[rule] == "warning"
    for rule in ("too_many_questions", "too_long_to_answer", "too_many_open"):
        assert SEVERITIES[rule] == "warning"
    for rule in ("missing_rationale", "missing_author", "hypothetical"):
        assert SEVERITIES[rule] == "info"


def test_it_names_both_parts_of_a_double_barreled_question() -> None:
    q = question(
        "Hoe tevreden bent u over de bereikbaarheid en de veiligheid van het station?",
        SINGLE,
        SATISFIED,
    )
    f = finding(q, "double_barreled")
    assert f.severity == "error"
    assert '"de bereikbaarheid"' in f.suggestion
    assert "de veiligheid van het station" in f.suggestion
    assert f.suggestion.startswith("Splits dit in twee vragen")


@pytest.mark.parametrize(
    "label",
    [
        "De afdeling moet vaker ledenavonden organiseren in en om de stad.",
        "Het fusieplan van GroenLinks en PvdA verdient steun van onze afdeling.",
        "De fractie en het bestuur werken goed met elkaar samen.",
        "Tussen 2026 en 2030 moet de gemeente 2.000 woningen bouwen.",
        "De liften gaan op en neer; de gemeente moet ze vaker laten keuren.",
        "Ik wil graag weten of de fractie mijn mening meeneemt.",
    ],
)
def test_it_does_not_call_fixed_pairs_double_barreled(label: str) -> None:
    assert "double_barreled" not in rules(question(label))


def test_it_reads_or_in_a_choice_question_as_the_choice() -> None:
    q = question(
        "Moet de afdeling met een eigen lijst meedoen of samen met een andere partij?",
        SINGLE,
        ["Eigen lijst", "Samen met een andere partij", "Weet niet"],
    )
    assert "double_barreled" not in rules(q)


def test_it_checks_each_grid_statement_like_a_statement() -> None:
    q = question(
        "In hoeverre bent u het eens met de volgende stellingen?",
        QuestionType.GRID,
        statements=["De fractie is goed zichtbaar.", "De ALV moet nooit online zijn."],
    )
    findings = lint_question(q)
    absolute = next(f for f in findings if f.rule == "absolute")
    assert absolute.message.startswith('Stelling "De ALV moet nooit online zijn."')
    assert {"absolute", "jargon"} <= {f.rule for f in findings}


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Vindt u ook niet dat de gemeente meer moet doen tegen armoede?", SINGLE),
        ("De huren zijn te hoog, toch?", QuestionType.AGREE_SCALE),
        ("Het schandalige woningtekort moet met voorrang worden aangepakt.", None),
        ("Zoals iedereen weet is de coalitie verdeeld.", None),
    ],
)
def test_it_finds_leading_wording(label: str, kind: QuestionType | None) -> None:
    options = ["Ja", "Nee", "Weet niet"] if kind == SINGLE else None
    assert "leading" in rules(question(label, kind or QuestionType.AGREE_SCALE, options))


def test_it_allows_fairness_as_what_is_asked() -> None:
    q = question(
        "Hoe eerlijk vindt u de verdeling van de subsidies?",
        SINGLE,
        ["Zeer oneerlijk", "Oneerlijk", "Neutraal", "Eerlijk", "Zeer eerlijk"],
    )
    assert "leading" not in rules(q)


def test_it_reports_a_negation_in_a_statement_but_not_in_a_question() -> None:
    statement = question("De gemeente moet geen nieuwe parkeerplaatsen aanleggen.")
    assert finding(statement, "negation").severity == "error"
    asked = question(
        "Waarom bent u niet naar de laatste ledenavond gekomen?",
        SINGLE,
        ["Geen tijd", "Geen interesse", "Iets anders, namelijk"],
    )
    assert "negation" not in rules(asked)


def test_it_reports_a_double_negation_anywhere() -> None:
    q = question(
        "Vindt u het niet onredelijk dat leden betalen voor de ledenavond?",
        SINGLE,
        ["Ja", "Nee", "Weet niet"],
    )
    assert "dubbele ontkenning" in finding(q, "negation").message.lower()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("De gemeente moet altijd voorrang geven aan starters.", True),
        ("Elke basisschool moet een eigen gymzaal hebben.", True),
        ("Bijna alle nieuwe woningen moeten zonder gas.", False),
        ("De afdeling moet elk jaar een ledenpanel houden.", False),
        ("De nieuwsbrief is duidelijk.", False),
    ],
)
def test_it_finds_absolutes_in_statements(label: str, expected: bool) -> None:
    assert ("absolute" in rules(question(label))) is expected


def test_it_allows_absolutes_in_instructions_and_options() -> None:
    multi = question(
        "Kruis alle onderwerpen aan die u belangrijk vindt.",
        QuestionType.MULTIPLE_CHOICE,
        ["Wonen", "Zorg", "Klimaat"],
    )
    frequency = question("Hoe vaak leest u de nieuwsbrief?", SINGLE, ["Nooit", "Soms", "Altijd"])
    assert "absolute" not in rules(multi)
    assert "absolute" not in rules(frequency)


def test_it_accepts_an_abbreviation_explained_earlier_in_the_form() -> None:
    first = question("De algemene ledenvergadering (ALV) moet op zaterdag.", name="a")
    second = question("De ALV moet korter duren.", name="b")
    questionnaire = form(first, second)
    assert not [f for f in lint_question(second, questionnaire=questionnaire) if f.rule == "jargon"]
    alone = lint_question(second)
    assert any(f.rule == "jargon" and "ALV" in f.message for f in alone)


@pytest.mark.parametrize(
    "label",
    [
        "De EU moet meer doen voor de natuur.",
        "De AOW-leeftijd moet omlaag.",
        "De afdeling moet samenwerken met de VVD en het CDA in de raad.",
        "De uitstoot van CO2 moet omlaag.",
        "Het is NIET de bedoeling dat de fractie zwijgt.",
    ],
)
def test_it_keeps_well_known_abbreviations(label: str) -> None:
    assert "jargon" not in rules(question(label))


def test_it_finds_jargon_in_options_too() -> None:
    q = question("Wie moet de kandidatenlijst vaststellen?", SINGLE, ["De ALV", "Het PB"])
    assert "jargon" in rules(q)


def test_it_counts_words_and_sentence_length() -> None:
    short = question("De gemeente moet meer sociale huurwoningen bouwen.")
    assert "too_long" not in rules(short)
    long_label = " ".join(["woord"] * 26) + "."
    assert "26 woorden" in finding(question(long_label), "too_long").message
    two_sentences = " ".join(["woord"] * 21) + ". Kort."
    assert finding(question(two_sentences), "too_long").message.startswith("Een zin")


def test_it_finds_an_unbalanced_scale() -> None:
    q = question(
        "Hoe tevreden bent u over de nieuwsbrief?",
        SINGLE,
        ["Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden"],
    )
    f = finding(q, "unbalanced_scale")
    assert "2 positieve tegenover 1 negatieve" in f.message
    assert "unbalanced_scale" not in rules(question("Hoe tevreden?", SINGLE, SATISFIED))


def test_it_leaves_lists_without_poles_alone() -> None:
    q = question("Welke dag past u het best?", SINGLE, ["Maandag", "Dinsdag", "Woensdag"])
    assert not {"unbalanced_scale", "no_neutral"} & rules(q)


def test_it_wants_a_neutral_middle_or_a_way_out() -> None:
    four = ["Helemaal mee oneens", "Mee oneens", "Mee eens", "Helemaal mee eens"]
    assert "no_neutral" in rules(question("De contributie mag omhoog.", options=four))
    with_dk = [*four, "Weet niet"]
    assert "no_neutral" not in rules(question("De contributie mag omhoog.", options=with_dk))
    assert "no_neutral" not in rules(question("De contributie mag omhoog."))


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("0-4 uur", (0, 4)),
        ("Tot 25 jaar", (float("-inf"), 24)),
        ("25 jaar of ouder", (25, float("inf"))),
        ("Meer dan 10", (11, float("inf"))),
        ("€ 1.000 - € 1.999", (1000, 1999)),
        ("van 10 tot 20", (10, 19)),
        ("Wonen", None),
    ],
)
def test_it_reads_ranges(label: str, expected: tuple[float, float] | None) -> None:
    parsed = parse_range(label)
    assert (parsed[:2] if parsed else None) == expected


def test_it_finds_overlaps_and_gaps_and_names_the_value() -> None:
    overlap = question("Leeftijd?", SINGLE, ["18-25", "25-35", "35 of ouder"])
    assert "25 past in beide" in finding(overlap, "overlapping_ranges").message
    gap = question("Uren?", SINGLE, ["0-9", "11-20", "Meer dan 20"])
    assert "10 past nergens" in finding(gap, "overlapping_ranges").message
    fine = question("Leeftijd?", SINGLE, ["Jonger dan 30", "30-39", "40 of ouder", "Weet niet"])
    assert "overlapping_ranges" not in rules(fine)


def test_it_finds_open_doors_but_not_trade_offs() -> None:
    assert "open_door" in rules(question("Goed onderwijs is belangrijk."))
    traded = question("Goed onderwijs is belangrijker dan lagere lokale lasten.")
    assert "open_door" not in rules(traded)


def test_it_reports_missing_author_and_rationale_as_info() -> None:
    bare = Question(name="q", type=QuestionType.NUMBER, label="Hoe oud bent u?")
    found = {f.rule: f.severity for f in lint_question(bare)}
    assert found == {"missing_rationale": "info", "missing_author": "info"}
    info = Question(name="i", type=QuestionType.INFO, label="Welkom bij dit ledenpanel.")
    assert lint_question(info) == []


def test_it_marks_hypothetical_questions_as_info() -> None:
    q = question(
        "Stel dat de afdeling geen wethouder levert: zou u dan lid blijven?",
        SINGLE,
        ["Ja", "Nee", "Weet niet"],
    )
    assert finding(q, "hypothetical").severity == "info"


def test_it_speaks_english_when_asked() -> None:
    q = question("De gemeente moet altijd voorrang geven aan starters.")
    assert finding(q, "absolute", lang="en").message.startswith('Absolute term "altijd"')
    assert finding(q, "absolute").message.startswith('Absolute term "altijd": bijna niemand')


def test_it_checks_english_forms_with_english_word_lists() -> None:
    english = [
        ("Don't you agree that the council should build more homes?", "leading"),
        ("The council should always put starters first.", "absolute"),
        ("The council should raise taxes and cut parking.", "double_barreled"),
        ("Good education is important.", "open_door"),
        ("It is not undesirable that the branch works with other parties.", "negation"),
    ]
    for label, rule in english:
        assert rule in rules(question(label), language="en"), label
    sound = question("The council should build more social housing.")
    assert not rules(sound, language="en") - {"missing_rationale", "missing_author"}


def test_it_takes_under_five_milliseconds_per_question() -> None:
    q = question(
        "Hoe tevreden bent u over de bereikbaarheid en de veiligheid van het station?",
        SINGLE,
        SATISFIED,
    )
    questionnaire = form(q)
    lint_question(q, questionnaire=questionnaire)  # warm the pattern caches
    start = time.perf_counter()
    for _ in range(200):
        lint_question(q, questionnaire=questionnaire)
    assert (time.perf_counter() - start) / 200 < 0.005


def test_it_never_imports_django() -> None:
    code = (
        "import sys; import ledenpanel.guideline, ledenpanel.cli.lint;"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_it_handles_empty_labels_and_odd_options() -> None:
    q = Question(
        name="q",
        type=SINGLE,
        label="",
        options=[Option("a", ""), Option("b", "—")],
    )
    assert {f.rule for f in lint_question(q)} <= {"missing_rationale", "missing_author"}
