"""Ready-made questionnaires boards copy and adapt.

Written to the party's question guideline: one thing per question, balanced
scales with "weet niet", a reason for every question, few open questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from ledenpanel.kernel.questionnaire.schema import (
    Author,
    Condition,
    Operator,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
)

AUTHOR = Author("Bestuur", "bestuur", "")


def _template(key: str) -> Callable[[Callable[[], Questionnaire]], Callable[[], Questionnaire]]:
    """Stamp every question a template builds with its origin, ``<key>/<question>``.

    The origin survives the board's edits, so the results of the same library
    question can stand side by side across panels (``results.earlier``).
    """

    def decorate(build: Callable[[], Questionnaire]) -> Callable[[], Questionnaire]:
        @wraps(build)
        def stamped() -> Questionnaire:
            questionnaire = build()
            for question in questionnaire.questions():
                question.origin = f"{key}/{question.name}"
            return questionnaire

        return stamped

    return decorate


def _choice(
    name: str, label: str, options: list[tuple[str, str]], rationale: str, **extra
) -> Question:
    return Question(
        name=name,
        type=extra.pop("type", QuestionType.SINGLE_CHOICE),
        label=label,
        options=[Option(value, text, dont_know=value == "weet_niet") for value, text in options],
        rationale=rationale,
        author=AUTHOR,
        **extra,
    )


def _statement(name: str, label: str, rationale: str) -> Question:
    return Question(
        name=name,
        type=QuestionType.AGREE_SCALE,
        label=label,
        options=agree_options(5),
        rationale=rationale,
        author=AUTHOR,
    )


@_template("gemeenteraad_meedoen")
def municipal_participation() -> Questionnaire:
    return Questionnaire(
        title="Gemeenteraadsverkiezingen: meedoen en hoe",
        sections=[
            Section(
                name="meedoen",
                title="Meedoen aan de verkiezingen",
                questions=[
                    _choice(
                        "deelname",
                        "Hoe moet onze afdeling meedoen aan de gemeenteraadsverkiezingen?",
                        [
                            ("eigen_lijst", "Met een eigen kieslijst"),
                            ("samen", "Met een gezamenlijke lijst met een andere partij"),
                            ("niet", "Niet meedoen"),
                            ("weet_niet", "Weet niet / geen mening"),
                        ],
                        "Het bestuur legt de ledenvergadering een voorstel voor over deelname.",
                    ),
                    Question(
                        name="samenwerking_met",
                        type=QuestionType.SHORT_TEXT,
                        label="Met welke partij zou een gezamenlijke lijst het best passen?",
                        required=False,
                        rationale="Als de leden samenwerking willen, weet het bestuur zo met wie het moet praten.",
                        author=AUTHOR,
                        show_if=[Condition("deelname", Operator.EQUALS, "samen")],
                    ),
                    _statement(
                        "wethouder",
                        "Als wij in de gemeenteraad komen, moeten we ook willen besturen met een wethouder.",
                        "De onderhandelaars willen weten hoeveel ruimte de leden geven.",
                    ),
                ],
            ),
            Section(
                name="inzet",
                title="Uw inzet",
                questions=[
                    _choice(
                        "zelf_helpen",
                        "Wilt u zelf helpen in de campagne?",
                        [
                            ("kandidaat", "Ja, als kandidaat"),
                            ("campagne", "Ja, bij het campagnevoeren"),
                            ("nee", "Nee"),
                        ],
                        "De campagneleider zoekt mensen; u krijgt alleen bericht als u dat wilt.",
                        type=QuestionType.MULTIPLE_CHOICE,
                    ),
                ],
            ),
        ],
    )


@_template("verkiezingsprogramma")
def election_programme() -> Questionnaire:
    topics = [
        ("wonen", "Betaalbaar wonen"),
        ("zorg", "Zorg en welzijn"),
        ("klimaat", "Klimaat en energie"),
        ("werk", "Werk en inkomen"),
        ("onderwijs", "Onderwijs en jeugd"),
        ("vervoer", "Openbaar vervoer"),
    ]
    return Questionnaire(
        title="Input voor het verkiezingsprogramma",
        sections=[
            Section(
                name="prioriteiten",
                title="Wat moet voorop staan?",
                questions=[
                    Question(
                        name="rangorde",
                        type=QuestionType.RANKING,
                        label="Zet deze onderwerpen op volgorde: wat moet in ons programma voorop staan?",
                        options=[Option(value, text) for value, text in topics],
                        randomize=True,
                        rationale="De programmacommissie begint bij de onderwerpen die de leden het belangrijkst vinden.",
                        author=AUTHOR,
                    ),
                    Question(
                        name="budget",
                        type=QuestionType.POINTS,
                        label="Verdeel 100 punten over deze onderwerpen: hoe meer punten, hoe meer extra geld van de gemeente het onderwerp krijgt.",
                        options=[Option(value, text) for value, text in topics],
                        points_total=100,
                        rationale="Zo ziet de commissie welke keuzes de leden maken als niet alles kan.",
                        author=AUTHOR,
                    ),
                ],
            ),
            Section(
                name="stellingen",
                title="Keuzes",
                questions=[
                    Question(
                        name="keuzes",
                        type=QuestionType.GRID,
                        label="In hoeverre bent u het eens met deze stellingen?",
                        options=agree_options(5),
                        statements=[
                            Statement(
                                "ozb",
                                "De gemeente mag de onroerendezaakbelasting verhogen om meer sociale huurwoningen te bouwen.",
                            ),
                            Statement(
                                "auto",
                                "In het centrum krijgen fietsers en voetgangers voorrang boven auto's.",
                            ),
                            Statement(
                                "bibliotheek",
                                "De gemeente houdt de bibliotheken in de wijken open, ook als dat geld kost bij andere voorzieningen.",
                            ),
                        ],
                        rationale="Deze keuzes liggen in de komende raadsperiode op tafel.",
                        author=AUTHOR,
                    ),
                    Question(
                        name="ontbreekt",
                        type=QuestionType.LONG_TEXT,
                        label="Welk onderwerp mist u in deze vragenlijst?",
                        required=False,
                        rationale="De commissie wil niets belangrijks over het hoofd zien.",
                        author=AUTHOR,
                    ),
                ],
            ),
        ],
    )


@_template("evaluatie_afdeling")
def branch_evaluation() -> Questionnaire:
    return Questionnaire(
        title="Hoe doet de afdeling het?",
        sections=[
            Section(
                name="afdeling",
                title="De afdeling",
                questions=[
                    Question(
                        name="cijfer",
                        type=QuestionType.RATING,
                        label="Welk rapportcijfer geeft u de afdeling over het afgelopen jaar?",
                        rationale="Het bestuur vergelijkt dit cijfer met volgend jaar.",
                        author=AUTHOR,
                    ),
                    _choice(
                        "bijeenkomsten",
                        "Hoe vaak was u het afgelopen jaar bij een bijeenkomst van de afdeling?",
                        [
                            ("nooit", "Geen enkele keer"),
                            ("1_2", "1 of 2 keer"),
                            ("3_5", "3 tot en met 5 keer"),
                            ("6_plus", "6 keer of vaker"),
                        ],
                        "Het bestuur wil weten wie het bereikt en wie niet.",
                    ),
                    _statement(
                        "gehoord",
                        "Ik voel me gehoord door het bestuur van de afdeling.",
                        "Het bestuur wil weten of de leden zich gehoord voelen.",
                    ),
                    Question(
                        name="verbetering",
                        type=QuestionType.LONG_TEXT,
                        label="Wat kan het bestuur volgend jaar beter doen?",
                        required=False,
                        rationale="Uw ideeën komen in het jaarplan.",
                        author=AUTHOR,
                    ),
                ],
            ),
        ],
    )


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    description: str
    build: Callable[[], Questionnaire]


TEMPLATES = (
    Template(
        "gemeenteraad_meedoen",
        "Gemeenteraadsverkiezingen: meedoen en hoe",
        "Doet de afdeling mee, alleen of samen, en wie wil helpen?",
        municipal_participation,
    ),
    Template(
        "verkiezingsprogramma",
        "Input voor het verkiezingsprogramma",
        "Rangorde van onderwerpen, punten verdelen en keuzes in stellingen.",
        election_programme,
    ),
    Template(
        "evaluatie_afdeling",
        "Hoe doet de afdeling het?",
        "Rapportcijfer, bereik en of leden zich gehoord voelen.",
        branch_evaluation,
    ),
)


def template_get(key: str) -> Template | None:
    return next((template for template in TEMPLATES if template.key == key), None)
