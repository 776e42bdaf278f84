"""Simulated Dutch open answers (pure: no Django).

Answers are put together from fragments, so no two are quite alike: an
opening, a view that fits the member's other answers, a reason, sometimes an
aside, and now and then personal data that the scrubbing step before any
export must catch (names, e-mail addresses, phone numbers, a street address,
a membership number). Spelling is sometimes casual, as in real answers.
"""

from __future__ import annotations

import random

from ledenpanel.demo.data import FEMALE_NAMES, MALE_NAMES, STREETS, SURNAMES

OPENERS = (
    "", "", "", "Voor mij is dat duidelijk: ", "Eerlijk gezegd ", "Wat mij betreft ",
    "Ik denk ", "Zonder twijfel ", "Als ik moet kiezen: ", "Goede vraag. ", "Tja, ",
    "Volgens mij ", "Kort gezegd: ",
)  # fmt: skip

THEME_VIEWS: dict[str, tuple[str, ...]] = {
    "wonen": (
        "betaalbaar wonen", "de woningnood", "meer betaalbare huurwoningen",
        "een eerlijke woningmarkt", "huizen bouwen voor starters", "de huurprijzen",
    ),
    "zorg": (
        "de zorg", "de wachtlijsten in de zorg", "goede ouderenzorg",
        "de jeugdzorg", "meer handen aan het bed", "de GGZ",
    ),
    "klimaat": (
        "het klimaat", "de energietransitie", "klimaat en natuur",
        "minder uitstoot, en snel", "isoleren van woningen", "schone energie",
    ),
    "werk": (
        "werk en inkomen", "de bestaanszekerheid", "het minimumloon",
        "vaste contracten in plaats van flexwerk", "armoede", "de koopkracht",
    ),
    "onderwijs": (
        "het onderwijs", "het lerarentekort", "kansengelijkheid op school",
        "goed mbo-onderwijs", "de basisvaardigheden van kinderen",
    ),
    "veiligheid": (
        "veiligheid in de wijk", "de politie op straat", "ondermijning",
        "de aanpak van criminaliteit", "veilige straten",
    ),
}  # fmt: skip

THEME_REASONS: dict[str, tuple[str, ...]] = {
    "wonen": (
        "mijn kinderen vinden geen huis", "jongeren wonen tot hun dertigste bij hun ouders",
        "de huren stijgen harder dan de lonen", "ik sta al elf jaar ingeschreven",
        "zonder huis kun je niks opbouwen", "in mijn dorp is niets te koop voor starters",
    ),
    "zorg": (
        "mijn moeder wacht al maanden op een plek", "het personeel loopt op zijn tandjes",
        "iedereen krijgt er vroeg of laat mee te maken", "de wachtlijsten zijn onacceptabel",
        "het eigen risico houdt mensen weg bij de dokter",
    ),
    "klimaat": (
        "we hebben geen tijd meer te verliezen", "onze kleinkinderen betalen anders de rekening",
        "het is de grootste opgave van deze eeuw", "de natuur holt zichtbaar achteruit",
        "het kan samengaan met banen in de regio",
    ),
    "werk": (
        "steeds meer werkende mensen komen niet rond", "de voedselbank is overvol",
        "zekerheid is de basis voor al het andere", "mensen verdienen een eerlijk loon",
        "de toeslagen maken het leven onzeker",
    ),
    "onderwijs": (
        "daar begint gelijke kansen", "de klassen zitten vol en leraren haken af",
        "mijn dochter werkt in het onderwijs en ziet het elke dag",
        "een goede school maakt het verschil voor een heel leven",
    ),
    "veiligheid": (
        "mensen voelen zich niet meer veilig 's avonds", "de wijkagent is verdwenen",
        "als we het niet doen, doen anderen het", "ook dat is een progressief thema",
    ),
}  # fmt: skip

ASIDES = (
    "", "", "", "", " Maak het concreet, niet alleen mooie woorden.",
    " En leg het uit in gewone taal.", " Dat hoor ik ook veel op straat tijdens het flyeren.",
    " Daar winnen we verkiezingen mee.", " Durf daar keuzes in te maken.",
    " Dan moet er wel geld bij, dat snapt iedereen.",
    " Kijk ook naar de regio, niet alleen de Randstad.",
)  # fmt: skip

INVOLVE = (
    "Vaker een korte vragenlijst zoals deze", "Meer bijeenkomsten in de regio",
    "Laat weten wat er met onze antwoorden gebeurt", "Minder e-mails, maar wel duidelijkere",
    "Een ledenvergadering ook online te volgen", "Leden laten stemmen over de grote keuzes",
    "Meer aandacht voor nieuwe leden", "Een ledenblad op papier voor wie geen computer heeft",
    "Een app waarin je kunt meepraten", "Jongeren echt laten meebeslissen",
    "Werkgroepen waar je zonder ervaring kunt aanschuiven",
    "Vergaderen op zaterdag in plaats van doordeweeks 's avonds",
    "Gewoon eens langskomen bij de afdelingen", "Minder in Den Haag, meer in het land",
)  # fmt: skip
INVOLVE_TAILS = (
    "", "", ".", ". Dan voel ik me gehoord.", ", dat zou al veel schelen.",
    ". Nu weet ik vaak niet wat er speelt.", ", want ik woon ver van de afdeling.",
    ". Ik wil best meedenken maar weet niet hoe.",
    ". Ik ben al 20 jaar lid en voel me weinig betrokken.",
)  # fmt: skip

GOVERN_YES = (
    "Aan de zijlijn verander je niks", "Meeregeren is de enige manier om iets te bereiken",
    "Compromissen horen bij de democratie", "Liever een half ei dan een lege dop",
    "Kiezers willen dat we verantwoordelijkheid nemen",
)  # fmt: skip
GOVERN_NO = (
    "We verliezen onze geloofwaardigheid als we alles weggeven",
    "Na de vorige keer ben ik daar voorzichtig mee", "Niet tegen elke prijs",
    "Oppositie voeren is ook waardevol", "Onze kiezers nemen het ons kwalijk als we knikken",
)  # fmt: skip
GOVERN_MIDDLE = (
    "Dat hangt helemaal af van de partners", "Alleen met harde afspraken over wonen en zorg",
    "Moeilijk, ik zie voor- en nadelen", "Eerst de inhoud, dan pas de vraag wie er aan tafel zit",
)  # fmt: skip

MESSAGES = (
    "Dank voor deze vragenlijst!", "Goed dat jullie dit vragen.", "Ga zo door.",
    "Hou vol, het is een zware tijd.", "Te veel vragen naar mijn smaak.",
    "Luister vaker naar de leden.", "Mooi initiatief, graag vaker.", "Succes met de campagne!",
    "Blijf dicht bij je idealen.", "Communiceer beter met de afdelingen.",
    "De contributie mag wel omlaag.", "Ik mis de partij in mijn gemeente.",
    "Meer aandacht voor het platteland graag.", "Trots op wat jullie doen.",
    "Waarom hoor ik zo weinig van mijn afdeling?", "Laat de jongeren meer zien.",
    "Minder vergaderen, meer doen.", "Hopelijk wordt hier echt iets mee gedaan.",
    "Zorg dat de uitslag ook naar de leden gaat.", "Ik doe graag weer mee.",
    "Niet vergeten: wij zijn er ook na de verkiezingen.", "Het ledenblad op papier wil ik houden!",
)  # fmt: skip

CONTACT = (
    "Bel me gerust op {phone}.", "Mijn nummer is {phone}, bel gerust.",
    "Mail me op {email} als u wilt doorpraten.", "U kunt mij bereiken via {email}.",
    "Groet, {name}", "Met vriendelijke groet, {name}", "{name}, afdeling {town}",
    "Ik woon aan de {street} {number}, kom gerust langs.",
    "Mijn lidnummer is {member_number}, ik hoor graag van jullie.",
    "Vraag het maar aan {name}, die weet er alles van.", "bel {phone} (na 18 uur)",
)  # fmt: skip
TOWNS = ("Zwolle", "Tilburg", "Leiden", "Emmen", "Venlo", "Almere", "Goes", "Arnhem", "Haarlem")


def _name(rng: random.Random) -> str:
    first = rng.choice(rng.choice((MALE_NAMES, FEMALE_NAMES))[rng.randrange(3)])
    infix, last = rng.choice(SURNAMES)
    return " ".join(part for part in (first, infix, last) if part)


def _phone(rng: random.Random) -> str:
    digits = f"{rng.randrange(10**8):08d}"
    return rng.choice(
        (
            f"06-{digits}",
            f"06 {digits[:4]} {digits[4:]}",
            f"+31 6 {digits}",
            f"0{rng.choice(('20', '10', '30', '50'))}-{digits[:7]}",
        )
    )


def _email(rng: random.Random) -> str:
    name = _name(rng).lower().replace(" ", ".").replace("'", "")
    return f"{name}@{rng.choice(('example.com', 'example.org', 'example.net'))}"


def personal_detail(rng: random.Random) -> str:
    """A sentence with personal data, which must never reach a report as is."""
    return rng.choice(CONTACT).format(
        phone=_phone(rng),
        email=_email(rng),
        name=_name(rng),
        town=rng.choice(TOWNS),
        street=rng.choice(STREETS),
        number=rng.randrange(1, 180),
        member_number=f"{rng.randrange(10**7):07d}",
    )


def _casual(text: str, rng: random.Random) -> str:
    """Some members type fast: no capital, no full stop, a double space."""
    roll = rng.random()
    if roll < 0.15:
        text = text[:1].lower() + text[1:]
    elif roll < 0.25:
        text = text.rstrip(".")
    elif roll < 0.3:
        text = text.replace(" ", "  ", 1)
    return text


def _sentence(*parts: str) -> str:
    text = "".join(parts).strip()
    return text[:1].upper() + text[1:]


def theme_answer(theme: str, rng: random.Random, *, pii: float = 0.04) -> str:
    """Why this theme matters (the question "welk onderwerp… en waarom?")."""
    view = rng.choice(THEME_VIEWS[theme])
    reason = rng.choice(THEME_REASONS[theme])
    form = rng.randrange(4)
    if form == 0:
        text = _sentence(rng.choice(OPENERS), f"{view}, want {reason}.")
    elif form == 1:
        text = _sentence(f"{view}. ", reason[:1].upper() + reason[1:], ".")
    elif form == 2:
        text = _sentence(f"Vooral {view}: {reason}.")
    else:
        text = _sentence(f"{view}!")
    text += rng.choice(ASIDES)
    if rng.random() < pii:
        text += " " + personal_detail(rng)
    return _casual(text, rng)


def involve_answer(rng: random.Random, *, pii: float = 0.03) -> str:
    text = rng.choice(INVOLVE) + rng.choice(INVOLVE_TAILS)
    if rng.random() < 0.2:
        text += ("" if text.endswith(".") else ".") + " " + rng.choice(INVOLVE) + "."
    if rng.random() < pii:
        text += ("" if text.endswith(".") else ".") + " " + personal_detail(rng)
    return _casual(text, rng)


def govern_answer(position: str, rng: random.Random) -> str:
    """An explanation that fits the member's agree-scale answer."""
    pool = {"yes": GOVERN_YES, "no": GOVERN_NO}.get(position, GOVERN_MIDDLE)
    text = rng.choice(pool) + rng.choice((".", "!", ". " + rng.choice(GOVERN_MIDDLE) + "."))
    return _casual(text, rng)


def message_answer(rng: random.Random, *, pii: float = 0.25) -> str:
    """A short note to the board; a quarter leave contact details."""
    text = " ".join(rng.sample(MESSAGES, 2 if rng.random() < 0.35 else 1))
    if rng.random() < pii:
        text += " " + personal_detail(rng)
    return _casual(text, rng)[:300]


def generic_answer(rng: random.Random) -> str:
    """An open answer to a question the simulation has no profile for."""
    theme = rng.choice(tuple(THEME_VIEWS))
    return theme_answer(theme, rng) if rng.random() < 0.6 else involve_answer(rng)


# The board's answer to a published report, as a demo board would write it.
ANSWER_OVERALL = (
    "Dank aan alle leden die meededen. Het bestuur heeft de uitkomsten besproken op "
    "zijn vergadering en geeft hieronder per punt zijn standpunt, met de volgende stap. "
    "Op de ledenvergadering praten we er graag verder over."
)
ANSWER_STEPS = (
    (
        "adopt",
        "Het bestuur neemt dit over: de leden zijn er duidelijk over.",
        "Voorstel aan de ledenvergadering",
    ),
    (
        "partly",
        "Het bestuur neemt dit deels over; een deel past niet bij eerdere besluiten.",
        "Uitwerking door een werkgroep",
    ),
    (
        "discuss",
        "De leden zijn verdeeld. Het bestuur wil eerst het gesprek voeren.",
        "Gespreksavond voor alle leden",
    ),
    (
        "decline",
        "Het bestuur neemt dit niet over en legt uit waarom op de vergadering.",
        "Toelichting in de nieuwsbrief",
    ),
)


def board_answer(points: int, *, weeks_ahead: int = 6) -> tuple[str, list[dict[str, str]]]:
    """An overall answer and, per point, a position, its reasoning and a next step.

    The next step's date is an offset in days from today (``weeks_ahead`` weeks
    for the first point, a week more for each next one); the caller makes it a date.
    """
    answers = []
    for index in range(points):
        position, reasoning, step = ANSWER_STEPS[index % len(ANSWER_STEPS)]
        answers.append(
            {
                "position": position,
                "reasoning": reasoning,
                "next_step": step,
                "next_step_in_days": str(7 * (weeks_ahead + index)),
            }
        )
    return ANSWER_OVERALL, answers
