"""What the demo panels are: their units, boards, questionnaires, target states and sizes.

Data only (no queries): ``demo.panels`` makes them. Each panel names the
demo login that acts as its unit's board, the state the demo brings it to,
and the recorded seed of its draw and its simulated answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ledenpanel.demo import questionnaires as forms
from ledenpanel.demo.generator import NATIONAL_CODE
from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels import library
from ledenpanel.panels.models import PanelState, PopulationKind

NATIONAL_BOARD = "partijbestuur@demo.example"
REGION_BOARD = "gewest.utrecht@demo.example"
BIG_BOARD = "afdeling.amsterdam@demo.example"
SMALL_BOARD = "afdeling.zutphen@demo.example"
COACH = "begeleider@demo.example"


@dataclass(frozen=True)
class PanelSizes:
    """How many are invited and answer; scaled down for small demo parties and tests."""

    national_sample: int = 8_500
    national_responses: int = 5_000
    small_sample: int = 550
    small_responses: int = 300
    open_sample: int = 400
    open_submitted: int = 140
    open_drafts: int = 40

    @classmethod
    def for_members(cls, members: int) -> PanelSizes:
        """The full sizes for the 20,000-member party, in proportion below it."""
        scale = min(1.0, members / 20_000)
        full = cls()
        return cls(
            **{
                name: max(1, round(getattr(full, name) * scale))
                for name in cls.__dataclass_fields__
            }
        )


@dataclass(frozen=True)
class DemoPanel:
    unit_code: str
    board: str  # the demo login that acts as the unit's board
    title: str
    topic: str
    purpose: str
    build: Callable[[], Questionnaire]
    target: PanelState
    population_kind: str = PopulationKind.ALL
    sample: str = ""  # PanelSizes field with the sample size, for sampled panels
    responses: str = ""  # PanelSizes field with the number of responses
    seed: int = 0  # the recorded seed of the draw, and of the simulated answers
    national: bool = False  # answered with the national panel's profiles
    days: tuple[int, int, int, int] = (7, 28, 42, 70)  # opens, closes, results, response
    comments: tuple[tuple[str, str], ...] = ()  # (question, coach's comment)
    note: str = ""  # the reason for cancelling
    extra: dict[str, object] = field(default_factory=dict)
    # After the close: the results published to the members (always, for a
    # panel the board has answered), and the board's answer shown as late (its
    # promised date set back to before today, as if the panel closed weeks ago).
    published: bool = False
    late_answer: bool = False


def _utrecht_campaign() -> Questionnaire:
    return forms.adapted(
        library.municipal_participation(),
        {
            "Gemeenteraadsverkiezingen": "Provinciale Statenverkiezingen",
            "gemeenteraadsverkiezingen": "Provinciale Statenverkiezingen",
            "onze afdeling": "ons gewest",
            "in de gemeenteraad": "in Provinciale Staten",
            "met een wethouder": "met een gedeputeerde",
        },
    )


def _region_evaluation() -> Questionnaire:
    return forms.adapted(
        library.branch_evaluation(),
        {
            "de afdeling": "het gewest",
            "De afdeling": "Het gewest",
            "van de afdeling": "van het gewest",
        },
    )


PANELS: tuple[DemoPanel, ...] = (
    DemoPanel(
        NATIONAL_CODE,
        NATIONAL_BOARD,
        "Koers van de partij",
        "Samenwerking, meeregeren en de prioriteiten voor de komende jaren",
        "Het partijbestuur legt het congres in juni een koersvoorstel voor en wil weten "
        "hoe de leden denken over samenwerking, meeregeren en prioriteiten.",
        forms.national_course,
        PanelState.CLOSED,
        population_kind=PopulationKind.STRATIFIED,
        sample="national_sample",
        responses="national_responses",
        seed=20261101,
        national=True,
        days=(-21, 0, 14, 42),
        extra={"reminder_days": [7, 14]},
    ),
    DemoPanel(
        NATIONAL_CODE,
        NATIONAL_BOARD,
        "Hoe willen leden meepraten?",
        "Vormen van ledeninspraak",
        "Het bestuur wil weten hoe leden het liefst meepraten, voor het voorstel aan het congres.",
        forms.members_voice,
        PanelState.RESPONDED,
        population_kind=PopulationKind.RANDOM,
        sample="small_sample",
        responses="small_responses",
        seed=20260901,
        days=(-70, 0, 0, 0),
    ),
    DemoPanel(
        "GW-UT",
        REGION_BOARD,
        "Hoe doet het gewest het?",
        "Evaluatie van het gewestbestuur",
        "Het gewestbestuur legt verantwoording af op de regioledenvergadering.",
        _region_evaluation,
        PanelState.REPORTED,
        population_kind=PopulationKind.RANDOM,
        sample="small_sample",
        responses="small_responses",
        seed=20261002,
        days=(-30, 0, 0, 21),
        published=True,
        late_answer=True,
    ),
    DemoPanel(
        "AFD-AMSTERDAM",
        BIG_BOARD,
        "Input voor het verkiezingsprogramma",
        "Prioriteiten voor het gemeentelijk verkiezingsprogramma",
        "De programmacommissie begint bij wat de leden het belangrijkst vinden.",
        library.election_programme,
        PanelState.ARCHIVED,
        population_kind=PopulationKind.RANDOM,
        sample="small_sample",
        responses="small_responses",
        seed=20250903,
        days=(-90, 0, 0, 0),
    ),
    DemoPanel(
        "AFD-AMSTERDAM",
        BIG_BOARD,
        "Wonen in de stad",
        "Middenhuur, vakantieverhuur en de woningnood",
        "De fractie stemt volgende maand over middenhuur en wil weten wat de leden vinden.",
        forms.city_housing,
        PanelState.OPEN,
        population_kind=PopulationKind.RANDOM,
        sample="open_sample",
        seed=20261120,
        days=(-3, 14, 28, 56),
        extra={"reminder_days": [5, 10]},
    ),
    DemoPanel(
        "AFD-ZUTPHEN-LOCHEM",
        SMALL_BOARD,
        "Gemeenteraadsverkiezingen: meedoen en hoe",
        "Doet de afdeling mee aan de verkiezingen, alleen of samen?",
        "Het bestuur legt de ledenvergadering een voorstel voor over deelname.",
        library.municipal_participation,
        PanelState.APPROVED,
        days=(14, 35, 49, 77),
    ),
    DemoPanel(
        "GW-UT",
        REGION_BOARD,
        "Provinciale Statenverkiezingen: meedoen en hoe",
        "De campagne voor de Provinciale Staten",
        "Het gewestbestuur wil weten hoe de leden de campagne voor zich zien.",
        _utrecht_campaign,
        PanelState.IN_REVIEW,
        population_kind=PopulationKind.STRATIFIED,
        sample="small_sample",
        days=(21, 42, 56, 84),
        comments=(
            (
                "deelname",
                "Noem bij ‘samen’ ook dat de lijst pas na een ledenvergadering vastligt; "
                "anders lijkt het al besloten.",
            ),
            (
                "wethouder",
                "Deze stelling vraagt twee dingen tegelijk (in de Staten komen én besturen). "
                "Kunt u ze splitsen?",
            ),
        ),
    ),
    DemoPanel(
        "AFD-ZUTPHEN-LOCHEM",
        SMALL_BOARD,
        "Hoe doet de afdeling het?",
        "Jaarlijkse evaluatie van het afdelingsbestuur",
        "Het bestuur wil weten of de leden zich gehoord voelen, voor het jaarplan.",
        library.branch_evaluation,
        PanelState.DRAFT,
        days=(45, 66, 80, 108),
    ),
    DemoPanel(
        NATIONAL_CODE,
        NATIONAL_BOARD,
        "Contributie en ledenblad",
        "De hoogte van de contributie en het papieren ledenblad",
        "Het bestuur wilde de leden vragen naar de contributie vóór het congres.",
        forms.membership_fee,
        PanelState.CANCELLED,
        days=(30, 51, 65, 93),
        note="Het congres heeft de contributie al vastgesteld; "
        "deze raadpleging is niet meer nodig.",
    ),
)
