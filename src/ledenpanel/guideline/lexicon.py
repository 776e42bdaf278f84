"""Word lists the rules use, per form language (``nl`` thoroughly, ``en`` reasonably).

Kept apart from the rules so a methodologist can read and extend them. All
entries are lower case; phrases are matched on word boundaries in normalised
text (see `text.normalise`).
"""

from __future__ import annotations

# --- double_barreled -------------------------------------------------------

# Fixed phrases with "en"/"of" that name one thing, not two.
FIXED_PAIRS = {
    "nl": (
        "in en om",
        "op en neer",
        "af en toe",
        "zo nu en dan",
        "heen en weer",
        "hier en daar",
        "min of meer",
        "vroeg of laat",
        "wel of niet",
        "wel of geen",
        "ja of nee",
        "een of meer",
        "één of meer",
        "een of meerdere",
        "één of meerdere",
        "al dan niet",
        "links en rechts",
        "jong en oud",
        "arm en rijk",
        "natuur en milieu",
        "lusten en lasten",
        "rechten en plichten",
        "kosten en baten",
        "voor- en nadelen",
        "voor en tegen",
        "voors en tegens",
        "vraag en aanbod",
        "zorg en welzijn",
        "dag en nacht",
        "eens of oneens",
        "eens en oneens",
        "meer of minder",
        "stad en land",
        "stad en ommeland",
        "wonen en werken",
        "klimaat en energie",
        "hoe en wat",
        "in- en",
        "uit- en",
        "op- en",
        "af- en",
        "aan- en",
        "vooral en",
        "of zo",
        "groot en klein",
        "keer op keer",
        "zeker en vast",
        "plus of min",
        "eens of niet",
        "wel en wee",
        "onderwijs en wetenschap",
        "ruimtelijke ordening en",
        "dik en dun",
        "man en vrouw",
        "mannen en vrouwen",
        "zon en wind",
        "bed en brood",
    ),
    "en": (
        "and so on",
        "up and down",
        "back and forth",
        "now and then",
        "more or less",
        "sooner or later",
        "yes or no",
        "one or more",
        "whether or not",
        "or not",
        "pros and cons",
        "rights and duties",
        "costs and benefits",
        "supply and demand",
        "agree or disagree",
        "health and safety",
        "law and order",
        "young and old",
        "rich and poor",
        "research and development",
        "men and women",
        "day and night",
        "black and white",
        "rock and roll",
        "bed and breakfast",
        "trial and error",
    ),
}
CONJ_AND = {"nl": ("en", "en/of"), "en": ("and", "and/or")}
CONJ_OR = {"nl": ("of",), "en": ("or",)}
BOTH_AND = {
    "nl": (r"\bzowel\b.+?\bals\b", r"\bniet alleen\b.+?\bmaar ook\b"),
    "en": (r"\bboth\b.+?\band\b", r"\bnot only\b.+?\bbut also\b"),
}
DETERMINERS = {
    "nl": frozenset(
        "de het een haar zijn hun onze ons uw mijn deze dit die meer minder "
        "extra betere goede nieuwe".split()
    ),
    "en": frozenset("the a an its their our your my this these those more less".split()),
}
# Words that make a pair one thing: two parties working together, a range.
RECIPROCAL = {
    "nl": frozenset("samen samenwerken samenwerking elkaar tussen verhouding verschil".split()),
    "en": frozenset("together between each other relationship difference".split()),
}
# "of" after these means "whether", not "or".
WHETHER = {
    "nl": frozenset(
        "weten vraag vragen vraagt twijfel twijfelt onderzoeken onderzoekt nagaan "
        "bepalen bepaalt beslissen beslist kiezen kijken kijkt afvragen benieuwd "
        "uitmaken uitmaakt uit maakt zien ziet bespreken check checken u".split()
    ),
    "en": frozenset("whether know ask wonder decide see check".split()),
}
# A second finite verb after "en": a second claim.
SECOND_CLAIM = {
    "nl": frozenset(
        "moet moeten wil willen mag mogen kan kunnen zal zullen gaat gaan is zijn "
        "wordt worden heeft hebben krijgt krijgen blijft blijven daarom dus dat ook "
        "vind vindt zou zouden".split()
    ),
    "en": frozenset(
        "should must will would can could is are has have does do gets therefore so also".split()
    ),
}
# Infinitives common in policy statements; a pair joined by en/of is two actions.
VERBS = {
    "nl": frozenset(
        """
        aanleggen aanpakken afbouwen afschaffen aansluiten aanstellen beperken besteden
        betalen bevriezen bewaken bezuinigen bouwen doen invoeren investeren
        handhaven helpen houden inzetten kiezen meedoen meebeslissen opknappen opzetten
        organiseren openen sluiten splitsen steunen stoppen subsidiëren toestaan
        uitbreiden uitgeven verbieden verbeteren verdubbelen vergroten verhogen
        verkleinen verlagen verminderen versterken verduurzamen verplaatsen vervangen
        voeren voorkomen voortzetten weigeren werken zorgen beschermen behouden
        aannemen afspreken afstoten beëindigen bestrijden bevorderen delen geven
        nemen planten renoveren slopen stimuleren terugdringen uitbreiden verkopen
        vergoeden verplichten verruimen verstrekken wijzigen schrappen toevoegen
        samenwerken deelnemen regeren onderhandelen stemmen verkiezen benoemen
        aanbieden ophalen scheiden inzamelen beboeten controleren
        """.split()
    ),
    "en": frozenset(
        """
        raise lower cut build ban invest increase reduce fund support stop expand
        close open introduce abolish protect improve hire spend pay tax freeze
        subsidise subsidize join leave renovate replace restrict allow
        """.split()
    ),
}
ADJECTIVES = {
    "nl": frozenset(
        """
        duidelijk volledig begrijpelijk snel goedkoop betaalbaar veilig schoon
        toegankelijk bereikbaar goed open transparant efficiënt nuttig leuk
        interessant prettig helder overzichtelijk relevant tijdig vriendelijk
        professioneel effectief haalbaar realistisch betrouwbaar groen sociaal
        modern gezellig eerlijk democratisch zichtbaar actief snel kort beter
        groot klein sterk zwak
        """.split()
    ),
    "en": frozenset(
        """
        clear complete understandable quick fast cheap affordable safe clean
        accessible good open transparent efficient useful interesting pleasant
        relevant timely friendly professional effective realistic reliable
        """.split()
    ),
}
# Participles of strong verbs (weak ones are recognised by ge…d / ge…t).
STRONG_PARTICIPLES = {
    "nl": frozenset(
        "gestaan gelezen gegeven gekomen gedaan gegaan geschreven gesproken gebleven "
        "gezien gevonden geholpen genomen gelopen geweest".split()
    ),
    "en": frozenset(),
}
NOT_PARTICIPLES = frozenset(
    "geld gebied geluid gezondheid gemeenschap geduld gerecht gewicht gevecht gezicht "
    "gedicht gericht".split()
)
# A comma segment starting with one of these is background, not what is asked.
PREAMBLE = {
    "nl": frozenset(
        "gezien omdat doordat nu sinds met zoals als wanneer na bij vanwege dankzij "
        "ondanks hoewel terwijl".split()
    ),
    "en": frozenset("given because since with as when after despite although while".split()),
}
ADJECTIVE_SUFFIXES = {
    "nl": ("lijk", "baar", "zaam", "isch", "ief"),
    "en": ("ful", "able", "ible", "ive", "ous"),
}

# --- leading ---------------------------------------------------------------

LOADED_WORDS = {
    "nl": (
        "schandalig",
        "schandelijk",
        "absurd",
        "belachelijk",
        "onacceptabel",
        "onaanvaardbaar",
        "onverantwoord",
        "rampzalig",
        "desastreus",
        "waanzinnig",
        "idioot",
        "asociaal",
        "hardwerkend",
        "graaiend",
        "graaiers",
        "zakkenvullers",
        "regentesk",
        "falend",
        "mislukt",
        "peperduur",
        "eindelijk",
        "uiteraard",
        "vanzelfsprekend",
        "terecht",
        "onterecht",
        "broodnodig",
        "keihard",
        "overduidelijk",
        "verspilling",
        "geldverspilling",
        "dramatisch",
        "schokkend",
        "verschrikkelijk",
        "ontoelaatbaar",
        "ongehoord",
        "bizar",
        "krankzinnig",
        "ronduit",
        "eerlijk",
        "oneerlijk",
        "gelukkig",
        "helaas",
        "natuurlijk",
        "schaamteloos",
        "wanbeleid",
        "gedrocht",
        "doorgeslagen",
        "zogenaamd",
        "zogenaamde",
        "betuttelend",
        "betutteling",
        "linkse hobby",
        "klimaatgekte",
        "heksenjacht",
        "bangmakerij",
        "weggegooid geld",
        "veel te",
        "hard nodig",
        "onzinnig",
        "onzin",
    ),
    "en": (
        "outrageous",
        "absurd",
        "ridiculous",
        "disgraceful",
        "shameful",
        "unacceptable",
        "disastrous",
        "insane",
        "crazy",
        "hardworking",
        "hard-working",
        "fair",
        "unfair",
        "finally",
        "obviously",
        "of course",
        "clearly",
        "wasteful",
        "waste",
        "scandalous",
        "shocking",
        "terrible",
        "so-called",
        "naturally",
        "far too",
    ),
}
LOADED_SUFFIXES = ("", "e", "er", "ere", "st", "ste", "s")
LEADING_PATTERNS = {
    "nl": {
        "tag": (
            r",?\s*toch\s*\?\s*$",
            r"\bnietwaar\b",
            r"^(vindt|vind|denkt|vond) u (het )?(er )?(ook|toch|niet)\b",
            r"^(bent|was) u het (er )?(toch |ook |niet )*(er)?mee eens\b",
            r"^bent u het (er)?\s?mee eens dat\b",
            r"^(deelt|steunt|onderschrijft) u (ook |dan ook )?"
            r"(de mening|het standpunt|onze|ons|de opvatting)\b",
            r"^(is|zijn) (het|dit) (toch |ook )?niet\b.*\?\s*$",
            r"^zou(den)? (u|we|wij) (toch )?(ook )?niet\b",
            r"^u (bent|vindt|wilt) (het )?toch\b",
        ),
        "authority": (
            r"\b(zoals )?iedereen (weet|ziet|begrijpt|vindt|wil)\b",
            r"\bzoals (bekend|we allemaal weten|algemeen bekend)\b",
            r"\bhet is (toch )?(algemeen )?(bekend|duidelijk|evident|logisch) dat\b",
            r"\b(uit|volgens) (wetenschappelijk )?onderzoek (blijkt|is gebleken)?\b",
            r"\bonderzoek (toont|laat zien|bewijst)\b",
            r"\b(deskundigen|experts|wetenschappers|economen|artsen|specialisten)"
            r" (zeggen|vinden|zijn het (er ?over|erover) eens|waarschuwen|adviseren|weten)\b",
            r"\bvolgens (alle )?(deskundigen|experts|de wetenschap|wetenschappers|de partijleiding"
            r"|de lijsttrekker|de partijleider)\b",
            r"\bde (meeste|meerderheid van de|overgrote meerderheid van de)"
            r" (leden|mensen|inwoners|kiezers|nederlanders)"
            r" (vindt|vinden|wil|willen|is|zijn|steunt|steunen|wensen|denkt|denken)\b",
            r"\bsteeds meer (mensen|leden|inwoners|kiezers) (vinden|willen|zien|zijn)\b",
            r"\b(de|onze) (partijleider|lijsttrekker|partijleiding|fractievoorzitter)"
            r" (vindt|zegt|wil|heeft gezegd)\b",
            r"\bwie (wil|wil er) (er )?nu niet\b",
        ),
    },
    "en": {
        "tag": (
            r",?\s*(right|isn't it|don't you think|wouldn't you agree|aren't they)\s*\?\s*$",
            r"^(don't|do not|wouldn't|would not) you (also )?(agree|think)\b",
            r"^(do|would) you (also )?agree that\b",
            r"^do you (also )?(share|support) (the view|our)\b",
        ),
        "authority": (
            r"\b(as )?everyone knows\b",
            r"\bas we all know\b",
            r"\bit is (well[- ]known|clear|obvious) that\b",
            r"\b(research|studies) (shows?|proves?)\b",
            r"\b(experts|scientists|economists|doctors) (say|agree|warn|know)\b",
            r"\baccording to (experts|science|scientists|the leadership)\b",
            r"\bmost (members|people|voters|residents) (think|want|believe|support|agree)\b",
        ),
    },
}

# --- negation --------------------------------------------------------------

NEGATORS = {
    "nl": frozenset("niet geen noch nooit niemand nergens niets".split()),
    "en": frozenset(
        "not no never nobody nothing nowhere nor neither don't doesn't isn't "
        "aren't shouldn't won't can't cannot".split()
    ),
}
# Negators that are absolutes as well: alone they are reported as `absolute`.
ABSOLUTE_NEGATORS = {
    "nl": frozenset("nooit niemand nergens niets".split()),
    "en": frozenset("never nobody nothing nowhere".split()),
}
# Fixed phrases whose "niet"/"geen" is no negation a member must undo.
NEGATION_FIXED = {
    "nl": (
        "weet niet",
        "geen mening",
        "wel of niet",
        "wel of geen",
        "al dan niet",
        "of niet",
        "niet meer dan",
        "niet minder dan",
        "geen idee",
        "niet alleen",
        "nog niet bekend",
        "niet van toepassing",
        "eens of oneens",
        "oneens of eens",
        "eens en oneens",
        "vindt u ook niet",
        "vind je ook niet",
        "denkt u ook niet",
        "vindt u niet",
        "is het niet zo dat",
    ),
    "en": (
        "don't know",
        "no opinion",
        "whether or not",
        "or not",
        "not only",
        "no more than",
        "not applicable",
    ),
}
# Positive stems that an "on-" (un-) prefix makes negative.
POSITIVE_STEMS = {
    "nl": frozenset(
        """
        wenselijk gewenst verstandig mogelijk nodig juist eens voldoende tevreden
        eerlijk redelijk aanvaardbaar acceptabel belangrijk geschikt zinnig terecht
        duidelijk betaalbaar bereikbaar veilig gezond zeker logisch haalbaar
        democratisch rechtvaardig gelijk wettig bespreekbaar denkbaar toelaatbaar
        verantwoord realistisch begrijpelijk zichtbaar bekend populair handig
        gepast bruikbaar waarschijnlijk verstandig verdedigbaar wijs
        """.split()
    ),
    "en": frozenset(
        """
        desirable wise necessary fair reasonable acceptable important likely
        clear affordable safe healthy certain realistic democratic popular
        """.split()
    ),
}
NEGATIVE_PREFIXES = {"nl": ("on", "niet-"), "en": ("un", "in", "im", "ir", "non-", "not-")}
# Words that are negative only in combination with another negation.
NEGATIVE_WORDS = {
    "nl": frozenset(
        "oneens tegen tegenstander tegenstanders afwijzen wijst weigeren weigert "
        "verbieden verbiedt verbod ontbreken ontbreekt zonder nauwelijks zelden "
        "stoppen afschaffen tenzij missen".split()
    ),
    "en": frozenset(
        "disagree against oppose opposed reject refuse ban without "
        "hardly rarely stop abolish unless lack".split()
    ),
}

# --- absolute --------------------------------------------------------------

ABSOLUTES = {
    "nl": (
        "altijd",
        "nooit",
        "iedereen",
        "alle",
        "allemaal",
        "elke",
        "elk",
        "ieder",
        "iedere",
        "geen enkele",
        "geen enkel",
        "niemand",
        "nergens",
        "overal",
        "volledig",
        "absoluut",
        "alles",
        "uitsluitend",
        "in alle gevallen",
        "onder geen beding",
        "onder geen enkele voorwaarde",
        "ten allen tijde",
        "ten alle tijde",
        "zonder uitzondering",
        "nooit meer",
        "helemaal",
    ),
    "en": (
        "always",
        "never",
        "everyone",
        "everybody",
        "all",
        "every",
        "each",
        "no one",
        "nobody",
        "none",
        "completely",
        "absolutely",
        "entirely",
        "under no circumstances",
        "without exception",
        "everything",
        "only ever",
    ),
}
# An absolute softened by one of these words is no absolute.
SOFTENERS = {
    "nl": frozenset("bijna vrijwel nagenoeg haast niet lang zowat".split()),
    "en": frozenset("almost nearly virtually not".split()),
}
# "elk jaar", "iedere week": a frequency, not an absolute claim.
TIME_UNITS = {
    "nl": frozenset("jaar jaren maand week dag kwartaal vier twee half seizoen".split()),
    "en": frozenset("year month week day quarter".split()),
}
# "helemaal" in the answer scale ("helemaal mee eens") is no absolute.
ABSOLUTE_FIXED = {
    "nl": (
        "helemaal mee eens",
        "helemaal mee oneens",
        "helemaal eens",
        "helemaal oneens",
        "helemaal niet",
        "alle leeftijden",
    ),
    "en": ("strongly agree", "strongly disagree", "all in all", "at all"),
}

# --- jargon ----------------------------------------------------------------

# Abbreviations nearly every member knows (parties, the EU, public services).
KNOWN_ABBREVIATIONS = frozenset(
    """
    EU VN VS NL NAVO NATO UN US USA UK NS OV AOW GGD UWV BSN CO2 ICT MBO HBO WO VWO
    HAVO VMBO TV WC BTW AI NOS RTL CDA VVD PVV SP D66 PVDA JA21 BBB FVD SGP CU DENK
    NSC GL PVDD BIJ1 SGP 50PLUS OK ID DNA WK EK ANWB KNMI NHS BBC GP EUR PDF
    """.split()
)
# Capitals that are words written loudly, not abbreviations.
SHOUTED_WORDS = frozenset(
    "NIET GEEN WEL OOK ALLE NU JA NEE EN OF NOT NO YES ALL AND OR NEVER NOOIT ALTIJD".split()
)
JARGON = {
    "nl": (
        "ledenraad",
        "huishoudelijk reglement",
        "preadvies",
        "congresstukken",
        "kandidaatstellingsprocedure",
        "kandidatencommissie",
        "lijstduwer",
        "voorkeursdrempel",
        "restzetel",
        "lijstverbinding",
        "kiesdeler",
        "gedoogsteun",
        "gedoogconstructie",
        "dualisme",
        "monisme",
        "portefeuillehouder",
        "collegeprogramma",
        "raadsvoorstel",
        "raadsinformatiebrief",
        "kaderbrief",
        "voorjaarsnota",
        "begrotingswijziging",
        "motie vreemd",
        "initiatiefvoorstel",
        "amendement",
        "programmabegroting",
        "omgevingsvisie",
        "warmtetransitievisie",
        "transitievisie",
        "sociaal domein",
        "decentralisaties",
        "kaderstellend",
        "stikstofdepositie",
        "depositiewaarde",
        "netcongestie",
        "doelgroepenverordening",
        "huisvestingsverordening",
        "scheefwonen",
        "klimaatadaptatie",
        "dekkingsvoorstel",
        "taakstelling",
        "ombuigingen",
        "algemene uitkering",
        "gemeentefonds",
        "precariobelasting",
        "steunfractie",
        "schaduwfractie",
        "burgerraadslid",
        "commissielid",
        "agenderen",
        "stakeholders",
        "integraal beleid",
        "integrale aanpak",
        "governance",
        "flankerend beleid",
        "wmo",
        "participatiewet",
        "zelfredzaamheid",
        "mantelzorgwaardering",
        "onttrekkingsvergunning",
        "woningbouwopgave",
        "verstedelijkingsstrategie",
        "regionale energiestrategie",
        "zoekgebied",
        "opkomstbevordering",
        "fractiediscipline",
        "lijsttrekkersverkiezing",
        "afdelingsreglement",
        "partijreglement",
        "ledenraadpleging",
        "voordracht",
        "spreekrecht",
        "interpellatie",
        "bestemmingsplanwijziging",
    ),
    "en": (
        "stakeholders",
        "governance",
        "synergy",
        "mainstreaming",
        "standing orders",
        "whip",
        "hung council",
        "precept",
        "section 106",
        "core strategy",
        "net zero pathway",
        "devolution deal",
        "supply and confidence",
    ),
}

# --- open_door -------------------------------------------------------------

OPEN_DOOR_PATTERNS = {
    "nl": (
        r"\b(is|zijn|blijft|blijven) (heel |erg |zeer |ontzettend |echt )?"
        r"(belangrijk|essentieel|van (groot )?belang|waardevol|onmisbaar|cruciaal)\b(?! dan)",
        r"^het is (heel |erg |zeer |echt )?(belangrijk|essentieel|van (groot )?belang|"
        r"goed|fijn|mooi|waardevol|nodig) (dat|om)\b",
        r"\b(moet|moeten|mag|mogen) (zich )?(blijven )?(zorgen voor|werken aan|staan voor|"
        r"streven naar|investeren in|inzetten (zich )?voor|aandacht hebben voor|kiezen voor)"
        r" (een |de |het )?(goede|goed|betere|veilige|schone|gezonde|betaalbare|toegankelijke|"
        r"duurzame|voldoende|prettige|leefbare|sterke|fijne|hoogwaardige|kwalitatief)\b",
        r"\bluisteren (goed )?naar (haar|zijn|hun|de) (leden|inwoners|achterban|kiezers)\b",
        r"\b(haar|zijn|hun|de) (leden|inwoners|achterban) (goed )?(moet|moeten) (betrekken|"
        r"informeren|serieus nemen)\b",
        r"\b(iedereen|ieder kind|elk kind|elke inwoner|alle inwoners) (verdient|heeft recht op"
        r"|moet (mee )?kunnen)\b",
        r"\b(moet|moeten) (open|transparant|eerlijk|duidelijk) (zijn|communiceren)\b",
    ),
    "en": (
        r"\b(is|are) (very |really )?(important|essential|vital|valuable|crucial)\b(?! than)",
        r"^it is (very |really )?(important|essential|good|vital) (that|to)\b",
        r"\b(should|must) (ensure|provide|work for|strive for|invest in) (a |the )?"
        r"(good|better|safe|clean|healthy|affordable|accessible|sustainable|decent)\b",
        r"\blistens? to (its|their|the) (members|residents|voters)\b",
        r"\b(everyone|every child) (deserves|has a right to|should be able to)\b",
    ),
}
# A named cost, trade-off or choice makes a statement informative.
TRADE_OFF = {
    "nl": (
        r"\bdan\b",
        r"\book als\b",
        r"\bzelfs als\b",
        r"\bten koste van\b",
        r"\bin plaats van\b",
        r"\bvoorrang\b",
        r"\bprioriteit\b",
        r"\beerst\b",
        r"\bliever\b",
        r"\bwijken\b",
        r"\bbetalen\b",
        r"\bkost(en|t)?\b",
        r"\beuro\b",
        "€",
        r"\bbelasting",
        r"\bozb\b",
        r"\bbezuinig",
        r"\bminder\b",
        r"\bhoger",
        r"\blager",
        r"\bverhog",
        r"\bverlag",
        r"\bmeer geld\b",
        r"\d",
        r"\bboven\b",
        r"\bopgeven\b",
        r"\bschrappen\b",
        r"\bmaar\b",
        r"\bwel als\b",
        r"\bonder voorwaarde",
    ),
    "en": (
        r"\bthan\b",
        r"\beven if\b",
        r"\bat the expense of\b",
        r"\binstead of\b",
        r"\bpriority\b",
        r"\bfirst\b",
        r"\brather\b",
        r"\bpay\b",
        r"\bcosts?\b",
        r"\btax",
        r"\bcut",
        r"\bless\b",
        r"\bhigher\b",
        r"\blower\b",
        r"\d",
        r"£",
        "€",
        r"\bbut\b",
    ),
}

# --- hypothetical (info) ---------------------------------------------------

HYPOTHETICAL = {
    "nl": (
        r"\bstel (dat|je voor|u voor)\b",
        r"^stel[,:]",
        r"\bzou(den)? u\b.*\bals\b",
        r"\bwat zou u doen\b",
        r"\bhoe vaak\b.*\bin (19|20)\d\d\b",
        r"\bin (19|20)\d\d\b.*\bhoe vaak\b",
        r"\bstelt u zich voor\b",
    ),
    "en": (
        r"\bimagine\b",
        r"\bsuppose\b",
        r"\bwould you\b.*\bif\b",
        r"\bhow often\b.*\bin (19|20)\d\d\b",
    ),
}

# --- scales ----------------------------------------------------------------

DONT_KNOW_LABELS = (
    "weet niet",
    "weet ik niet",
    "geen mening",
    "geen idee",
    "n.v.t",
    "nvt",
    "niet van toepassing",
    "wil ik niet zeggen",
    "zeg ik liever niet",
    "don't know",
    "do not know",
    "no opinion",
    "not applicable",
    "prefer not",
    "not sure",
    "n/a",
)
NEUTRAL_LABELS = (
    "neutraal",
    "niet eens, niet oneens",
    "niet eens en niet oneens",
    "eens noch oneens",
    "niet mee eens, niet mee oneens",
    "niet tevreden, niet ontevreden",
    "tevreden noch ontevreden",
    "gemiddeld",
    "neutral",
    "neither",
    "evenveel",
    "even veel",
    "hetzelfde",
    "gelijk blijven",
    "zoals nu",
    "niet voor, niet tegen",
    "voor noch tegen",
    "niet goed, niet slecht",
    "niet goed en niet slecht",
    "neutraal/geen mening",
    "misschien",
    "maybe",
    "the same",
    "about the same",
    "neither agree nor disagree",
    "niet belangrijk, niet onbelangrijk",
    "midden",
    "in het midden",
    "niet waarschijnlijk, niet onwaarschijnlijk",
)
POSITIVE_POLES = {
    "nl": frozenset(
        "eens tevreden goed goede uitstekend prima positief belangrijk voor wenselijk "
        "waarschijnlijk gunstig ja zeker steun steunen meer hoger groter beter sterker "
        "mooi nuttig zinvol".split()
    ),
    "en": frozenset(
        "agree satisfied good excellent great positive important for desirable likely "
        "favourable favorable yes support more higher better useful".split()
    ),
}
NEGATIVE_POLES = {
    "nl": frozenset(
        "oneens ontevreden slecht slechte matig negatief onbelangrijk tegen onwenselijk "
        "onwaarschijnlijk ongunstig nee minder lager kleiner slechter zwakker "
        "lelijk nutteloos zinloos onvoldoende".split()
    ),
    "en": frozenset(
        "disagree dissatisfied unsatisfied bad poor negative unimportant against "
        "undesirable unlikely unfavourable unfavorable no oppose less lower worse "
        "useless".split()
    ),
}
# These in an option make the pole negative ("niet belangrijk", "nee, niet").
POLE_NEGATORS = {"nl": frozenset({"niet", "geen"}), "en": frozenset({"not", "no"})}
