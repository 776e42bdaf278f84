"""An independent set of member-panel questions, labelled apart from the linter.

Written by a methodologist who knew only the guideline
(``QUESTION-GUIDELINE.md``) and the rule ids, not the linter's code or the
design examples. Per rule there are flawed questions and sound near misses that
look alike. ``expect`` lists every measured rule that *should* fire; all cases
are held out. ``bench/lint_independent.py`` reports precision and recall.
"""

from __future__ import annotations

from dataclasses import replace

from tests.support.guideline.testset import YES_NO, Case, _cases

SATISFIED_5 = (
    "Zeer tevreden",
    "Tevreden",
    "Neutraal",
    "Ontevreden",
    "Zeer ontevreden",
    "Weet niet",
)
GOOD_5 = ("Zeer goed", "Goed", "Neutraal", "Slecht", "Zeer slecht", "Weet niet")
AGREE_4 = ("Helemaal mee eens", "Mee eens", "Mee oneens", "Helemaal mee oneens")
AGREE_SCALE_STATEMENTS = "In hoeverre bent u het eens met de volgende uitspraken?"

DOUBLE_BARRELED = _cases(
    "double_barreled",
    [
        # flawed
        (
            "statement",
            "De gemeente moet meer sociale huurwoningen bouwen en de parkeernormen "
            "in het centrum verlagen.",
            "double_barreled",
        ),
        (
            "choice",
            "Hoe tevreden bent u over de inhoud en de vormgeving van de nieuwsbrief?",
            "double_barreled",
            SATISFIED_5,
        ),
        (
            "yes_no",
            "Wilt u tijdens de campagne meehelpen met flyeren en met langs de deuren gaan?",
            "double_barreled",
            YES_NO,
        ),
        (
            "statement",
            "De fractie moet zowel de toeristenbelasting verhogen als de opbrengst "
            "besteden aan de binnenstad.",
            "double_barreled",
        ),
        (
            "statement",
            "De gemeente moet doorgaan met het windpark bij Oosterwolde en de "
            "omwonenden laten meeprofiteren.",
            "double_barreled",
        ),
        (
            "yes_no",
            "Vindt u dat de contributie omhoog moet of dat de afdeling moet bezuinigen "
            "op activiteiten?",
            "double_barreled",
            YES_NO,
        ),
        (
            "grid",
            "Hoe kijkt u naar onze lijsttrekker?",
            "double_barreled",
            [
                "De lijsttrekker is goed zichtbaar in de wijken en luistert naar inwoners.",
                "De lijsttrekker kan goed debatteren.",
            ],
        ),
        (
            "choice",
            "Hoe beoordeelt u de bereikbaarheid en de dienstregeling van de bus in uw dorp?",
            "double_barreled",
            GOOD_5,
        ),
        # sound near misses
        (
            "statement",
            "Het Centrum voor Jeugd en Gezin moet ook 's avonds open zijn.",
            "",
        ),
        (
            "yes_no",
            "Komt u af en toe naar de maandelijkse politieke borrel van de afdeling?",
            "",
            YES_NO,
        ),
        (
            "statement",
            "Het aantal parkeerplaatsen in en rond het centrum moet gelijk blijven.",
            "",
        ),
        (
            "choice",
            "Hoe tevreden bent u over de samenwerking tussen fractie en bestuur?",
            "",
            SATISFIED_5,
        ),
        (
            "statement",
            "De provincie moet de busverbinding tussen Assen en Groningen ook in het "
            "weekend laten rijden.",
            "",
        ),
        (
            "yes_no",
            "Vindt u dat GroenLinks en PvdA in onze gemeente één fractie moeten vormen?",
            "",
            YES_NO,
        ),
        (
            "statement",
            "Jongeren en ouderen moeten evenveel inspraak krijgen bij het schrijven van "
            "het verkiezingsprogramma.",
            "",
        ),
        (
            "choice",
            "Heeft u voorkeur voor een fysieke of een online ledenvergadering?",
            "",
            ["Fysiek", "Online", "Geen voorkeur"],
        ),
    ],
    held_out=True,
)

LEADING = _cases(
    "leading",
    [
        # flawed
        (
            "statement",
            "Het is schandalig dat de gemeente de bibliotheek in Noord sluit.",
            "leading",
        ),
        (
            "yes_no",
            "De wachtlijsten in de jeugdzorg zijn veel te lang, toch?",
            "leading",
            YES_NO,
        ),
        (
            "yes_no",
            "Vindt u ook niet dat de wethouder moet aftreden na het debacle rond het zwembad?",
            "leading",
            YES_NO,
        ),
        (
            "statement",
            "Zoals de meeste leden al aangeven, moet de afdeling fuseren met de buurafdeling.",
            "leading",
        ),
        (
            "statement",
            "Deskundigen zijn het erover eens dat het aardgasvrij maken van wijken te snel gaat.",
            "leading",
        ),
        (
            "choice",
            "Hoe beoordeelt u de absurde verhoging van de parkeertarieven?",
            "leading",
            GOOD_5,
        ),
        (
            "statement",
            "De fractie moet eindelijk zorgen voor een eerlijk huurbeleid bij de corporaties.",
            "leading",
        ),
        (
            "yes_no",
            "Veel leden vinden dat de samenwerking met de VVD niet werkt. "
            "Moet de fractie uit de coalitie stappen?",
            "leading",
            YES_NO,
        ),
        # sound near misses
        (
            "statement",
            "De gemeente moet de bibliotheek in Noord openhouden, ook als dat geld kost.",
            "",
        ),
        (
            "yes_no",
            "Wilt u ook bij de volgende verkiezingen weer helpen bij de campagne?",
            "",
            YES_NO,
        ),
        (
            "choice",
            "Wat vindt u van het voorstel van de rekenkamer om minder verenigingen "
            "subsidie te geven?",
            "",
            GOOD_5,
        ),
        (
            "statement",
            "De wethouder van wonen moet aftreden na het rapport over de funderingsproblemen.",
            "",
        ),
        (
            "statement",
            "De meeste raadsvergaderingen moeten ook online te volgen zijn.",
            "",
        ),
        (
            "yes_no",
            "Vindt u dat de fractie de motie over een vuurwerkvrije zone moet steunen?",
            "",
            YES_NO,
        ),
        (
            "statement",
            "Een hogere toeristenbelasting is een goede manier om het onderhoud van de "
            "duinen te betalen.",
            "",
        ),
    ],
    held_out=True,
)

NEGATION = _cases(
    "negation",
    [
        # flawed
        (
            "statement",
            "Het is niet onverstandig om de contributie te verhogen.",
            "negation",
        ),
        (
            "statement",
            "De gemeente moet niet stoppen met de subsidie voor buurtbussen.",
            "negation",
        ),
        (
            "statement",
            "De afdeling hoeft geen kandidaten van buiten de partij op de lijst te zetten.",
            "negation",
        ),
        (
            "yes_no",
            "Bent u het er niet mee oneens dat de fractie de begroting heeft gesteund?",
            "negation",
            YES_NO,
        ),
        (
            "statement",
            "Windmolens horen niet thuis in het Groene Hart.",
            "negation",
        ),
        (
            "statement",
            "Het is geen slecht idee om de wijkraden af te schaffen.",
            "negation",
        ),
        (
            "statement",
            "De gemeente mag de bouw van tiny houses niet langer tegenhouden.",
            "negation",
        ),
        (
            "grid",
            AGREE_SCALE_STATEMENTS,
            "negation",
            [
                "Het college moet niet bezuinigen op de thuiszorg.",
                "De gemeente moet het budget voor huishoudelijke hulp gelijk houden.",
            ],
        ),
        # sound near misses
        (
            "statement",
            "De contributie moet omhoog om de campagne te kunnen betalen.",
            "",
        ),
        (
            "statement",
            "De gemeente moet doorgaan met de subsidie voor buurtbussen.",
            "",
        ),
        (
            "statement",
            "Ondernemers in het centrum moeten meebetalen aan de verlichting van de winkelstraten.",
            "",
        ),
        (
            "statement",
            "De gemeente moet een onafhankelijk onderzoek laten doen naar de "
            "luchtkwaliteit rond het industrieterrein.",
            "",
        ),
        (
            "choice",
            "Waarom bent u niet naar de laatste ledenvergadering gekomen?",
            "",
            [
                "Ik had geen tijd",
                "Het onderwerp sprak me niet aan",
                "De locatie was te ver weg",
                "Iets anders, namelijk …",
            ],
        ),
        (
            "statement",
            "Het college moet de bouw van de nieuwe sporthal uitstellen.",
            "",
        ),
        (
            "statement",
            "Nieuwbouwwijken moeten aardgasvrij worden gebouwd.",
            "",
        ),
        (
            "yes_no",
            "Heeft u weleens overwogen uw lidmaatschap op te zeggen?",
            "",
            YES_NO,
        ),
    ],
    held_out=True,
)

ABSOLUTE = _cases(
    "absolute",
    [
        # flawed
        (
            "statement",
            "Elke wijk moet een eigen huisartsenpost krijgen.",
            "absolute",
        ),
        (
            "statement",
            "De fractie moet altijd tegen bezuinigingen op de bibliotheek stemmen.",
            "absolute",
        ),
        (
            "statement",
            "Iedereen die in onze gemeente werkt, moet hier ook kunnen wonen.",
            "absolute",
        ),
        # "geen enkele" is both an absolute and negative wording in a statement.
        (
            "statement",
            "Geen enkele vestiging van de bibliotheek mag sluiten.",
            "absolute negation",
        ),
        (
            "statement",
            "De gemeente moet altijd eerst de inwoners raadplegen voordat er een windmolen komt.",
            "absolute",
        ),
        (
            "statement",
            "Alle nieuwe huurwoningen moeten naar jongeren uit het eigen dorp gaan.",
            "absolute",
        ),
        (
            "grid",
            AGREE_SCALE_STATEMENTS,
            "absolute",
            [
                "Iedere raadsvergadering moet live worden uitgezonden.",
                "Raadsleden moeten één keer per jaar verantwoording afleggen aan de leden.",
            ],
        ),
        (
            "statement",
            "Een wethouder moet altijd uit de grootste fractie komen.",
            "absolute",
        ),
        # sound near misses
        (
            "statement",
            "De meeste nieuwe huurwoningen moeten naar jongeren uit het eigen dorp gaan.",
            "",
        ),
        (
            "statement",
            "Raadsleden moeten minstens één keer per jaar een spreekuur in de wijk houden.",
            "",
        ),
        (
            "yes_no",
            "Heeft u bij gemeenteraadsverkiezingen altijd op onze partij gestemd?",
            "",
            YES_NO,
        ),
        (
            "statement",
            "Alleenstaanden moeten voorrang krijgen bij kleine sociale huurwoningen.",
            "",
        ),
        (
            "statement",
            "Alles bij elkaar genomen heeft de fractie de afgelopen periode goed werk geleverd.",
            "",
        ),
        (
            "choice",
            "Hoe vaak leest u de nieuwsbrief van de afdeling?",
            "",
            ["Altijd", "Meestal", "Soms", "Nooit", "Weet niet"],
        ),
        (
            "statement",
            "De afdeling moet elk jaar een ledenpanel houden over het verkiezingsprogramma.",
            "",
        ),
    ],
    held_out=True,
)

JARGON = _cases(
    "jargon",
    [
        # flawed
        (
            "statement",
            "De OZB moet omhoog om het tekort in het sociaal domein te dekken.",
            "jargon",
        ),
        (
            "yes_no",
            "Moet de fractie instemmen met de voorjaarsnota als de algemene reserve onder "
            "de ondergrens van het weerstandsvermogen komt?",
            "jargon",
            YES_NO,
        ),
        (
            "statement",
            "De gemeente moet vaker maatwerkvoorzieningen inzetten in plaats van "
            "algemene voorzieningen.",
            "jargon",
        ),
        (
            "statement",
            "De RES-ambities van onze regio moeten naar beneden worden bijgesteld.",
            "jargon",
        ),
        (
            "choice",
            "Welke rol moet de fractie spelen bij de herijking van het GVVP?",
            "jargon",
            [
                "Actief meedenken met het college",
                "Afwachten tot het college met een voorstel komt",
                "Weet niet",
            ],
        ),
        (
            "statement",
            "Bij de KL-procedure moet de afdeling meer gewicht geven aan lokale binding.",
            "jargon",
        ),
        (
            "statement",
            "Het college moet de SPUK-middelen voor sport volledig doorgeven aan de verenigingen.",
            "jargon",
        ),
        (
            "yes_no",
            "Steunt u een amendement om de dekking uit de BR ruimtelijke ontwikkeling te halen?",
            "jargon",
            YES_NO,
        ),
        # sound near misses
        (
            "statement",
            "De onroerendezaakbelasting (OZB) moet omhoog om de jeugdzorg te betalen.",
            "",
        ),
        (
            "statement",
            "De NS moet de nachttrein naar onze stad ook doordeweeks laten rijden.",
            "",
        ),
        (
            "yes_no",
            "Moet Nederland in de EU pleiten voor strengere regels voor plastic verpakkingen?",
            "",
            YES_NO,
        ),
        (
            "statement",
            "De gemeente moet de GGD meer geld geven om jongeren met psychische klachten "
            "te helpen.",
            "",
        ),
        (
            "statement",
            "De Regionale Energiestrategie (RES) moet meer ruimte geven aan zonnepanelen op daken.",
            "",
        ),
        (
            "choice",
            "Hoe krijgt u nieuws van de afdeling het liefst?",
            "",
            ["E-mail", "WhatsApp", "Website", "Instagram", "Iets anders, namelijk …"],
        ),
        (
            "statement",
            "De gemeente moet sportverenigingen compenseren voor de hogere btw op sport.",
            "",
        ),
    ],
    held_out=True,
)

TOO_LONG = _cases(
    "too_long",
    [
        # flawed
        (
            "yes_no",
            "Nu de gemeenteraad na maanden van discussie heeft besloten om het oude "
            "gemeentehuis aan de Markt te verkopen aan een projectontwikkelaar die er "
            "appartementen wil bouwen, vindt u dat onze fractie een referendum moet "
            "aanvragen?",
            "too_long",
            YES_NO,
        ),
        (
            "statement",
            "De gemeente moet bij de verdeling van de nieuwbouwwoningen in het plan De "
            "Hoven, waar de komende tien jaar ongeveer achthonderd woningen komen, "
            "voorrang geven aan jongeren die in onze gemeente zijn opgegroeid.",
            "too_long",
        ),
        (
            "choice",
            "Als u terugdenkt aan de campagne voor de gemeenteraadsverkiezingen van vorig "
            "jaar, met de huis-aan-huisfolders, de kraampjes op de markt, de debatten en "
            "de berichten op sociale media, welk onderdeel heeft volgens u het meeste "
            "effect gehad?",
            "too_long",
            [
                "Huis-aan-huisfolders",
                "Kraampjes op de markt",
                "Debatten",
                "Sociale media",
                "Weet niet",
            ],
        ),
        (
            "open",
            "Wij willen graag van u weten welke onderwerpen volgens u in de komende vier "
            "jaar de meeste aandacht van onze fractie in de gemeenteraad verdienen, als u "
            "kijkt naar wat er in uw eigen buurt speelt.",
            "too_long",
        ),
        (
            "yes_no",
            "Het bestuur stelt voor om de contributie voor leden onder de 27 jaar te "
            "verlagen naar vijf euro per jaar, waarbij het verschil wordt betaald uit de "
            "reserve die de afdeling de afgelopen jaren heeft opgebouwd: steunt u dit "
            "voorstel?",
            "too_long",
            YES_NO,
        ),
        (
            "statement",
            "De gemeente moet voor de dorpen Ees, Exloo en Odoorn, waar de provincie de "
            "buslijn per januari schrapt, zelf een buurtbus gaan betalen die op werkdagen "
            "naar het station in Emmen rijdt.",
            "too_long",
        ),
        (
            "multi",
            "Welke van de volgende activiteiten die de afdeling in het afgelopen jaar "
            "heeft georganiseerd voor leden en andere belangstellenden uit de gemeente "
            "en de omliggende dorpen heeft u zelf bezocht?",
            "too_long",
            [
                "Nieuwjaarsreceptie",
                "Scholingsavond over de begroting",
                "Zomerbarbecue",
                "Geen van deze",
            ],
        ),
        # sound near misses
        (
            "yes_no",
            "De gemeenteraad heeft besloten het oude gemeentehuis te verkopen. "
            "Moet onze fractie een referendum aanvragen?",
            "",
            YES_NO,
        ),
        (
            "statement",
            "Bij de verdeling van nieuwbouwwoningen moet de gemeente voorrang geven aan "
            "jongeren uit de eigen gemeente.",
            "",
        ),
        (
            "choice",
            "Welk onderdeel van de campagne voor de gemeenteraadsverkiezingen van vorig "
            "jaar heeft volgens u het meeste effect gehad?",
            "",
            [
                "Huis-aan-huisfolders",
                "Kraampjes op de markt",
                "Debatten",
                "Sociale media",
                "Weet niet",
            ],
        ),
        (
            "yes_no",
            "Het bestuur stelt voor de contributie voor leden onder de 27 jaar te "
            "verlagen naar vijf euro. Steunt u dit voorstel?",
            "",
            YES_NO,
        ),
        (
            "statement",
            "De gemeente moet zelf een buurtbus betalen voor de dorpen waar de "
            "provinciale buslijn verdwijnt.",
            "",
        ),
        (
            "open",
            "Welk onderwerp verdient volgens u de komende vier jaar de meeste aandacht "
            "van onze fractie in de gemeenteraad?",
            "",
        ),
        (
            "multi",
            "Welke activiteiten van de afdeling heeft u het afgelopen jaar bezocht?",
            "",
            [
                "Nieuwjaarsreceptie",
                "Scholingsavond over de begroting",
                "Zomerbarbecue",
                "Geen van deze",
            ],
        ),
    ],
    held_out=True,
)

UNBALANCED_SCALE = _cases(
    "unbalanced_scale",
    [
        # flawed
        (
            "choice",
            "Hoe tevreden bent u over de nieuwe website van de afdeling?",
            "unbalanced_scale",
            ["Zeer tevreden", "Tevreden", "Redelijk tevreden", "Ontevreden", "Weet niet"],
        ),
        (
            "choice",
            "Hoe beoordeelt u het optreden van onze lijsttrekker in het lokale verkiezingsdebat?",
            "unbalanced_scale",
            ["Uitstekend", "Zeer goed", "Goed", "Redelijk", "Slecht", "Weet niet"],
        ),
        (
            "statement",
            "De afdeling moet een betaalde campagneleider aannemen.",
            "unbalanced_scale",
            [
                "Helemaal mee eens",
                "Mee eens",
                "Enigszins mee eens",
                "Mee oneens",
                "Weet niet",
            ],
        ),
        (
            "choice",
            "Wat vindt u van het voorstel om de ledenvergadering voortaan op "
            "zaterdagochtend te houden?",
            "unbalanced_scale",
            ["Heel goed", "Goed", "Neutraal", "Slecht", "Weet niet"],
        ),
        (
            "grid",
            "Hoe tevreden bent u over de volgende onderdelen van het ledenpanel?",
            "unbalanced_scale",
            ["De lengte van de vragenlijst", "De uitleg bij de vragen"],
            ["Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden", "Weet niet"],
        ),
        (
            "choice",
            "Hoe waardeert u de samenwerking met de buurafdeling?",
            "unbalanced_scale",
            [
                "Zeer positief",
                "Positief",
                "Een beetje positief",
                "Neutraal",
                "Negatief",
                "Weet niet",
            ],
        ),
        # sound near misses
        (
            "choice",
            "Hoe tevreden bent u over de nieuwsbrief van de fractie?",
            "",
            SATISFIED_5,
        ),
        (
            "choice",
            "Hoe beoordeelt u de organisatie van de nieuwjaarsreceptie?",
            "",
            GOOD_5,
        ),
        (
            "statement",
            "De afdeling moet voor de campagne een betaalde kracht aannemen.",
            "",
            [
                "Helemaal mee eens",
                "Mee eens",
                "Enigszins mee eens",
                "Neutraal",
                "Enigszins mee oneens",
                "Mee oneens",
                "Helemaal mee oneens",
                "Weet niet",
            ],
        ),
        (
            "choice",
            "Hoe vaak gaat u naar een ledenvergadering van de afdeling?",
            "",
            ["Elke keer", "Meestal", "Soms", "Zelden", "Nooit"],
        ),
        (
            "choice",
            "Wat vindt u van het plan om de ledenvergadering voortaan op zondagmiddag te houden?",
            "",
            ["Heel goed", "Goed", "Niet goed, niet slecht", "Slecht", "Heel slecht", "Geen mening"],
        ),
        (
            "grid",
            "Hoe tevreden bent u over de volgende onderdelen van de campagne?",
            "",
            ["De verkiezingsposters", "De huis-aan-huisfolder"],
            SATISFIED_5,
        ),
        (
            "choice",
            "Welke uitspraak past het best bij u?",
            "",
            [
                "Ik wil actief meedoen in de afdeling",
                "Ik wil af en toe helpen",
                "Ik wil alleen op de hoogte blijven",
                "Ik wil liever geen berichten van de afdeling",
            ],
        ),
    ],
    held_out=True,
)

NO_NEUTRAL = _cases(
    "no_neutral",
    [
        # flawed
        (
            "statement",
            "De gemeente moet een vuurwerkverbod invoeren in het hele centrum.",
            "no_neutral",
            AGREE_4,
        ),
        (
            "choice",
            "Hoe tevreden bent u over de bereikbaarheid van het partijkantoor?",
            "no_neutral",
            ["Zeer tevreden", "Tevreden", "Ontevreden", "Zeer ontevreden"],
        ),
        (
            "grid",
            "In hoeverre bent u het eens met deze uitspraken over de fusie?",
            "no_neutral",
            [
                "De fusie met de buurpartij moet doorgaan vóór de volgende verkiezingen.",
                "De nieuwe partij moet een nieuwe naam krijgen.",
            ],
            ["Eens", "Oneens"],
        ),
        (
            "choice",
            "Wat vindt u van de manier waarop het bestuur de kandidatenlijst heeft samengesteld?",
            "no_neutral",
            ["Goed", "Slecht"],
        ),
        (
            "statement",
            "Het college moet de parkeervergunning voor bewoners duurder maken.",
            "no_neutral",
            ["Eens", "Oneens"],
        ),
        (
            "choice",
            "Hoe beoordeelt u de samenwerking in de huidige coalitie?",
            "no_neutral",
            ["Zeer positief", "Positief", "Negatief", "Zeer negatief"],
        ),
        (
            "statement",
            "Raadsleden moeten een deel van hun vergoeding afdragen aan de afdeling.",
            "no_neutral",
            [
                "Helemaal mee eens",
                "Mee eens",
                "Enigszins mee eens",
                "Enigszins mee oneens",
                "Mee oneens",
                "Helemaal mee oneens",
            ],
        ),
        # sound near misses
        (
            "statement",
            "De gemeente moet een vuurwerkverbod invoeren rond verzorgingshuizen.",
            "",
            [*AGREE_4, "Weet niet / geen mening"],
        ),
        (
            "choice",
            "Hoe tevreden bent u over de vergaderzaal in het dorpshuis?",
            "",
            ["Zeer tevreden", "Tevreden", "Ontevreden", "Zeer ontevreden", "Weet niet"],
        ),
        (
            "yes_no",
            "Moet de afdeling de fusie met de buurafdeling doorzetten?",
            "",
            YES_NO,
        ),
        (
            "choice",
            "Op welke avond komt een ledenvergadering u het best uit?",
            "",
            ["Dinsdagavond", "Donderdagavond", "Maakt mij niet uit"],
        ),
        (
            "statement",
            "Het college moet de parkeervergunning voor tweede auto's duurder maken.",
            "",
        ),
        (
            "grid",
            "Wat vindt u van deze voorstellen voor de nieuwe partij?",
            "",
            [
                "De nieuwe partij krijgt een eigen naam.",
                "Leden van beide partijen kiezen samen de lijsttrekker.",
            ],
            ["Eens", "Neutraal", "Oneens"],
        ),
        (
            "choice",
            "Wat vindt u van de nieuwe openingstijden van het partijbureau?",
            "",
            ["Goed", "Neutraal", "Slecht", "Geen mening"],
        ),
    ],
    held_out=True,
)

OVERLAPPING_RANGES = _cases(
    "overlapping_ranges",
    [
        # flawed
        (
            "choice",
            "Hoeveel uur per maand besteedt u aan vrijwilligerswerk voor de partij?",
            "overlapping_ranges",
            ["0–5 uur", "5–10 uur", "10–20 uur", "20 uur of meer"],
        ),
        (
            "choice",
            "Wat is uw leeftijd?",
            "overlapping_ranges",
            ["18–25", "25–40", "40–65", "65 of ouder"],
        ),
        (
            "choice",
            "Welke jaarlijkse contributie vindt u passend?",
            "overlapping_ranges",
            ["€ 10–20", "€ 25–40", "€ 50 of meer"],
        ),
        (
            "choice",
            "Hoe lang bent u al lid van de partij?",
            "overlapping_ranges",
            ["Korter dan 1 jaar", "1–3 jaar", "5–10 jaar", "Langer dan 10 jaar"],
        ),
        (
            "choice",
            "Hoeveel minuten reist u naar de ledenvergadering?",
            "overlapping_ranges",
            ["0-15 minuten", "15-30 minuten", "30-60 minuten", "Meer dan 60 minuten"],
        ),
        (
            "choice",
            "Hoe vaak per jaar zou u een ledenvergadering willen?",
            "overlapping_ranges",
            ["1–2 keer", "2–4 keer", "4–6 keer", "Vaker dan 6 keer"],
        ),
        (
            "choice",
            "Hoeveel mag een sociale huurwoning volgens u per maand kosten?",
            "overlapping_ranges",
            ["Tot € 500", "€ 600–700", "€ 700–900", "Meer dan € 900", "Weet niet"],
        ),
        # sound near misses
        (
            "choice",
            "Hoeveel uur per maand besteedt u aan vrijwilligerswerk voor de afdeling?",
            "",
            ["0 uur", "1–5 uur", "6–10 uur", "Meer dan 10 uur"],
        ),
        (
            "choice",
            "Wat is uw leeftijd?",
            "",
            ["18–24 jaar", "25–39 jaar", "40–64 jaar", "65 jaar of ouder"],
        ),
        # "1 tot 5" excludes 5 in Dutch, so these ranges do not overlap.
        (
            "choice",
            "Hoe lang bent u al lid van de partij?",
            "",
            ["Korter dan 1 jaar", "1 tot 5 jaar", "5 tot 10 jaar", "10 jaar of langer"],
        ),
        (
            "choice",
            "Hoe lang reist u naar de ledenvergadering?",
            "",
            [
                "Minder dan 15 minuten",
                "15 tot 30 minuten",
                "30 tot 60 minuten",
                "Een uur of langer",
            ],
        ),
        (
            "choice",
            "Welke jaarlijkse contributie vindt u passend bij een modaal inkomen?",
            "",
            ["Minder dan € 25", "€ 25–49", "€ 50–74", "€ 75 of meer", "Weet niet"],
        ),
        (
            "choice",
            "Hoe vaak per jaar wilt u een ledenvergadering?",
            "",
            ["1 keer", "2 keer", "3 of 4 keer", "5 keer of vaker"],
        ),
        (
            "choice",
            "Hoeveel kinderen jonger dan 12 jaar wonen er in uw huishouden?",
            "",
            ["Geen", "1", "2", "3 of meer"],
        ),
    ],
    held_out=True,
)

OPEN_DOOR = _cases(
    "open_door",
    [
        # flawed
        (
            "statement",
            "Veilige fietsroutes naar school zijn belangrijk.",
            "open_door",
        ),
        (
            "statement",
            "De gemeente moet zorgvuldig omgaan met belastinggeld.",
            "open_door",
        ),
        (
            "statement",
            "Ouderen moeten goede zorg kunnen krijgen.",
            "open_door",
        ),
        (
            "statement",
            "Het is belangrijk dat de afdeling goed communiceert met haar leden.",
            "open_door",
        ),
        (
            "grid",
            AGREE_SCALE_STATEMENTS,
            "open_door",
            [
                "Een goed bereikbare huisarts is belangrijk.",
                "Het openbaar vervoer moet betrouwbaar zijn.",
            ],
        ),
        (
            "statement",
            "Criminaliteit in onze wijken moet worden aangepakt.",
            "open_door",
        ),
        (
            "statement",
            "Starters moeten een kans krijgen op de woningmarkt.",
            "open_door",
        ),
        (
            "statement",
            "De partij moet luisteren naar wat inwoners belangrijk vinden.",
            "open_door",
        ),
        # sound near misses
        (
            "statement",
            "Veilige fietsroutes naar school gaan voor, ook als daardoor parkeerplaatsen "
            "verdwijnen.",
            "",
        ),
        (
            "statement",
            "De gemeente moet de onroerendezaakbelasting verhogen om de bibliotheek open "
            "te houden.",
            "",
        ),
        (
            "choice",
            "Wat moet de gemeente in de ouderenzorg als eerste aanpakken?",
            "",
            [
                "Wachtlijsten voor thuiszorg",
                "Eenzaamheid",
                "Woningen voor ouderen",
                "Iets anders, namelijk …",
            ],
        ),
        (
            "statement",
            "Goede zorg voor ouderen is belangrijker dan een nieuw zwembad.",
            "",
        ),
        (
            "statement",
            "De afdeling moet de nieuwsbrief voortaan maandelijks in plaats van wekelijks sturen.",
            "",
        ),
        (
            "statement",
            "Voor meer politie op straat moet de gemeente desnoods bezuinigen op cultuur.",
            "",
        ),
        (
            "statement",
            "Het is belangrijk dat raadsleden een vast spreekuur in de wijk houden.",
            "",
        ),
        (
            "statement",
            "Starters moeten bij nieuwbouw voorrang krijgen boven mensen die al een "
            "koophuis hebben.",
            "",
        ),
    ],
    held_out=True,
)


def _grid_dont_know(cases: list[Case]) -> list[Case]:
    """``_cases`` takes a grid's "weet niet" from its statements; take it from its scale."""
    return [
        replace(
            case,
            dont_know=tuple(
                o for o in case.options if o.lower().startswith(("weet", "geen mening"))
            ),
        )
        if case.kind == "grid"
        else case
        for case in cases
    ]


INDEPENDENT_CASES: list[Case] = _grid_dont_know(
    DOUBLE_BARRELED
    + LEADING
    + NEGATION
    + ABSOLUTE
    + JARGON
    + TOO_LONG
    + UNBALANCED_SCALE
    + NO_NEUTRAL
    + OVERLAPPING_RANGES
    + OPEN_DOOR
)
