"""The questionnaires of the demo panels (pure: no Django).

The national panel uses every question type that carries an answer, so the
analysis and report issues have something of each kind to show: divided
statements, a near-unanimous one, "weet niet", a ranking, dividing points, a
grid, a rating, a number and several open questions. The smaller panels
reuse the library's templates (``panels.library``), as a board would.
"""

from __future__ import annotations

import json

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

BOARD = Author("Partijbestuur", "bestuur", "Landelijk")

# The six themes of the ranking, also used by the simulated answers.
THEMES: tuple[tuple[str, str], ...] = (
    ("wonen", "Betaalbaar wonen"),
    ("zorg", "Zorg en welzijn"),
    ("klimaat", "Klimaat en energie"),
    ("werk", "Werk en inkomen"),
    ("onderwijs", "Onderwijs"),
    ("veiligheid", "Veiligheid"),
)
BUDGET: tuple[tuple[str, str], ...] = (
    ("huizen", "Meer betaalbare huizen bouwen"),
    ("zorgpersoneel", "Meer handen aan het bed"),
    ("isoleren", "Woningen isoleren en verduurzamen"),
    ("kinderopvang", "Gratis kinderopvang"),
    ("ov", "Beter openbaar vervoer buiten de Randstad"),
)


def _agree(name: str, label: str, rationale: str, *, required: bool = True) -> Question:
    return Question(
        name=name,
        type=QuestionType.AGREE_SCALE,
        label=label,
        options=agree_options(5),
        rationale=rationale,
        author=BOARD,
        required=required,
    )


def _open(name: str, label: str, rationale: str, *, long: bool = True, **extra: object) -> Question:
    return Question(
        name=name,
        type=QuestionType.LONG_TEXT if long else QuestionType.SHORT_TEXT,
        label=label,
        required=False,
        rationale=rationale,
        author=BOARD,
        **extra,  # type: ignore[arg-type]
    )


def national_course() -> Questionnaire:
    """ "Koers van de partij": the closed national panel (~5,000 responses)."""
    return Questionnaire(
        title="Koers van de partij",
        sections=[
            Section(
                "koers",
                "De koers van de partij",
                [
                    _agree(
                        "samenwerken",
                        "De partij moet bij de volgende Tweede Kamerverkiezingen samen "
                        "optrekken met andere progressieve partijen.",
                        "Het partijbestuur beslist dit voorjaar of het gesprekken begint.",
                    ),
                    _agree(
                        "regeren",
                        "De partij moet bereid zijn mee te regeren, ook als dat pijnlijke "
                        "compromissen vraagt.",
                        "De onderhandelaars willen weten hoeveel ruimte de leden geven.",
                    ),
                    _open(
                        "toelichting_regeren",
                        "Wilt u uw antwoord over meeregeren toelichten?",
                        "Zo begrijpt het bestuur waarom leden er zo over denken.",
                        show_if=[Condition("regeren", Operator.ANSWERED)],
                    ),
                    _agree(
                        "ledeninvloed",
                        "Leden moeten meer invloed krijgen op belangrijke besluiten van de partij.",
                        "Het bestuur werkt aan een voorstel voor meer ledeninspraak.",
                    ),
                    _agree(
                        "kernenergie",
                        "Nederland moet nieuwe kerncentrales bouwen.",
                        "De programmacommissie herziet het hoofdstuk over energie.",
                    ),
                ],
            ),
            Section(
                "prioriteiten",
                "Waar moet de partij voor gaan?",
                [
                    Question(
                        name="rangorde",
                        type=QuestionType.RANKING,
                        label="Zet deze onderwerpen op volgorde: wat moet de komende jaren "
                        "voorop staan?",
                        options=[Option(value, text) for value, text in THEMES],
                        randomize=True,
                        rationale="De campagne begint bij wat de leden het belangrijkst vinden.",
                        author=BOARD,
                    ),
                    Question(
                        name="budget",
                        type=QuestionType.POINTS,
                        label="Verdeel 100 punten: hoe meer punten, hoe meer extra geld het "
                        "plan in onze begroting krijgt.",
                        options=[Option(value, text) for value, text in BUDGET],
                        points_total=100,
                        rationale="Zo ziet het bestuur welke keuzes leden maken als niet alles "
                        "kan.",
                        author=BOARD,
                    ),
                    Question(
                        name="stellingen",
                        type=QuestionType.GRID,
                        label="In hoeverre bent u het eens met deze stellingen?",
                        options=agree_options(5),
                        statements=[
                            Statement(
                                "vermogen",
                                "Grote vermogens moeten zwaarder worden belast.",
                            ),
                            Statement(
                                "rekeningrijden",
                                "Autorijden moet per kilometer worden belast in plaats van "
                                "per auto.",
                            ),
                            Statement(
                                "defensie",
                                "Nederland moet meer geld uitgeven aan defensie.",
                            ),
                        ],
                        rationale="Deze keuzes komen terug in het verkiezingsprogramma.",
                        author=BOARD,
                    ),
                ],
            ),
            Section(
                "meedoen",
                "Uw rol in de partij",
                [
                    Question(
                        name="actief",
                        type=QuestionType.SINGLE_CHOICE,
                        label="Hoe actief bent u in de partij?",
                        options=[
                            Option("niet", "Ik ben lid, maar niet actief"),
                            Option("soms", "Ik kom soms naar een bijeenkomst"),
                            Option("vrijwilliger", "Ik help regelmatig als vrijwilliger"),
                            Option("kader", "Ik heb een functie of ben volksvertegenwoordiger"),
                        ],
                        rationale="Het bestuur wil weten of het ook de minder actieve leden "
                        "bereikt.",
                        author=BOARD,
                    ),
                    Question(
                        name="kanalen",
                        type=QuestionType.MULTIPLE_CHOICE,
                        label="Hoe blijft u het liefst op de hoogte van de partij?",
                        hint="Kies alles wat voor u geldt.",
                        options=[
                            Option("nieuwsbrief", "De nieuwsbrief per e-mail"),
                            Option("ledenblad", "Het ledenblad op papier"),
                            Option("website", "De website"),
                            Option("sociale_media", "Sociale media"),
                            Option("bijeenkomsten", "Bijeenkomsten bij mij in de buurt"),
                        ],
                        rationale="Het bestuur beslist of het ledenblad op papier blijft.",
                        author=BOARD,
                    ),
                    Question(
                        name="cijfer",
                        type=QuestionType.RATING,
                        label="Welk rapportcijfer geeft u de partij over het afgelopen jaar?",
                        options=[Option("weet_niet", "Weet niet / geen mening", dont_know=True)],
                        rationale="Het bestuur vergelijkt dit cijfer met volgend jaar.",
                        author=BOARD,
                    ),
                    Question(
                        name="uren",
                        type=QuestionType.NUMBER,
                        label="Hoeveel uur per maand zou u de partij willen helpen?",
                        hint="Vul 0 in als u daar geen tijd voor hebt.",
                        required=False,
                        minimum=0,
                        maximum=80,
                        rationale="De campagneleider wil weten op hoeveel hulp ze kan rekenen.",
                        author=BOARD,
                    ),
                ],
            ),
            Section(
                "eigen_woorden",
                "In uw eigen woorden",
                [
                    _open(
                        "belangrijkste",
                        "Welk onderwerp moet de partij de komende jaren vooral oppakken, "
                        "en waarom?",
                        "De programmacommissie leest alle antwoorden.",
                    ),
                    _open(
                        "betrekken",
                        "Wat kan de partij doen om u meer bij de koers te betrekken?",
                        "Het bestuur werkt aan een voorstel voor meer ledeninspraak.",
                    ),
                    _open(
                        "boodschap",
                        "Wilt u het partijbestuur nog iets meegeven?",
                        "Het bestuur leest alles; noem geen namen of gegevens van anderen.",
                        long=False,
                    ),
                ],
            ),
        ],
    )


def city_housing() -> Questionnaire:
    """ "Wonen in Amsterdam": the branch panel left open for the demo."""
    author = Author("Bestuur", "bestuur", "Afdeling Amsterdam")
    return Questionnaire(
        title="Wonen in de stad",
        sections=[
            Section(
                "wonen",
                "Wonen",
                [
                    Question(
                        name="woonsituatie",
                        type=QuestionType.SINGLE_CHOICE,
                        label="Hoe woont u?",
                        options=[
                            Option("sociale_huur", "In een sociale huurwoning"),
                            Option("vrije_huur", "In een huurwoning in de vrije sector"),
                            Option("koop", "In een koopwoning"),
                            Option("anders", "Anders (inwonend, studentenkamer, …)"),
                        ],
                        rationale="Zo weet de fractie voor wie de antwoorden spreken.",
                        author=author,
                    ),
                    Question(
                        name="middenhuur",
                        type=QuestionType.AGREE_SCALE,
                        label="De gemeente moet bij nieuwbouw minstens 40 procent "
                        "middenhuurwoningen eisen.",
                        options=agree_options(5),
                        rationale="De fractie stemt hier volgende maand over.",
                        author=author,
                    ),
                    Question(
                        name="vakantieverhuur",
                        type=QuestionType.AGREE_SCALE,
                        label="Vakantieverhuur van woningen moet helemaal worden verboden.",
                        options=agree_options(5),
                        rationale="Er ligt een initiatiefvoorstel in de gemeenteraad.",
                        author=author,
                    ),
                ],
            ),
            Section(
                "ideeen",
                "Uw ideeën",
                [
                    Question(
                        name="idee",
                        type=QuestionType.LONG_TEXT,
                        label="Wat zou de gemeente volgens u als eerste moeten doen aan de "
                        "woningnood?",
                        required=False,
                        rationale="De fractie neemt de beste ideeën mee naar de raad.",
                        author=author,
                    ),
                ],
            ),
        ],
    )


def members_voice() -> Questionnaire:
    """ "Hoe willen leden meepraten?": a small national panel, answered by the board."""
    return Questionnaire(
        title="Hoe willen leden meepraten?",
        sections=[
            Section(
                "meepraten",
                "Meepraten",
                [
                    Question(
                        name="vorm",
                        type=QuestionType.SINGLE_CHOICE,
                        label="Op welke manier praat u het liefst mee over de koers?",
                        options=[
                            Option("ledenpanel", "Met een korte vragenlijst zoals deze"),
                            Option("vergadering", "Op een ledenvergadering"),
                            Option("werkgroep", "In een werkgroep of netwerk"),
                            Option("niet", "Ik praat liever niet mee"),
                            Option("weet_niet", "Weet niet / geen mening", dont_know=True),
                        ],
                        rationale="Het bestuur kiest welke vormen het verder uitbouwt.",
                        author=BOARD,
                    ),
                    _agree(
                        "gehoord",
                        "Ik voel me gehoord door het partijbestuur.",
                        "Het bestuur meet dit elk jaar.",
                    ),
                    _agree(
                        "online_stemmen",
                        "Leden moeten online kunnen stemmen over moties op het congres.",
                        "Het congres beslist hierover in juni.",
                    ),
                    _open(
                        "idee",
                        "Hebt u een idee om leden beter te laten meepraten?",
                        "Goede ideeën komen in het voorstel aan het congres.",
                    ),
                ],
            )
        ],
    )


def membership_fee() -> Questionnaire:
    """ "Contributie en ledenblad": a national plan the board cancelled."""
    return Questionnaire(
        title="Contributie en ledenblad",
        sections=[
            Section(
                "contributie",
                "Contributie",
                [
                    _agree(
                        "inkomensafhankelijk",
                        "De contributie moet meer afhangen van het inkomen.",
                        "Het congres beslist in juni over de contributie.",
                    ),
                    _agree(
                        "ledenblad_digitaal",
                        "Het ledenblad mag alleen nog digitaal verschijnen.",
                        "Een papieren ledenblad kost de partij veel geld.",
                    ),
                ],
            )
        ],
    )


def adapted(questionnaire: Questionnaire, replacements: dict[str, str]) -> Questionnaire:
    """A library template reworded for another level (``gemeente`` → ``provincie``)."""
    text = json.dumps(questionnaire.to_dict(), ensure_ascii=False)
    for old, new in replacements.items():
        text = text.replace(old, new)
    return Questionnaire.from_dict(json.loads(text))
