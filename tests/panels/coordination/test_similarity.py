"""Similar topics are flagged; unrelated ones are not (Dutch panel topics)."""

from __future__ import annotations

import pytest

from ledenpanel.panels.coordination.similarity import similar_texts

SIMILAR = [
    (
        "Woningbouw en betaalbare huurwoningen in de gemeente",
        "Betaalbaar wonen: meer sociale huurwoningen?",
    ),
    ("Woningbouw en betaalbare huurwoningen", "Huurprijzen en woningnood"),
    (
        "Deelname aan de gemeenteraadsverkiezingen 2026",
        "Doen we mee aan de gemeenteraadsverkiezing?",
    ),
    ("Input voor het verkiezingsprogramma", "Wat moet er in ons verkiezingsprogramma staan?"),
    ("Evaluatie van de campagne", "Hoe vond u onze verkiezingscampagne? Een evaluatie"),
    ("Klimaatbeleid in de regio", "Energie en klimaat: wat vinden de leden?"),
    ("Samenwerking met GroenLinks", "Fusie en samenwerking met GroenLinks-PvdA"),
    ("Zorg en ouderen", "Ouderenzorg in onze gemeente"),
    (
        "Ledenbetrokkenheid en activiteiten van de afdeling",
        "Betrokkenheid van leden bij de afdeling",
    ),
    ("Openbaar vervoer in de provincie", "Bus en trein: het openbaar vervoer in de regio"),
]
UNRELATED = [
    (
        "Woningbouw en betaalbare huurwoningen in de gemeente",
        "Deelname aan de gemeenteraadsverkiezingen",
    ),
    ("Klimaatbeleid in de regio", "Evaluatie van de campagne"),
    ("Zorg en ouderen", "Openbaar vervoer in de provincie"),
    ("Input voor het verkiezingsprogramma", "Ledenbetrokkenheid en activiteiten van de afdeling"),
    ("Samenwerking met GroenLinks", "Woningbouw en huurwoningen"),
    ("Onderwijs en jeugd", "Ouderenzorg in onze gemeente"),
    ("Evaluatie van de campagne", "Betaalbaar wonen"),
    ("Deelname aan de gemeenteraadsverkiezingen", "Openbaar vervoer in de regio"),
    ("Vluchtelingenopvang in onze gemeente", "Klimaat en energie"),
    ("Contributie en financiën van de partij", "Zorg en welzijn"),
]
# Every panel of the past year is a candidate at once, as in the application.
CANDIDATES = sorted({b for _a, b in SIMILAR + UNRELATED})


@pytest.mark.parametrize(("topic", "other"), SIMILAR)
def test_it_flags_a_similar_topic(topic, other):
    found = [CANDIDATES[match.index] for match in similar_texts(topic, CANDIDATES)]
    assert other in found


@pytest.mark.parametrize(("topic", "other"), UNRELATED)
def test_it_does_not_flag_an_unrelated_topic(topic, other):
    found = [CANDIDATES[match.index] for match in similar_texts(topic, CANDIDATES)]
    assert other not in found


def test_it_returns_nothing_for_empty_text():
    assert similar_texts("", CANDIDATES) == []
    assert similar_texts("Wonen", []) == []
