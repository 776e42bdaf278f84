"""Fixed lists behind the demo party: provinces, municipalities, names, streets.

Municipalities, towns and four-digit postcode areas are real (approximately);
everything about the people is invented. Populations are in thousands and
only steer the relative size of the branches.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Municipality:
    name: str
    population: int  # thousands
    postcode_from: int  # first and last four-digit postcode area
    postcode_to: int
    towns: tuple[str, ...]  # woonplaatsen; the first is the main town


@dataclass(frozen=True)
class BranchSpec:
    name: str  # branch name without "Afdeling"
    municipalities: tuple[Municipality, ...]  # the first is the main one
    student_town: bool = False  # a younger membership


@dataclass(frozen=True)
class RegionSpec:
    code: str
    province: str
    branches: tuple[BranchSpec, ...]


def _m(name: str, population: int, pc: tuple[int, int], *towns: str) -> Municipality:
    return Municipality(name, population, pc[0], pc[1], towns or (name,))


def _b(*municipalities: Municipality, name: str = "", student: bool = False) -> BranchSpec:
    if not name:
        names = [m.name for m in municipalities]
        name = names[0] if len(names) == 1 else "-".join(names) if len(names) == 2 else ""
        name = name or f"{names[0]} e.o."
    return BranchSpec(name, municipalities, student)


# The twelve provinces as regions, each with its branches (60 in all).
REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec(
        "GR",
        "Groningen",
        (
            _b(_m("Groningen", 240, (9711, 9747), "Groningen", "Haren", "Ten Boer"), student=True),
            _b(
                _m("Eemsdelta", 45, (9900, 9937), "Delfzijl", "Appingedam", "Loppersum"),
                _m("Het Hogeland", 48, (9950, 9989), "Winsum", "Uithuizen", "Bedum", "Warffum"),
                name="Noord-Groningen",
            ),
            _b(_m("Midden-Groningen", 61, (9600, 9639), "Hoogezand", "Sappemeer", "Slochteren")),
            _b(
                _m("Oldambt", 38, (9670, 9699), "Winschoten", "Scheemda", "Finsterwolde"),
                _m("Pekela", 12, (9660, 9665), "Oude Pekela", "Nieuwe Pekela"),
                _m("Veendam", 28, (9640, 9649), "Veendam", "Wildervank"),
                name="Oost-Groningen",
            ),
        ),
    ),
    RegionSpec(
        "FR",
        "Friesland",
        (
            _b(_m("Leeuwarden", 125, (8900, 8941), "Leeuwarden", "Stiens", "Grou")),
            _b(_m("Súdwest-Fryslân", 91, (8600, 8749), "Sneek", "Bolsward", "Workum", "Makkum")),
            _b(
                _m("Smallingerland", 56, (9200, 9231), "Drachten", "Opeinde"),
                _m("Opsterland", 30, (9240, 9249), "Gorredijk", "Beetsterzwaag", "Ureterp"),
            ),
        ),
    ),
    RegionSpec(
        "DR",
        "Drenthe",
        (
            _b(_m("Assen", 69, (9400, 9409))),
            _b(_m("Emmen", 107, (7800, 7889), "Emmen", "Klazienaveen", "Nieuw-Amsterdam")),
            _b(
                _m("Hoogeveen", 56, (7900, 7909), "Hoogeveen", "Hollandscheveld"),
                _m("De Wolden", 24, (7920, 7929), "Zuidwolde", "De Wijk", "Ruinen"),
            ),
        ),
    ),
    RegionSpec(
        "OV",
        "Overijssel",
        (
            _b(_m("Zwolle", 132, (8000, 8048), "Zwolle", "Windesheim")),
            _b(_m("Enschede", 160, (7500, 7548), "Enschede", "Glanerbrug"), student=True),
            _b(_m("Deventer", 102, (7400, 7439), "Deventer", "Bathmen", "Schalkhaar")),
            _b(_m("Hengelo", 81, (7550, 7559)), _m("Borne", 24, (7620, 7629))),
        ),
    ),
    RegionSpec(
        "FL",
        "Flevoland",
        (
            _b(_m("Almere", 220, (1300, 1363))),
            _b(_m("Lelystad", 82, (8200, 8245))),
            _b(
                _m("Noordoostpolder", 48, (8300, 8316), "Emmeloord", "Marknesse"),
                _m("Urk", 22, (8320, 8322)),
            ),
        ),
    ),
    RegionSpec(
        "GE",
        "Gelderland",
        (
            _b(_m("Arnhem", 165, (6800, 6846))),
            _b(_m("Nijmegen", 180, (6500, 6546), "Nijmegen", "Lent"), student=True),
            _b(_m("Apeldoorn", 166, (7300, 7339), "Apeldoorn", "Ugchelen", "Beekbergen")),
            _b(
                _m("Ede", 120, (6710, 6719), "Ede", "Bennekom", "Lunteren"),
                _m("Wageningen", 40, (6700, 6709)),
                student=True,
            ),
            _b(
                _m("Zutphen", 48, (7200, 7207), "Zutphen", "Warnsveld"),
                _m("Lochem", 34, (7240, 7245), "Lochem", "Laren", "Barchem"),
            ),
            _b(
                _m("Tiel", 42, (4000, 4009), "Tiel", "Wadenoijen"),
                _m("Culemborg", 29, (4100, 4109)),
            ),
        ),
    ),
    RegionSpec(
        "UT",
        "Utrecht",
        (
            _b(_m("Utrecht", 365, (3500, 3585), "Utrecht", "Vleuten", "De Meern"), student=True),
            _b(_m("Amersfoort", 160, (3800, 3829), "Amersfoort", "Hoogland")),
            _b(
                _m("Zeist", 66, (3700, 3709), "Zeist", "Den Dolder", "Austerlitz"),
                _m("De Bilt", 43, (3720, 3739), "Bilthoven", "De Bilt", "Maartensdijk"),
            ),
            _b(_m("Nieuwegein", 64, (3430, 3439)), _m("IJsselstein", 34, (3400, 3405))),
            _b(
                _m("Houten", 50, (3990, 3995), "Houten", "'t Goy"),
                _m("Bunnik", 15, (3980, 3984), "Bunnik", "Odijk"),
            ),
        ),
    ),
    RegionSpec(
        "NH",
        "Noord-Holland",
        (
            _b(_m("Amsterdam", 930, (1011, 1109)), student=True),
            _b(_m("Haarlem", 165, (2000, 2037))),
            _b(_m("Zaanstad", 160, (1500, 1567), "Zaandam", "Krommenie", "Wormerveer")),
            _b(_m("Alkmaar", 110, (1811, 1834), "Alkmaar", "De Rijp", "Stompetoren")),
            _b(
                _m("Hilversum", 93, (1211, 1223)),
                _m("Wijdemeren", 24, (1230, 1245), "Loosdrecht", "Kortenhoef"),
            ),
            _b(_m("Amstelveen", 92, (1180, 1189))),
            _b(_m("Hoorn", 74, (1620, 1628), "Hoorn", "Zwaag")),
            _b(
                _m("Purmerend", 93, (1440, 1448), "Purmerend", "Middenbeemster"),
                _m("Edam-Volendam", 37, (1130, 1135), "Volendam", "Edam"),
                name="Waterland",
            ),
        ),
    ),
    RegionSpec(
        "ZH",
        "Zuid-Holland",
        (
            _b(_m("Rotterdam", 670, (3011, 3089), "Rotterdam", "Hoogvliet", "Rozenburg")),
            _b(_m("'s-Gravenhage", 560, (2491, 2599)), name="Den Haag"),
            _b(
                _m("Leiden", 127, (2311, 2334)),
                _m("Leiderdorp", 28, (2350, 2353)),
                _m("Oegstgeest", 25, (2340, 2343)),
                student=True,
            ),
            _b(_m("Delft", 105, (2611, 2629)), student=True),
            _b(_m("Dordrecht", 120, (3311, 3329))),
            _b(_m("Zoetermeer", 127, (2711, 2729))),
            _b(_m("Gouda", 74, (2800, 2809))),
            _b(_m("Schiedam", 80, (3111, 3125)), _m("Vlaardingen", 75, (3130, 3138))),
            _b(
                _m(
                    "Alphen aan den Rijn",
                    115,
                    (2400, 2409),
                    "Alphen aan den Rijn",
                    "Boskoop",
                    "Hazerswoude-Rijndijk",
                )
            ),
        ),
    ),
    RegionSpec(
        "ZE",
        "Zeeland",
        (
            _b(
                _m("Middelburg", 49, (4330, 4337), "Middelburg", "Arnemuiden"),
                _m("Vlissingen", 45, (4380, 4389), "Vlissingen", "Oost-Souburg"),
                _m("Veere", 22, (4350, 4374), "Domburg", "Veere", "Serooskerke"),
                name="Walcheren",
            ),
            _b(
                _m("Goes", 38, (4460, 4465), "Goes", "Kloetinge"),
                _m("Borsele", 23, (4450, 4455), "Heinkenszand", "'s-Heerenhoek"),
            ),
            _b(_m("Terneuzen", 54, (4530, 4539), "Terneuzen", "Sas van Gent", "Axel")),
        ),
    ),
    RegionSpec(
        "NB",
        "Noord-Brabant",
        (
            _b(_m("Eindhoven", 245, (5611, 5658)), student=True),
            _b(_m("Tilburg", 225, (5011, 5049), "Tilburg", "Berkel-Enschot", "Udenhout")),
            _b(_m("Breda", 185, (4811, 4841), "Breda", "Prinsenbeek")),
            _b(
                _m("'s-Hertogenbosch", 160, (5211, 5247), "'s-Hertogenbosch", "Rosmalen", "Empel"),
                name="Den Bosch",
            ),
            _b(_m("Helmond", 94, (5700, 5709))),
            _b(_m("Oss", 93, (5340, 5349), "Oss", "Berghem", "Ravenstein")),
            _b(_m("Bergen op Zoom", 68, (4600, 4625), "Bergen op Zoom", "Halsteren")),
        ),
    ),
    RegionSpec(
        "LI",
        "Limburg",
        (
            _b(_m("Maastricht", 122, (6211, 6229)), student=True),
            _b(
                _m("Heerlen", 87, (6411, 6422), "Heerlen", "Hoensbroek"),
                _m("Kerkrade", 45, (6460, 6471)),
                _m("Landgraaf", 37, (6370, 6374)),
                name="Parkstad",
            ),
            _b(_m("Venlo", 102, (5900, 5928), "Venlo", "Tegelen", "Blerick")),
            _b(
                _m("Roermond", 59, (6040, 6046), "Roermond", "Herten"),
                _m("Leudal", 36, (6080, 6099), "Heythuysen", "Haelen", "Roggel"),
            ),
            _b(_m("Sittard-Geleen", 91, (6130, 6166), "Sittard", "Geleen", "Born")),
        ),
    ),
)

# Networks, working groups and factions: (code, name, kind, parent code, share).
# ``share`` is the relative popularity among members who join a group; the
# factions are filled separately (a handful of council members each).
GROUPS: tuple[tuple[str, str, str, str, float], ...] = (
    ("NW-ZORG", "Netwerk Zorg", "netwerk", "NL", 0.20),
    ("NW-KLIMAAT", "Netwerk Klimaat", "netwerk", "NL", 0.26),
    ("NW-JONG", "Jongerennetwerk", "netwerk", "NL", 0.0),  # members under 31 only
    ("NW-ROZE", "Roze Netwerk", "netwerk", "NL", 0.08),
    ("WG-ONDERWIJS", "Werkgroep Onderwijs", "werkgroep", "NL", 0.14),
    ("WG-EUROPA", "Werkgroep Europa", "werkgroep", "NL", 0.10),
    ("WG-WONEN-ZH", "Werkgroep Wonen Zuid-Holland", "werkgroep", "GW-ZH", 0.0),  # ZH only
    ("FR-AMSTERDAM", "Gemeenteraadsfractie Amsterdam", "fractie", "AFD-AMSTERDAM", 0.0),
    ("FR-PS-UTRECHT", "Statenfractie Utrecht", "fractie", "GW-UT", 0.0),
)

STREETS: tuple[str, ...] = (
    "Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Julianastraat",
    "Beatrixlaan", "Wilhelminastraat", "Prins Bernhardlaan", "Oranjestraat", "Nieuwstraat",
    "Hoofdstraat", "Marktstraat", "Kastanjelaan", "Eikenlaan", "Lindenlaan", "Berkenlaan",
    "Tulpstraat", "Rozenstraat", "Zonnebloemstraat", "Sportlaan", "Parkweg", "Havenstraat",
    "Dijkweg", "Ringweg", "Zuiderweg", "Vondelstraat", "Thorbeckelaan", "Troelstrastraat",
    "Domela Nieuwenhuisstraat", "Dr. Schaepmanstraat", "Multatulistraat", "Spinozalaan",
    "Anne Frankstraat", "Van 't Hoffstraat", "Burgemeester de Withstraat", "Hoogstraat",
    "Achterweg", "Meidoornstraat", "Merelstraat", "Reigerstraat", "Koningin Emmaplein",
    "Mauritsweg", "Ruysdaelkade", "Kerkplein", "Sint Janstraat", "Willem de Zwijgerlaan",
    "Rembrandtlaan", "Vermeerstraat", "Van Goghstraat", "Kamerlingh Onnesweg", "Aletta Jacobslaan",
    "Nelson Mandelaplein", "Wibautstraat", "Schoolmeester Bakkerstraat", "Industrieweg",
    "Weverstraat", "Smidsweg", "Bakkerstraat", "Landweg", "Beukenlaan", "Wilgenstraat",
    "Populierenlaan", "Esdoornlaan", "Jasmijnstraat", "Lavendelhof", "Boterbloem", "Kievitstraat",
    "Zwaluwstraat", "Valkenlaan", "Pastoor van Arsstraat", "Kruisstraat", "Burgemeester Visserlaan",
    "Koningsweg", "Noordsingel", "Oostsingel", "Westsingel", "Zuidsingel", "Gracht", "Kade",
    "Lange Nieuwstraat", "Korte Nieuwstraat", "Bloemgracht", "Slotlaan", "Poststraat",
    "Brinkweg", "Esweg", "Hofstraat", "Ruiterweg", "Emmastraat", "Clara Wichmannstraat",
)  # fmt: skip

HOUSE_NUMBER_SUFFIXES: tuple[str, ...] = ("a", "b", "A", "B", "-1", "-2", " hs", "-II", " bis")

# Surnames as (tussenvoegsel, achternaam), most common first.
SURNAMES: tuple[tuple[str, str], ...] = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
    ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Bruin"),
    ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"), ("van", "Vliet"),
    ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"), ("", "Huisman"),
    ("", "Peeters"), ("'t", "Hart"), ("van 't", "Hof"), ("in 't", "Veld"), ("", "Kuipers"),
    ("van", "Wijk"), ("", "Postma"), ("", "Kramer"), ("van", "Rijn"), ("ter", "Horst"),
    ("", "Haverkamp"), ("", "Wijnberg"), ("", "Hoogendoorn"), ("", "Zwart"), ("", "Timmermans"),
    ("", "Sluiter"), ("", "Groeneveld"), ("", "Bosman"), ("", "Wouters"), ("", "Claassen"),
    ("", "Çelik"), ("", "Öztürk"), ("", "Yılmaz"), ("", "Şahin"), ("", "Doğan"), ("", "Kaya"),
    ("", "Yıldız"), ("", "Aydın"), ("", "El Idrissi"), ("", "Benali"), ("", "Bouzid"),
    ("", "El Amrani"), ("", "Ramdin"), ("", "Sewdien"), ("", "Baldewsingh"), ("", "Nguyen"),
    ("", "Kowalski"), ("", "Müller"), ("", "Brüggemann"), ("", "Lefèvre"), ("", "Gonçalves"),
    ("", "Martínez"), ("", "Pereira"), ("", "Andrés"), ("", "Heijnsbroek"), ("", "Mañé"),
    ("", "Mertens"), ("", "Kloosterman"), ("van", "Oosten"), ("", "Steenbergen"), ("de", "Ridder"),
)  # fmt: skip

# First names by generation (born before 1960, 1960-1984, 1985 and later).
MALE_NAMES: tuple[tuple[str, ...], ...] = (
    (
        "Jan", "Piet", "Kees", "Henk", "Gerrit", "Willem", "Hans", "Wim", "Ton", "Johan",
        "Cor", "Klaas", "Bert", "Joop", "Frans", "Rob", "Theo", "Harry", "Ad", "Gerard",
        "Huub", "Jacques", "René", "André", "Bram", "Dirk", "Evert", "Sjoerd", "Hendrik",
    ),
    (
        "Peter", "Marcel", "Mark", "Dennis", "Jeroen", "Martijn", "Sander", "Bas", "Niels",
        "Erik", "Richard", "Patrick", "Michiel", "Arjen", "Joost", "Remco", "Hüseyin",
        "Mustafa", "Mohamed", "Ahmet", "Raj", "Frédéric", "Jörg", "Pieter", "Wouter",
    ),
    (
        "Daan", "Sem", "Lucas", "Noah", "Liam", "Thijs", "Jesse", "Ruben", "Mohammed",
        "Yusuf", "Emre", "Ömer", "Stijn", "Tim", "Lars", "Milan", "Jordy", "Kevin", "Mehmet",
        "Anouar", "Joël", "Gijs", "Tobias", "Mats", "Siem",
    ),
)  # fmt: skip
FEMALE_NAMES: tuple[tuple[str, ...], ...] = (
    (
        "Maria", "Anna", "Johanna", "Cornelia", "Els", "Marijke", "Ingrid", "Anneke", "Ria",
        "Truus", "Hélène", "Wilma", "Joke", "Gerda", "Tineke", "Ineke", "Corrie", "Loes",
        "Annemiek", "Greet", "Riet", "Mies", "Hennie", "Margreet", "Thea", "Agnès",
    ),
    (
        "Monique", "Petra", "Renée", "Linda", "Sandra", "Esther", "Marloes", "Femke", "Ilse",
        "Mirjam", "Saskia", "Karin", "Astrid", "Annelies", "Miriam", "Nathalie", "Ayşe",
        "Fatma", "Hatice", "Naïma", "Brigitte", "Inge", "Judith", "Marieke", "Daniëlle",
    ),
    (
        "Emma", "Julia", "Sophie", "Zoë", "Noor", "Fleur", "Lotte", "Sanne", "Iris", "Anouk",
        "Fatima", "Elif", "Aïcha", "Chloë", "Eva", "Lisa", "Sara", "Merel", "Romy", "Yara",
        "Nina", "Lieke", "Isa", "Büşra", "Amélie",
    ),
)  # fmt: skip
NEUTRAL_NAMES: tuple[str, ...] = (
    "Robin", "Sam", "Kim", "Alex", "Charlie", "Noa", "Jip", "Luca", "Sascha", "Eli",
)  # fmt: skip

EMAIL_DOMAINS: tuple[tuple[str, float], ...] = (
    # Reserved names only (RFC 2606): demo e-mail can never reach a real person.
    ("example.com", 0.35),
    ("example.net", 0.25),
    ("example.org", 0.15),
    ("voorbeeld.example", 0.15),
    ("post.example", 0.10),
)
