"""Realistic member-panel questions of a Dutch party, labelled by a methodologist.

Each case says which rules *should* fire on it (``expect``); every other
question-level rule should stay silent. Cases come in sections per rule: flawed
examples and near misses that look alike. The last section is a held-out set,
written after the rules were designed and never used to tune them; the tests
and ``bench/lint_accuracy.py`` report it separately.

Every case gets an author and a rationale, so the info rules
(``missing_author``, ``missing_rationale``) stay out of the measurement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ledenpanel.guideline.findings import QUESTION_RULES, SEVERITIES
from ledenpanel.kernel.questionnaire.schema import (
    Author,
    Option,
    Question,
    QuestionType,
    Statement,
    agree_options,
)

# The rules measured for precision and recall: every question rule except
# the info-level extras.
MEASURED_RULES = tuple(rule for rule in QUESTION_RULES if SEVERITIES[rule] != "info")
YES_NO = ("Ja", "Nee", "Weet niet")
OPEN = ("__open__",)


@dataclass(frozen=True)
class Case:
    label: str
    expect: frozenset[str]
    kind: str  # statement | yes_no | choice | multi | grid | open | rating
    options: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    rule: str = ""  # the section the case was written for
    held_out: bool = False
    language: str = "nl"
    dont_know: tuple[str, ...] = field(default=())

    def question(self, name: str = "q") -> Question:
        kinds = {
            "statement": QuestionType.AGREE_SCALE,
            "yes_no": QuestionType.SINGLE_CHOICE,
            "choice": QuestionType.SINGLE_CHOICE,
            "multi": QuestionType.MULTIPLE_CHOICE,
            "grid": QuestionType.GRID,
            "open": QuestionType.LONG_TEXT,
            "rating": QuestionType.RATING,
        }
        if self.kind in ("statement", "grid") and not self.options:
            options = agree_options(5)
        elif self.kind == "yes_no":
            options = [
                Option("ja", "Ja"),
                Option("nee", "Nee"),
                Option("weet_niet", "Weet niet", dont_know=True),
            ]
        else:
            options = [
                Option(f"o{index}", label, dont_know=label in self.dont_know)
                for index, label in enumerate(self.options)
            ]
        return Question(
            name=name,
            type=kinds[self.kind],
            label=self.label,
            options=options,
            statements=[Statement(f"s{i}", text) for i, text in enumerate(self.statements)],
            author=Author(name="Afdelingsbestuur", role="bestuur"),
            rationale="Het bestuur gebruikt dit voor zijn besluit.",
        )


def _cases(rule: str, rows: list[tuple], *, held_out: bool = False) -> list[Case]:
    """Rows: (kind, label, expected rules as a space-separated string[, options or statements])."""
    out = []
    for row in rows:
        kind, label, expect = row[0], row[1], row[2]
        extra: tuple[str, ...] = tuple(row[3]) if len(row) > 3 else ()
        scale: tuple[str, ...] = tuple(row[4]) if len(row) > 4 else ()
        out.append(
            Case(
                label=label,
                expect=frozenset(expect.split()),
                kind=kind,
                options=extra if kind != "grid" else scale,
                statements=extra if kind == "grid" else (),
                rule=rule,
                held_out=held_out,
                dont_know=tuple(o for o in extra if o.lower().startswith(("weet", "geen mening"))),
            )
        )
    return out


S, YN, CH, MU, GR, OP = "statement", "yes_no", "choice", "multi", "grid", "open"
AGREE = ("Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens")
SATISFIED = ("Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden")
DB = "double_barreled"

DOUBLE_BARRELED = _cases(
    DB,
    [
        # flawed
        (
            CH,
            "Hoe tevreden bent u over de bereikbaarheid en de veiligheid van het station?",
            DB,
            SATISFIED,
        ),
        (S, "De gemeente moet de huren bevriezen en meer sociale huurwoningen bouwen.", DB),
        (S, "De afdeling moet zowel meer campagne voeren als vaker ledenavonden organiseren.", DB),
        (
            CH,
            "Hoe tevreden bent u over de informatie en de begeleiding vóór de ledenvergadering?",
            DB,
            SATISFIED,
        ),
        (S, "De nieuwsbrief van de afdeling is duidelijk en volledig.", DB),
        (S, "De gemeente moet meer geld uitgeven aan groen en minder aan parkeerplaatsen.", DB),
        (S, "Onze wethouder doet goed werk en moet na de verkiezingen terugkomen.", DB),
        (YN, "Heeft u het afgelopen jaar geflyerd of aan de deur gestaan voor de partij?", DB),
        (S, "De partij moet niet alleen in de stad maar ook in de dorpen actief zijn.", DB),
        (S, "Het openbaar vervoer in onze regio moet sneller en goedkoper.", DB),
        (
            CH,
            "Hoe beoordeelt u de inhoud en de lengte van het verkiezingsprogramma?",
            DB,
            ("Zeer slecht", "Slecht", "Neutraal", "Goed", "Zeer goed"),
        ),
        (S, "De gemeente moet de afvalstoffenheffing verlagen en het afval vaker ophalen.", DB),
        # near misses
        (S, "De gemeente moet meer sociale huurwoningen bouwen.", ""),
        (S, "De afdeling moet vaker ledenavonden organiseren in en om de stad.", ""),
        (
            CH,
            "Hoe vaak bezoekt u ledenavonden van de afdeling?",
            "",
            ("Nooit", "Af en toe", "Regelmatig", "Bijna altijd"),
        ),
        (S, "Het fusieplan van GroenLinks en PvdA verdient steun van onze afdeling.", ""),
        (
            CH,
            "Moet de afdeling met een eigen lijst meedoen of samen met een andere partij?",
            "",
            ("Eigen lijst", "Samen met een andere partij", "Weet niet"),
        ),
        (S, "De fractie en het bestuur werken goed met elkaar samen.", ""),
        (S, "Tussen 2026 en 2030 moet de gemeente 2.000 woningen bouwen.", ""),
        (
            MU,
            "Welke onderwerpen en thema's wilt u terugzien in het programma? "
            "Meerdere antwoorden mogelijk.",
            "",
            ("Wonen", "Zorg", "Klimaat", "Onderwijs", "Iets anders, namelijk"),
        ),
        (S, "De afdeling moet zich vooral richten op natuur en milieu.", ""),
        (S, "Ik wil graag weten of de fractie mijn mening meeneemt.", ""),
        (CH, "Hoe tevreden bent u over de bereikbaarheid van het station?", "", SATISFIED),
        (S, "De gemeente moet de lusten en lasten van windparken eerlijk verdelen.", "leading"),
    ],
)

LEADING = _cases(
    "leading",
    [
        # flawed
        (YN, "Vindt u ook niet dat de gemeente meer moet doen tegen armoede?", "leading"),
        (YN, "De huren zijn te hoog, toch?", "leading"),
        (S, "Het schandalige woningtekort moet met voorrang worden aangepakt.", "leading"),
        (
            S,
            "Het is absurd dat starters geen huis kunnen vinden in onze gemeente.",
            "leading negation",
        ),
        (
            S,
            "Zoals iedereen weet is de coalitie verdeeld; de fractie moet eruit stappen.",
            "leading",
        ),
        (
            S,
            "Deskundigen zijn het erover eens dat de gemeente moet investeren in isolatie.",
            "leading",
        ),
        (
            YN,
            "Bent u het er ook mee eens dat de afdeling vaker ledenavonden moet houden?",
            "leading",
        ),
        (S, "De meeste leden vinden dat de fractie te weinig van zich laat horen.", "leading"),
        (
            S,
            "Hardwerkende inwoners mogen niet opdraaien voor de tekorten van de gemeente.",
            "leading negation",
        ),
        (S, "Het is belachelijk dat de bibliotheek in ons dorp moet sluiten.", "leading"),
        (YN, "Steunt u ook het standpunt van de fractie over het nieuwe zwembad?", "leading"),
        (
            S,
            "Uit onderzoek blijkt dat fietspaden veiliger moeten; de gemeente moet daarvoor "
            "geld vrijmaken.",
            "leading",
        ),
        # near misses
        (S, "De gemeente moet meer doen tegen armoede.", ""),
        (
            CH,
            "Hoe hoog vindt u de huren in uw gemeente?",
            "",
            ("Veel te laag", "Te laag", "Precies goed", "Te hoog", "Veel te hoog"),
        ),
        (S, "Het woningtekort moet met voorrang worden aangepakt.", ""),
        (S, "Starters kunnen moeilijk een huis vinden in onze gemeente.", ""),
        (S, "De fractie moet uit de coalitie stappen.", ""),
        (S, "De gemeente moet investeren in het isoleren van huurwoningen.", ""),
        (
            CH,
            "In hoeverre bent u het eens of oneens met deze stelling: de afdeling moet vaker "
            "ledenavonden houden.",
            "",
            AGREE,
        ),
        (
            CH,
            "Hoe eerlijk vindt u de verdeling van de gemeentelijke subsidies?",
            "",
            ("Zeer oneerlijk", "Oneerlijk", "Neutraal", "Eerlijk", "Zeer eerlijk"),
        ),
        (S, "De fractie laat te weinig van zich horen.", ""),
        (S, "De bibliotheek in ons dorp moet open blijven, ook als dat geld kost.", ""),
        (
            S,
            "Ik vind het toch belangrijker dat de fractie zichtbaar is dan dat ze compromissen "
            "sluit.",
            "",
        ),
    ],
)

NEGATION = _cases(
    "negation",
    [
        # flawed
        (S, "Het is niet onwenselijk dat de afdeling samenwerkt met andere partijen.", "negation"),
        (S, "De gemeente moet geen nieuwe parkeerplaatsen in het centrum aanleggen.", "negation"),
        (S, "Ik ben er niet tegen dat de partij gaat meeregeren.", "negation"),
        (S, "De fractie moet niet instemmen met de bezuinigingen op de bibliotheek.", "negation"),
        (S, "Het is onverstandig om de coalitie nu te verlaten.", "negation"),
        (
            YN,
            "Vindt u het niet onredelijk dat leden contributie betalen voor de ledenavond?",
            "negation leading",
        ),
        (S, "Windmolens horen niet thuis in het landschap van onze gemeente.", "negation"),
        (S, "Het is onmogelijk om de klimaatdoelen te halen zonder hogere lasten.", "negation"),
        (
            CH,
            "Welke onderwerpen mogen niet ontbreken in het verkiezingsprogramma?",
            "negation",
            ("Wonen", "Zorg", "Klimaat", "Veiligheid", "Iets anders, namelijk"),
        ),
        (S, "Ik ben ontevreden over de manier waarop de fractie ons informeert.", "negation"),
        (
            S,
            "Geen enkele wijk mag worden overgeslagen bij de aanleg van glasvezel.",
            "negation absolute",
        ),
        (
            YN,
            "Bent u het niet oneens met het besluit om niet mee te doen aan de verkiezingen?",
            "negation",
        ),
        # near misses
        (S, "Het is wenselijk dat de afdeling samenwerkt met andere partijen.", ""),
        (S, "De gemeente moet het aantal parkeerplaatsen in het centrum beperken.", ""),
        (S, "De partij moet gaan meeregeren.", ""),
        (S, "De fractie moet instemmen met de bezuinigingen op de bibliotheek.", ""),
        (
            CH,
            "Waarom bent u niet naar de laatste ledenavond gekomen?",
            "",
            ("Geen tijd", "Geen interesse", "Wist er niet van", "Iets anders, namelijk"),
        ),
        (S, "Het is verstandig om de coalitie nu te verlaten.", ""),
        (S, "Windmolens passen in het landschap van onze gemeente.", ""),
        (S, "De onderwijsbegroting van de gemeente moet omhoog.", ""),
        (S, "Ik ben tevreden over de manier waarop de fractie ons informeert.", ""),
        (
            CH,
            "Heeft u al besloten of u op de ledenvergadering komt?",
            "",
            ("Ja, ik kom", "Ja, ik kom niet", "Nog niet besloten"),
        ),
        (S, "De ontwikkeling van het stationsgebied moet doorgaan.", ""),
    ],
)

ABSOLUTE = _cases(
    "absolute",
    [
        # flawed
        (S, "De gemeente moet altijd voorrang geven aan woningen voor starters.", "absolute"),
        (
            S,
            "Iedereen in onze gemeente moet binnen vijf minuten bij een bushalte wonen.",
            "absolute",
        ),
        (S, "Alle nieuwe woningen moeten zonder gasaansluiting worden gebouwd.", "absolute"),
        (S, "Elke basisschool moet een eigen gymzaal hebben.", "absolute"),
        (
            S,
            "De partij mag nooit samenwerken met partijen die de rechtsstaat ondermijnen.",
            "absolute",
        ),
        (S, "Niemand mag in onze gemeente op straat hoeven te slapen.", "absolute"),
        (S, "De afdeling moet volledig stoppen met papieren nieuwsbrieven.", "absolute"),
        (YN, "Moet de fractie in alle gevallen het verkiezingsprogramma volgen?", "absolute"),
        (S, "Ieder lid moet kunnen meebeslissen over de kandidatenlijst.", "absolute"),
        (S, "Auto's horen absoluut niet thuis in de binnenstad.", "absolute negation"),
        (
            S,
            "De gemeente moet overal in de stad de maximumsnelheid naar 30 km verlagen.",
            "absolute",
        ),
        # near misses
        (S, "De gemeente moet vaker voorrang geven aan woningen voor starters.", ""),
        (S, "De meeste inwoners moeten binnen vijf minuten bij een bushalte wonen.", ""),
        (S, "Bijna alle nieuwe woningen moeten zonder gasaansluiting worden gebouwd.", ""),
        (S, "De afdeling moet elk jaar een ledenpanel over het programma houden.", ""),
        (
            MU,
            "Kruis alle onderwerpen aan waarover u de komende maanden wilt meepraten.",
            "",
            ("Wonen", "Zorg", "Klimaat", "Verkeer", "Iets anders, namelijk"),
        ),
        (
            CH,
            "Hoe vaak leest u de nieuwsbrief van de afdeling?",
            "",
            ("Nooit", "Soms", "Meestal", "Altijd"),
        ),
        (
            S,
            "De partij moet terughoudend zijn met samenwerken met partijen die de rechtsstaat "
            "ondermijnen.",
            "",
        ),
        (S, "De afdeling moet minder papieren nieuwsbrieven versturen.", ""),
        (S, "Leden moeten kunnen meebeslissen over de kandidatenlijst.", ""),
        (
            CH,
            "In hoeverre bent u het eens met deze stelling: de gemeente moet in woonwijken de "
            "maximumsnelheid naar 30 km verlagen.",
            "",
            AGREE,
        ),
        (S, "De fractie moet het verkiezingsprogramma zo veel mogelijk volgen.", ""),
    ],
)

JARGON = _cases(
    "jargon",
    [
        # flawed
        (S, "De ALV moet vaker op zaterdag worden gehouden.", "jargon"),
        (S, "De OZB mag de komende vier jaar niet stijgen.", "jargon negation"),
        (S, "Het PB moet de afdelingen eerder betrekken bij de kandidatenlijst.", "jargon"),
        (S, "De ledenraad moet meer bevoegdheden krijgen.", "jargon"),
        (S, "De fractie moet gedoogsteun geven aan een minderheidscollege.", "jargon"),
        (YN, "Moet de gemeente geld uit de RES gebruiken voor zonnepanelen op scholen?", "jargon"),
        (S, "Het sociaal domein verdient meer aandacht in het collegeprogramma.", "jargon"),
        (
            S,
            "De afdeling moet een motie vreemd aan de orde steunen over het asielbeleid.",
            "jargon",
        ),
        (S, "De Wmo-voorzieningen in onze gemeente zijn goed geregeld.", "jargon"),
        (S, "De gemeente moet netcongestie oplossen voordat er nieuwe bedrijven komen.", "jargon"),
        (S, "Het HR moet worden aangepast zodat leden digitaal kunnen stemmen.", "jargon"),
        (
            S,
            "De afdeling moet de MR van basisscholen betrekken bij het onderwijsprogramma.",
            "jargon",
        ),
        # near misses
        (S, "De algemene ledenvergadering (ALV) moet vaker op zaterdag worden gehouden.", ""),
        (S, "De EU moet meer doen aan de bescherming van de natuur.", ""),
        (S, "De AOW-leeftijd moet omlaag.", ""),
        (
            S,
            "De fractie moet een minderheidscollege steunen zonder zelf wethouders te leveren.",
            "",
        ),
        (S, "De afdeling moet samenwerken met de VVD en het CDA in de gemeenteraad.", ""),
        (S, "De uitstoot van CO2 door de gemeente moet in 2030 gehalveerd zijn.", ""),
        (S, "Het partijbestuur moet de afdelingen eerder betrekken bij de kandidatenlijst.", ""),
        (S, "De ledenvergadering moet meer te zeggen krijgen.", ""),
        (
            S,
            "Het huishoudelijk reglement (de interne regels van de partij) moet digitaal "
            "stemmen toestaan.",
            "",
        ),
        (
            S,
            "Het stroomnet zit vol; de gemeente moet dat oplossen voordat er nieuwe bedrijven "
            "komen.",
            "",
        ),
        (S, "De NS moet vaker stoppen op het station in ons dorp.", ""),
    ],
)

TOO_LONG = _cases(
    "too_long",
    [
        # flawed
        (
            S,
            "Omdat de gemeente de komende jaren flink moet bezuinigen en er tegelijk veel "
            "vraag is naar betaalbare woningen, moet de gemeente grond verkopen aan "
            "projectontwikkelaars die sociale huur bouwen.",
            "too_long",
        ),
        (
            YN,
            "Vindt u dat de afdeling, nu er na de verkiezingen van maart een nieuwe coalitie "
            "gevormd moet worden, al in een vroeg stadium met andere partijen in gesprek moet gaan "
            "over een mogelijk akkoord?",
            "too_long",
        ),
        (
            S,
            "De gemeente moet bij het ontwerpen van nieuwe wijken vanaf het begin rekening "
            "houden met hittestress, wateroverlast en voldoende groen in de straat.",
            "too_long",
        ),
        (
            CH,
            "Als u terugdenkt aan de campagne voor de gemeenteraadsverkiezingen van dit jaar, "
            "met de flyeracties, de debatten en de bijeenkomsten in de wijken, hoe tevreden bent u "
            "dan over de campagne?",
            "too_long",
            SATISFIED,
        ),
        (
            S,
            "Gezien de stijgende zorgkosten en de vergrijzing in onze regio moet de gemeente "
            "meer geld reserveren voor ondersteuning van mantelzorgers in kleine kernen.",
            "too_long",
        ),
        (
            S,
            "De fractie moet in de gemeenteraad een voorstel indienen om leegstaande "
            "winkelpanden in het centrum om te bouwen tot kleine betaalbare woningen "
            "voor jongeren.",
            "too_long",
        ),
        (
            S,
            "Wanneer er een nieuwe wethouder wordt gekozen, moet de afdeling vooraf met de leden "
            "bespreken aan welke eisen een kandidaat volgens hen moet voldoen.",
            "too_long",
        ),
        (
            YN,
            "Bent u bereid om in de periode tot aan de verkiezingen van volgend jaar ten minste "
            "één keer per maand een zaterdagochtend mee te helpen met flyeren in uw eigen wijk?",
            "too_long",
        ),
        (
            S,
            "Het college moet de komende raadsperiode extra investeren in veilige fietsroutes "
            "naar middelbare scholen in de omliggende dorpen van onze gemeente.",
            "too_long",
        ),
        (
            CH,
            "Hoe belangrijk vindt u het dat de kandidaten op onze lijst voor de "
            "gemeenteraadsverkiezingen in hun eigen wijk of dorp bekend zijn bij de inwoners?",
            "too_long",
            ("Zeer onbelangrijk", "Onbelangrijk", "Neutraal", "Belangrijk", "Zeer belangrijk"),
        ),
        # near misses
        (S, "De gemeente moet grond verkopen aan bouwers van sociale huurwoningen.", ""),
        (
            YN,
            "Moet de afdeling na de verkiezingen snel met andere partijen praten over een "
            "coalitie?",
            "",
        ),
        (S, "Nieuwe wijken moeten ruimte geven aan groen in de straat.", ""),
        (
            CH,
            "Denk aan de campagne van dit jaar. Hoe tevreden bent u over de campagne?",
            "",
            SATISFIED,
        ),
        (S, "De gemeente moet meer geld reserveren voor mantelzorgers in kleine kernen.", ""),
        (S, "Leegstaande winkels in het centrum moeten woningen voor jongeren worden.", ""),
        (
            S,
            "De afdeling moet met de leden bespreken wat zij van een nieuwe wethouder verwachten.",
            "",
        ),
        (YN, "Wilt u voor de verkiezingen één keer per maand helpen met flyeren in uw wijk?", ""),
        (
            S,
            "De gemeente moet de komende vier jaar extra investeren in veilige fietsroutes naar "
            "middelbare scholen.",
            "",
        ),
        (
            CH,
            "Hoe belangrijk is het dat onze kandidaten bekend zijn in hun eigen wijk?",
            "",
            ("Zeer onbelangrijk", "Onbelangrijk", "Neutraal", "Belangrijk", "Zeer belangrijk"),
        ),
    ],
)

UNBALANCED = _cases(
    "unbalanced_scale",
    [
        # flawed
        (
            CH,
            "Hoe tevreden bent u over de ledenavonden van de afdeling?",
            "unbalanced_scale",
            ("Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden"),
        ),
        (
            CH,
            "Hoe beoordeelt u het verkiezingsprogramma?",
            "unbalanced_scale no_neutral",
            ("Uitstekend", "Zeer goed", "Goed", "Matig", "Slecht"),
        ),
        (
            CH,
            "Moet de afdeling meedoen aan de gemeenteraadsverkiezingen?",
            "unbalanced_scale",
            ("Ja, zeker", "Ja, waarschijnlijk wel", "Nee", "Weet niet"),
        ),
        (
            CH,
            "Hoe vindt u de samenwerking tussen fractie en afdelingsbestuur?",
            "unbalanced_scale no_neutral",
            ("Zeer goed", "Goed", "Redelijk goed", "Slecht"),
        ),
        (
            CH,
            "Hoe belangrijk is klimaatbeleid voor uw stem bij de verkiezingen?",
            "unbalanced_scale no_neutral",
            ("Zeer belangrijk", "Belangrijk", "Enigszins belangrijk", "Onbelangrijk"),
        ),
        (
            CH,
            "Hoeveel geld moet de gemeente uitgeven aan cultuur?",
            "unbalanced_scale",
            ("Veel meer", "Meer", "Evenveel als nu", "Minder"),
        ),
        (
            CH,
            "In hoeverre steunt u het coalitieakkoord?",
            "unbalanced_scale",
            ("Volledig eens", "Grotendeels eens", "Enigszins eens", "Neutraal", "Oneens"),
        ),
        (
            CH,
            "Hoe tevreden bent u over de nieuwsbrief?",
            "unbalanced_scale no_neutral",
            ("Heel erg tevreden", "Zeer tevreden", "Tevreden", "Niet tevreden"),
        ),
        (
            CH,
            "Hoe waarschijnlijk is het dat u op de ledenvergadering komt?",
            "unbalanced_scale",
            ("Zeer waarschijnlijk", "Waarschijnlijk", "Misschien", "Onwaarschijnlijk", "Weet niet"),
        ),
        (
            CH,
            "Wat vindt u van het plan voor een nieuw zwembad?",
            "unbalanced_scale",
            ("Zeer positief", "Positief", "Neutraal", "Negatief", "Weet niet"),
        ),
        # near misses
        (CH, "Hoe tevreden bent u over de ledenavonden van de afdeling?", "", SATISFIED),
        (
            CH,
            "Hoe beoordeelt u het verkiezingsprogramma?",
            "",
            ("Zeer slecht", "Slecht", "Neutraal", "Goed", "Zeer goed"),
        ),
        (
            CH,
            "Moet de afdeling meedoen aan de gemeenteraadsverkiezingen?",
            "",
            (
                "Ja, zeker",
                "Ja, waarschijnlijk",
                "Nee, waarschijnlijk niet",
                "Nee, zeker niet",
                "Weet niet",
            ),
        ),
        (
            CH,
            "Welke partij is voor u de belangrijkste samenwerkingspartner?",
            "",
            ("GroenLinks", "PvdA", "D66", "SP", "Iets anders, namelijk", "Weet niet"),
        ),
        (
            CH,
            "Hoe belangrijk is klimaatbeleid voor uw stem bij de verkiezingen?",
            "",
            ("Zeer onbelangrijk", "Onbelangrijk", "Neutraal", "Belangrijk", "Zeer belangrijk"),
        ),
        (
            CH,
            "Hoeveel geld moet de gemeente uitgeven aan cultuur?",
            "",
            ("Veel meer", "Meer", "Evenveel als nu", "Minder", "Veel minder"),
        ),
        (
            CH,
            "Hoe vaak gaat u naar een ledenavond?",
            "",
            ("Nooit", "Een keer per jaar", "Een paar keer per jaar", "Elke maand"),
        ),
        (
            CH,
            "Hoe tevreden bent u over de nieuwsbrief?",
            "",
            (
                "Zeer ontevreden",
                "Ontevreden",
                "Niet tevreden, niet ontevreden",
                "Tevreden",
                "Zeer tevreden",
            ),
        ),
        (
            CH,
            "Hoe bent u lid geworden?",
            "",
            ("Via de website", "Via een bekende", "Op een bijeenkomst", "Iets anders, namelijk"),
        ),
        (
            CH,
            "Wat vindt u van het plan voor een nieuw zwembad?",
            "",
            ("Zeer negatief", "Negatief", "Neutraal", "Positief", "Zeer positief", "Weet niet"),
        ),
    ],
)

NO_NEUTRAL = _cases(
    "no_neutral",
    [
        # flawed
        (
            S,
            "De gemeente moet een deel van het Stadspark bebouwen met woningen.",
            "no_neutral",
            ("Helemaal mee oneens", "Mee oneens", "Mee eens", "Helemaal mee eens"),
        ),
        (
            CH,
            "Hoe tevreden bent u over het werk van de fractie?",
            "no_neutral",
            ("Zeer ontevreden", "Ontevreden", "Tevreden", "Zeer tevreden"),
        ),
        (
            S,
            "De afdeling moet een eigen jongerenafdeling oprichten.",
            "no_neutral",
            ("Oneens", "Eens"),
        ),
        (
            GR,
            "In hoeverre bent u het eens met de volgende stellingen?",
            "no_neutral",
            ("De fractie is goed zichtbaar.", "De afdeling luistert naar haar leden."),
            ("Helemaal oneens", "Oneens", "Eens", "Helemaal eens"),
        ),
        (
            CH,
            "Wat vindt u van de kandidatenlijst?",
            "no_neutral",
            ("Zeer slecht", "Slecht", "Goed", "Zeer goed"),
        ),
        (
            CH,
            "Hoe kijkt u aan tegen deelname aan een coalitie met de VVD?",
            "no_neutral",
            ("Zeer negatief", "Negatief", "Positief", "Zeer positief"),
        ),
        (
            S,
            "Onze partij moet in de provincie oppositie blijven voeren.",
            "no_neutral",
            ("Zeer oneens", "Oneens", "Eens", "Zeer eens"),
        ),
        (
            CH,
            "Hoe belangrijk is een eigen wethouder voor onze afdeling?",
            "no_neutral",
            ("Zeer onbelangrijk", "Onbelangrijk", "Belangrijk", "Zeer belangrijk"),
        ),
        (
            CH,
            "Hoe waarschijnlijk is het dat u zich kandidaat stelt?",
            "no_neutral",
            ("Zeer onwaarschijnlijk", "Onwaarschijnlijk", "Waarschijnlijk", "Zeer waarschijnlijk"),
        ),
        (
            S,
            "De contributie mag met vijf euro per jaar omhoog.",
            "no_neutral",
            ("Helemaal oneens", "Oneens", "Eens", "Helemaal eens"),
        ),
        # near misses
        (S, "De gemeente moet een deel van het Stadspark bebouwen met woningen.", ""),
        (CH, "Hoe tevreden bent u over het werk van de fractie?", "", SATISFIED),
        (
            S,
            "De afdeling moet een eigen jongerenafdeling oprichten.",
            "",
            ("Helemaal mee oneens", "Mee oneens", "Mee eens", "Helemaal mee eens", "Weet niet"),
        ),
        (
            GR,
            "In hoeverre bent u het eens met de volgende stellingen?",
            "",
            (
                "De fractie is goed zichtbaar in de wijken.",
                "De afdeling organiseert genoeg ledenavonden.",
            ),
        ),
        (
            CH,
            "Wat vindt u van de kandidatenlijst?",
            "",
            ("Zeer slecht", "Slecht", "Niet goed, niet slecht", "Goed", "Zeer goed"),
        ),
        (
            CH,
            "Hoe kijkt u aan tegen deelname aan een coalitie met de VVD?",
            "",
            ("Zeer negatief", "Negatief", "Positief", "Zeer positief", "Geen mening"),
        ),
        (YN, "Bent u lid van een vakbond?", ""),
        (
            CH,
            "Welke dag past u het best voor een ledenavond?",
            "",
            ("Maandag", "Dinsdag", "Woensdag", "Donderdag"),
        ),
        (
            CH,
            "Hoe vaak heeft u het afgelopen jaar geflyerd?",
            "",
            ("Nooit", "1 of 2 keer", "3 tot 5 keer", "Vaker dan 5 keer"),
        ),
        (S, "De contributie mag met vijf euro per jaar omhoog.", "", AGREE),
    ],
)

OVERLAP = _cases(
    "overlapping_ranges",
    [
        # flawed
        (
            CH,
            "Hoeveel uur per maand besteedt u aan vrijwilligerswerk voor de partij?",
            "overlapping_ranges",
            ("0-10 uur", "10-25 uur", "25-50 uur", "Meer dan 50 uur"),
        ),
        (
            CH,
            "Wat is uw leeftijd?",
            "overlapping_ranges",
            ("18-25", "25-35", "35-50", "50-65", "65 of ouder"),
        ),
        (
            CH,
            "Hoeveel jaar bent u lid?",
            "overlapping_ranges",
            ("0-5 jaar", "5-10 jaar", "10 jaar of langer"),
        ),
        (
            CH,
            "Hoeveel uur per week bent u actief in de campagne?",
            "overlapping_ranges",
            ("0-9", "11-20", "Meer dan 20"),
        ),
        (
            CH,
            "Hoeveel ledenavonden bezocht u het afgelopen jaar?",
            "overlapping_ranges",
            ("0", "1-3", "3-6", "6 of meer"),
        ),
        (
            CH,
            "Hoe oud bent u?",
            "overlapping_ranges",
            ("Jonger dan 30", "30-40", "40-60", "60 of ouder"),
        ),
        (
            CH,
            "Hoeveel wilt u per jaar extra doneren voor de campagne?",
            "overlapping_ranges",
            ("€ 0 - € 25", "€ 25 - € 50", "€ 50 - € 100", "Meer dan € 100"),
        ),
        (
            CH,
            "Hoe ver woont u van het dichtstbijzijnde station?",
            "overlapping_ranges",
            ("Minder dan 1 km", "1-3 km", "5-10 km", "Meer dan 10 km"),
        ),
        (
            CH,
            "Wat is uw leeftijd?",
            "overlapping_ranges",
            ("Tot 25 jaar", "26-40 jaar", "40-65 jaar", "65 jaar of ouder"),
        ),
        (
            CH,
            "Hoeveel minuten reist u naar uw werk?",
            "overlapping_ranges",
            ("0-15 minuten", "15-30 minuten", "30-60 minuten", "Meer dan 60 minuten"),
        ),
        (
            MU,
            "Hoeveel uur per week zou u in de campagne willen steken?",
            "overlapping_ranges",
            ("1-2 uur", "2-4 uur", "4 uur of meer"),
        ),
        # near misses
        (
            CH,
            "Hoeveel uur per maand besteedt u aan vrijwilligerswerk voor de partij?",
            "",
            ("0-4 uur", "5-9 uur", "10-24 uur", "25 uur of meer"),
        ),
        (CH, "Wat is uw leeftijd?", "", ("18-24", "25-34", "35-49", "50-64", "65 of ouder")),
        (
            CH,
            "Hoeveel jaar bent u lid?",
            "",
            ("Korter dan 5 jaar", "5-9 jaar", "10 jaar of langer"),
        ),
        (
            CH,
            "Hoeveel ledenavonden bezocht u het afgelopen jaar?",
            "",
            ("0", "1", "2", "3", "4 of meer"),
        ),
        (CH, "Hoe oud bent u?", "", ("Jonger dan 30", "30-39", "40-59", "60 of ouder")),
        (CH, "Wat is uw leeftijd?", "", ("Tot 25 jaar", "25 jaar of ouder")),
        (
            CH,
            "Hoeveel wilt u per jaar extra doneren voor de campagne?",
            "",
            ("€ 0 - € 24", "€ 25 - € 49", "€ 50 - € 99", "€ 100 of meer"),
        ),
        (
            CH,
            "Hoeveel minuten reist u naar uw werk?",
            "",
            ("Minder dan 15 minuten", "15-29 minuten", "30-59 minuten", "60 minuten of meer"),
        ),
        (CH, "In welke gemeente woont u?", "", ("Utrecht", "Zeist", "Houten", "Nieuwegein")),
        (CH, "Wanneer bent u lid geworden?", "", ("Voor 2010", "2010-2019", "2020 of later")),
    ],
)

OPEN_DOOR = _cases(
    "open_door",
    [
        # flawed
        (S, "Het is belangrijk dat de partij naar haar leden luistert.", "open_door"),
        (S, "Goed onderwijs is belangrijk.", "open_door"),
        (S, "De gemeente moet zorgen voor goede zorg voor ouderen.", "open_door"),
        (
            S,
            "Een schone en veilige leefomgeving is belangrijk voor iedereen.",
            "open_door absolute double_barreled",
        ),
        (S, "De fractie moet luisteren naar de inwoners.", "open_door"),
        (S, "Betaalbare woningen zijn van groot belang voor onze stad.", "open_door"),
        (S, "De afdeling moet transparant zijn over haar besluiten.", "open_door"),
        (S, "Het is goed dat leden kunnen meepraten over het verkiezingsprogramma.", "open_door"),
        (S, "De gemeente moet investeren in veilige fietsroutes naar school.", "open_door"),
        (S, "Ieder kind verdient een goede start.", "open_door absolute"),
        (S, "Een sterke lokale economie blijft essentieel voor de regio.", "open_door"),
        # near misses
        (S, "De partij moet vaker een ledenpanel houden, ook als dat geld kost.", ""),
        (S, "Goed onderwijs is belangrijker dan lagere lokale lasten.", ""),
        (
            S,
            "De gemeente moet meer geld uitgeven aan ouderenzorg, ook als de OZB "
            "(onroerendezaakbelasting) daarvoor omhoog gaat.",
            "",
        ),
        (S, "Een schone leefomgeving moet voorgaan op ruimte voor bedrijven.", ""),
        (
            S,
            "De fractie moet de uitslag van het ledenpanel volgen, ook als dat afwijkt van het "
            "coalitieakkoord.",
            "",
        ),
        (S, "De gemeente moet in het Stadspark woningen bouwen.", ""),
        (S, "Leden moeten vóór elke coalitie een bindende stem krijgen.", "absolute"),
        (S, "Voor veilige fietsroutes mogen parkeerplaatsen verdwijnen.", ""),
        (
            S,
            "Het kinderpardon moet worden uitgebreid, zelfs als er daardoor minder geld is voor "
            "andere zaken.",
            "",
        ),
        (S, "De gemeente moet bedrijventerreinen uitbreiden ten koste van landbouwgrond.", ""),
        (
            CH,
            "Wat moet de gemeente het eerst aanpakken?",
            "",
            ("Wonen", "Zorg", "Verkeer", "Klimaat", "Iets anders, namelijk"),
        ),
    ],
)

HELD_OUT = _cases(
    "held_out",
    [
        (
            S,
            "De wethouder moet zowel de buurthuizen openhouden als de subsidie voor sportclubs "
            "verhogen.",
            DB,
        ),
        (
            CH,
            "Hoe tevreden bent u over de snelheid en de vriendelijkheid van de gemeentebalie?",
            DB,
            SATISFIED,
        ),
        (S, "De raad moet het nieuwe bestemmingsplan goedkeuren en meer groen eisen.", DB),
        (S, "De gemeente moet het zwembad renoveren.", ""),
        (S, "Het is toch onbegrijpelijk dat de gemeente de buurthuizen sluit?", "leading negation"),
        (S, "Het verkiezingsprogramma moet uiteraard ruimte bieden voor lokale wensen.", "leading"),
        (
            YN,
            "Bent u het er niet mee eens dat de kosten van de energietransitie te hoog zijn?",
            "leading negation",
        ),
        (
            S,
            "De gemeente moet de kosten van de energietransitie eerlijker verdelen tussen "
            "huurders en kopers.",
            "leading",
        ),
        (S, "Het zwembad mag niet dicht.", "negation"),
        (S, "Het is ongewenst dat de afdeling geen eigen lijst indient.", "negation"),
        (S, "Ik ben tegen de komst van een tweede supermarkt in het dorp.", ""),
        (S, "De afdeling moet de fractie niet altijd steunen.", "negation absolute"),
        (S, "Alle wethouders moeten in de gemeente wonen.", "absolute"),
        (S, "De bibliotheek moet elke dag open zijn.", ""),
        (
            S,
            "Niemand zou meer dan 30 procent van zijn inkomen aan huur moeten betalen.",
            "absolute",
        ),
        (S, "De meeste wethouders horen in de gemeente te wonen.", ""),
        (S, "Het DB moet de notulen binnen een week delen.", "jargon"),
        (S, "Het dagelijks bestuur (DB) moet de notulen binnen een week delen.", ""),
        (S, "De fractie moet een amendement indienen op de voorjaarsnota.", "jargon"),
        (S, "De NAVO-norm voor defensie-uitgaven moet gehaald worden.", ""),
        (
            S,
            "In de aanloop naar de gemeenteraadsverkiezingen moet de afdeling in elke wijk "
            "minstens twee bijeenkomsten houden waar inwoners hun zorgen en ideeën kunnen "
            "delen met kandidaten.",
            "too_long absolute",
        ),
        (S, "De afdeling moet in elke wijk twee bijeenkomsten houden.", "absolute"),
        (
            CH,
            "Hoe tevreden bent u over het werk van de wethouder?",
            "unbalanced_scale",
            ("Zeer tevreden", "Tevreden", "Redelijk tevreden", "Ontevreden", "Weet niet"),
        ),
        (
            CH,
            "Vindt u dat de gemeente meer of minder moet bouwen?",
            "",
            ("Veel meer", "Meer", "Evenveel", "Minder", "Veel minder", "Weet niet"),
        ),
        (
            CH,
            "Hoe goed kent u het programma van de afdeling?",
            "",
            ("Helemaal niet", "Een beetje", "Redelijk", "Goed"),
        ),
        (
            CH,
            "Wat vindt u van de nieuwe website?",
            "no_neutral",
            ("Slecht", "Matig", "Goed", "Uitstekend"),
        ),
        (
            CH,
            "Hoe belangrijk is het dat de afdeling een eigen krant uitgeeft?",
            "",
            (
                "Zeer onbelangrijk",
                "Onbelangrijk",
                "Neutraal",
                "Belangrijk",
                "Zeer belangrijk",
                "Weet niet",
            ),
        ),
        (
            S,
            "De afdeling moet een eigen krant uitgeven.",
            "no_neutral",
            ("Oneens", "Enigszins oneens", "Enigszins eens", "Eens"),
        ),
        (
            CH,
            "Hoeveel leden telt uw werkgroep?",
            "overlapping_ranges",
            ("1-5", "5-10", "10-20", "Meer dan 20"),
        ),
        (CH, "Hoeveel leden telt uw werkgroep?", "", ("1-4", "5-9", "10-19", "20 of meer")),
        (
            CH,
            "Hoeveel euro contributie betaalt u per jaar?",
            "overlapping_ranges",
            ("Minder dan 30 euro", "30-60 euro", "70-100 euro", "Meer dan 100 euro"),
        ),
        (
            CH,
            "Hoe lang woont u in deze gemeente?",
            "",
            ("Minder dan 2 jaar", "2-9 jaar", "10 jaar of langer"),
        ),
        (S, "Veiligheid op straat is erg belangrijk.", "open_door"),
        (
            S,
            "De gemeente moet zorgen voor een goede bereikbaarheid van het ziekenhuis.",
            "open_door",
        ),
        (S, "Veiligheid op straat is belangrijker dan de kosten van extra handhavers.", ""),
        (
            S,
            "De gemeente moet de bus naar het ziekenhuis behouden, ook als de buslijn "
            "verlies maakt.",
            "",
        ),
        (YN, "Heeft u de afgelopen maand de website van de afdeling bezocht?", ""),
        (
            MU,
            "Via welke kanalen hoort u graag van de afdeling?",
            "",
            ("E-mail", "Nieuwsbrief op papier", "WhatsApp", "Website", "Iets anders"),
        ),
        (S, "De afdeling moet leden en niet-leden uitnodigen voor het programmadebat.", DB),
        (
            S,
            "Jongeren en ouderen moeten even zwaar meetellen bij het opstellen van het programma.",
            "",
        ),
    ],
    held_out=True,
)

DESIGN_CASES: list[Case] = (
    DOUBLE_BARRELED
    + LEADING
    + NEGATION
    + ABSOLUTE
    + JARGON
    + TOO_LONG
    + UNBALANCED
    + NO_NEUTRAL
    + OVERLAP
    + OPEN_DOOR
)
HELD_OUT_CASES: list[Case] = HELD_OUT
ALL_CASES: list[Case] = DESIGN_CASES + HELD_OUT_CASES
