"""Scrubbing personal data from open answers before any quote is shown."""

from __future__ import annotations

import random
import re

import pytest

from ledenpanel.analysis.scrub import scrub


@pytest.mark.parametrize(
    "address",
    [
        "jan.de.jong@example.com",
        "P.Jansen+panel@voorbeeld.example",
        "fatima_el-idrissi@post.example.nl",
        "INFO@PARTIJ.EXAMPLE",
        "piet (at) example (dot) nl",
        "piet[at]example.nl",
        "jan at example dot nl",
    ],
)
def test_it_replaces_email_addresses(address):
    assert scrub(f"Mail me op {address} als u wilt doorpraten.") == (
        "Mail me op [e-mailadres] als u wilt doorpraten."
    )


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "0612345678",
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)6-1234 5678",
        "0031 6 12345678",
        "020-1234567",
        "010 123 4567",
        "(020) 123 45 67",
        "050-4362830",
        "0592/123456",
    ],
)
def test_it_replaces_phone_numbers(number):
    assert scrub(f"Bel me gerust op {number}, na 18 uur.") == (
        "Bel me gerust op [telefoonnummer], na 18 uur."
    )


@pytest.mark.parametrize("postcode", ["1234 AB", "1234AB", "9711ab"])
def test_it_replaces_postcodes(postcode):
    assert scrub(f"Mijn postcode is {postcode} in Zwolle.") == (
        "Mijn postcode is [adres] in Zwolle."
    )


@pytest.mark.parametrize(
    "street",
    [
        "Kerkstraat 12",
        "Dorpsweg 3a",
        "kerkstraat 12",
        "Prins Bernhardlaan 7-II",
        "Dr. Schaepmanstraat 5",
        "Van 't Hoffstraat 2",
        "Burgemeester de Withstraat 101 hs",
        "Willem de Zwijgerlaan 14b",
        "Lange Nieuwstraat 40-2",
        "Gracht 8",
        "Domela Nieuwenhuisstraat 77",
    ],
)
def test_it_replaces_street_addresses(street):
    assert scrub(f"Ik woon aan de {street}, kom gerust langs.") == (
        "Ik woon aan de [adres], kom gerust langs."
    )


def test_a_street_without_a_street_word_is_an_address_after_aan_de():
    assert scrub("Ik woon aan de Boterbloem 5.") == "Ik woon aan de [adres]."
    assert scrub("Mijn adres: Lavendelhof 3, 1234 AB Goes") == "Mijn adres: [adres], [adres] [naam]"


def test_it_replaces_links():
    assert scrub("Zie www.example.nl/jan of https://example.com/p?id=3.") == (
        "Zie [link] of [link]."
    )


def test_it_replaces_member_and_account_numbers():
    assert scrub("Mijn lidnummer is 0012345.") == "Mijn lidnummer is [nummer]."
    assert scrub("lidnummer: 4711") == "lidnummer: [nummer]"
    assert scrub("IBAN NL91 ABNA 0417 1643 00 graag.") == "IBAN [rekeningnummer] graag."


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("Mijn naam is Hatice Yıldız.", "Mijn naam is [naam]."),
        ("mijn naam is piet en ik wil meer doen", "mijn naam is [naam] en ik wil meer doen"),
        ("Ik ben Fatima en ik wil meer doen.", "Ik ben [naam] en ik wil meer doen."),
        ("Ik heet Xandra.", "Ik heet [naam]."),
        ("Groet, Jan de Jong", "Groet, [naam]"),
        ("Groeten, Marloes in 't Veld", "Groeten, [naam]"),
        ("groetjes, jan de jong", "groetjes, [naam]"),
        ("Met vriendelijke groet, Büşra El Idrissi", "Met vriendelijke groet, [naam]"),
        ("Met vriendelijke groet\nKees van der Meer", "Met vriendelijke groet\n[naam]"),
        ("mvg, Sander Wouters", "mvg, [naam]"),
        ("Ik sprak wethouder Van der Heijden.", "Ik sprak wethouder [naam]."),
        ("Ik sprak met wethouder van der Meer.", "Ik sprak met wethouder [naam]."),
        ("Vraag het meneer Bakker.", "Vraag het meneer [naam]."),
        ("Mevrouw de Vries weet het.", "Mevrouw [naam] weet het."),
        ("Dhr. Jansen zei dat ook.", "Dhr. [naam] zei dat ook."),
        ("Mevr. J. Smit belde.", "Mevr. [naam] belde."),
        ("Ik had contact met Ömer Çelik.", "Ik had contact met [naam]."),
        (
            "Vraag het maar aan Esther van 't Hof, die weet alles.",
            "Vraag het maar aan [naam], die weet alles.",
        ),
        ("Ik sprak met Ben en Mark over de zorg.", "Ik sprak met [naam] en [naam] over de zorg."),
        ("Hatice Öztürk, afdeling Tilburg", "[naam], afdeling Tilburg"),
        ("Dank! Xandra Bouzid, afdeling Emmen", "Dank! [naam], afdeling Emmen"),
        (
            "Iris zei dat de wachtlijsten te lang zijn.",
            "[naam] zei dat de wachtlijsten te lang zijn.",
        ),
        ("Ik heb het aan Mohammed gevraagd.", "Ik heb het aan [naam] gevraagd."),
        ("Daarna belde Anne-Marie Wijnberg me.", "Daarna belde [naam] me."),
        ("Fractievoorzitter Klaver zei dat.", "Fractievoorzitter [naam] zei dat."),
        ("Namens de afdeling, Kees", "Namens de afdeling, [naam]"),
        ("ik ben sanne en ik woon in Utrecht", "ik ben [naam] en ik woon in Utrecht"),
    ],
)
def test_it_replaces_names(text, scrubbed):
    assert scrub(text) == scrubbed


@pytest.mark.parametrize(
    "text",
    [
        "De Partij moet meer naar de leden luisteren.",
        "Minder in Den Haag, meer in het land.",
        "Kijk ook naar de regio, niet alleen de Randstad.",
        "Ik ben al 20 jaar lid en voel me weinig betrokken.",
        "Ik ben blij met deze vragenlijst.",
        "De GGZ, de PvdA, GroenLinks en D66 willen meer.",
        "In 2024 en 2025 bouwen we 100000 woningen, 10.000 per jaar.",
        "Het eigen risico van 385 euro houdt mensen weg bij de dokter.",
        "Vergaderen op zaterdag in plaats van doordeweeks 's avonds.",
        "Mensen voelen zich niet meer veilig 's avonds.",
        "Groeten aan iedereen in de afdeling!",
        "Met vriendelijke groet en succes met de campagne.",
        "Goede vraag. Betaalbaar wonen, want de huren stijgen harder dan de lonen.",
        "Vooral de GGZ: mijn moeder wacht al maanden op een plek.",
        "Ik mis de partij in mijn gemeente. Wat doet de Tweede Kamer eraan?",
        "Na de verkiezingen in maart zijn wij er ook nog.",
        "Compromissen horen bij de democratie, ook met het CDA en de VVD.",
        "Meer aandacht voor Europa en de EU graag.",
        "Contact met de afdeling is er nauwelijks.",
        "Ik woon op het platteland, vlak bij de weg.",
        "Hij at zijn bord leeg en ging naar de vergadering.",
        "Fractievoorzitter en lijsttrekker moeten luisteren.",
    ],
)
def test_it_leaves_ordinary_text_alone(text):
    assert scrub(text) == text


def test_a_capitalised_place_may_be_scrubbed_as_a_name():
    # Documented trade-off: a capitalised word in mid-sentence that is not a
    # known non-name is taken for a name; a small place goes with it.
    assert scrub("Ik kom uit Ransdorp en mis de partij.") == "Ik kom uit [naam] en mis de partij."
    assert (
        scrub("Ik kom uit Amsterdam en mis de partij.") == "Ik kom uit Amsterdam en mis de partij."
    )


def test_scrubbing_twice_changes_nothing_more():
    text = "Groet, Jan de Jong (06-12345678, jan@example.com), Kerkstraat 1, 1234 AB Goes"

    once = scrub(text)

    assert once == "Groet, [naam] ([telefoonnummer], [e-mailadres]), [adres], [adres] [naam]"
    assert scrub(once) == once


# --- the demo's planted personal data (copied from organisations/demo, which
# imports Django through its package and so cannot be imported here) --------

CONTACT = (
    "Bel me gerust op {phone}.", "Mijn nummer is {phone}, bel gerust.",
    "Mail me op {email} als u wilt doorpraten.", "U kunt mij bereiken via {email}.",
    "Groet, {name}", "Met vriendelijke groet, {name}", "{name}, afdeling {town}",
    "Ik woon aan de {street} {number}, kom gerust langs.",
    "Mijn lidnummer is {member_number}, ik hoor graag van jullie.",
    "Vraag het maar aan {name}, die weet er alles van.", "bel {phone} (na 18 uur)",
)  # fmt: skip
TOWNS = ("Zwolle", "Tilburg", "Leiden", "Emmen", "Venlo", "Almere", "Goes", "Arnhem", "Haarlem")
FIRST_NAMES = (
    "Jan", "Gerrit", "Huub", "René", "Sjoerd", "Hüseyin", "Frédéric", "Jörg", "Raj", "Ömer",
    "Anouar", "Joël", "Siem", "Truus", "Hélène", "Agnès", "Renée", "Ayşe", "Naïma",
    "Daniëlle", "Zoë", "Aïcha", "Chloë", "Büşra", "Amélie", "Robin", "Jip", "Sascha", "Eli",
    "Mies", "Hennie", "Corrie", "Mehmet", "Liam", "Romy", "Yara", "Nina", "Merel", "Iris",
)  # fmt: skip
SURNAMES = (
    ("de", "Jong"), ("", "Jansen"), ("van den", "Berg"), ("van der", "Meer"), ("de", "Wit"),
    ("'t", "Hart"), ("van 't", "Hof"), ("in 't", "Veld"), ("ter", "Horst"), ("", "Çelik"),
    ("", "Öztürk"), ("", "Yılmaz"), ("", "Şahin"), ("", "Doğan"), ("", "El Idrissi"),
    ("", "Bouzid"), ("", "El Amrani"), ("", "Baldewsingh"), ("", "Nguyen"), ("", "Müller"),
    ("", "Brüggemann"), ("", "Lefèvre"), ("", "Gonçalves"), ("", "Martínez"), ("", "Mañé"),
    ("de", "Groot"), ("de", "Boer"), ("", "Bos"), ("de", "Haan"), ("van", "Dam"),
)  # fmt: skip
STREETS = (
    "Kerkstraat", "Prins Bernhardlaan", "Domela Nieuwenhuisstraat", "Dr. Schaepmanstraat",
    "Anne Frankstraat", "Van 't Hoffstraat", "Burgemeester de Withstraat", "Koningin Emmaplein",
    "Sint Janstraat", "Willem de Zwijgerlaan", "Kamerlingh Onnesweg", "Nelson Mandelaplein",
    "Schoolmeester Bakkerstraat", "Lavendelhof", "Boterbloem", "Pastoor van Arsstraat",
    "Gracht", "Kade", "Lange Nieuwstraat", "Clara Wichmannstraat", "Ruysdaelkade", "Esweg",
)  # fmt: skip


def _demo_name(rng: random.Random) -> str:
    infix, last = rng.choice(SURNAMES)
    return " ".join(part for part in (rng.choice(FIRST_NAMES), infix, last) if part)


def _demo_phone(rng: random.Random) -> str:
    digits = f"{rng.randrange(10**8):08d}"
    return rng.choice(
        (
            f"06-{digits}",
            f"06 {digits[:4]} {digits[4:]}",
            f"+31 6 {digits}",
            f"0{rng.choice(('20', '10', '30', '50'))}-{digits[:7]}",
        )
    )


def _planted(template: str, rng: random.Random) -> tuple[str, list[str]]:
    """A demo sentence and the personal values planted in it."""
    name = _demo_name(rng)
    email_name = _demo_name(rng)
    values = {
        "phone": _demo_phone(rng),
        "email": f"{email_name.lower().replace(' ', '.').replace(chr(39), '')}@example.org",
        "name": name,
        "town": rng.choice(TOWNS),
        "street": rng.choice(STREETS),
        "number": str(rng.randrange(1, 180)),
        "member_number": f"{rng.randrange(10**7):07d}",
    }
    used = [key for key in values if "{" + key + "}" in template and key != "town"]
    planted = []
    for key in used:
        if key == "name":
            # Every part of the name except the particles must go.
            planted += [part for part in name.split() if part[0].isupper()]
        else:
            planted.append(values[key])
    return template.format(**values), planted


@pytest.mark.parametrize("template", CONTACT)
def test_every_demo_pattern_of_personal_data_is_scrubbed(template):
    rng = random.Random(template)
    for _ in range(200):
        sentence, planted = _planted(template, rng)
        answer = f"Vooral de zorg, want de wachtlijsten zijn lang. {sentence}"

        scrubbed = scrub(answer)

        for value in planted:
            assert not re.search(rf"(?<!\w){re.escape(value)}(?!\w)", scrubbed), (answer, scrubbed)
        assert not re.search(r"\d{3}", scrubbed)
        assert scrubbed.startswith("Vooral de zorg, want de wachtlijsten zijn lang. ")
