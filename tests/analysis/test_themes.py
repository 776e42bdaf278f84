"""Themes in open answers: planted themes come back, small groups never show."""

from __future__ import annotations

import json
import random
from collections import Counter

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from ledenpanel.analysis import dutch
from ledenpanel.analysis.themes import _themes, assign_themes, find_themes

# Four planted topics with their own words, plus words every answer may use.
TOPICS = {
    "wonen": """woningen huurwoningen starters huur huurprijzen woningmarkt bouwen huizen
        wachtlijst corporaties nieuwbouw hypotheek koopwoning huurders woningnood""".split(),
    "zorg": """zorg ziekenhuis ouderenzorg verpleging huisarts wachtlijsten thuiszorg
        zorgpersoneel mantelzorg verpleeghuis ggz jeugdzorg patiënten dokter""".split(),
    "klimaat": """klimaat energie zonnepanelen isolatie uitstoot natuur windmolens duurzaam
        energietransitie warmtepomp vervuiling biodiversiteit stikstof klimaatdoelen""".split(),
    "inspraak": """leden ledenvergadering inspraak afdelingen bijeenkomsten meebeslissen
        vragenlijst betrokken ledenraad stemmen congres meepraten afdeling werkgroepen""".split(),
}
# "leed" and "lijden" tempt a stemmer to fold "leden" away.
NOISE = """partij mensen land nederland politiek beleid toekomst samenleving kiezers
    probleem oplossing aandacht overheid geld regering veranderen leed lijden""".split()
FILLER = "de het een en van in is dat op te voor met ook niet maar we moeten meer er die".split()


def planted_answer(topic: str, rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(15, 40)):
        roll = rng.random()
        pool = TOPICS[topic] if roll < 0.35 else NOISE if roll < 0.55 else FILLER
        words.append(rng.choice(pool))
    return " ".join(words).capitalize() + "."


def planted(sizes: dict[str, int], seed: int = 0) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    labels = [topic for topic, size in sizes.items() for _ in range(size)]
    rng.shuffle(labels)
    return [planted_answer(topic, rng) for topic in labels], labels


def test_it_recovers_four_planted_themes():
    texts, labels = planted(dict.fromkeys(TOPICS, 150))

    result, theme_of = assign_themes(texts, seed=0)

    assert result["k"] == 4
    assert len(result["themes"]) == 4
    found_for = {}
    for topic in TOPICS:
        themes = Counter(theme_of[i] for i, label in enumerate(labels) if label == topic)
        theme, count = themes.most_common(1)[0]
        assert theme is not None
        assert count / 150 >= 0.8, (topic, themes)
        found_for[topic] = theme
    assert len(set(found_for.values())) == 4  # one theme per planted topic
    assigned = [i for i, theme in enumerate(theme_of) if theme is not None]
    assert adjusted_rand_score([labels[i] for i in assigned], [theme_of[i] for i in assigned]) > 0.9
    for topic, theme in found_for.items():
        # Named by its own words.
        assert set(result["themes"][theme]["label"].split(", ")) <= set(TOPICS[topic])


def test_counts_add_up_and_shares_are_of_all_answers():
    texts, _labels = planted(dict.fromkeys(TOPICS, 50))
    texts += [None] * 30 + ["nee", "-", "", "Geen idee.", "n.v.t."] * 4

    result = find_themes(texts, seed=0)

    assert result["n_answers"] == 200 + 20
    assert result["n_short"] == 20
    assert result["n_answers"] == result["n_short"] + result["n_themed"] + result["unassigned"]
    for theme in result["themes"]:
        assert theme["share"] == round(theme["count"] / 220, 4)


def test_the_result_is_plain_json():
    texts, _labels = planted(dict.fromkeys(TOPICS, 60))

    result = find_themes(texts, seed=0)

    assert json.loads(json.dumps(result)) == result
    assert result["method"]
    assert result["reason"] is None


def test_too_few_answers_give_only_the_count():
    texts, _labels = planted({"wonen": 8, "zorg": 7})

    result = find_themes([*texts, None, None], seed=0)

    assert result["themes"] == []
    assert result["reason"] == "too_few_answers"
    assert result["n_answers"] == 15
    assert result["unassigned"] == 15


def test_short_answers_are_counted_but_never_themed():
    result = find_themes(["nee", "-", "", "geen", "Geen opmerkingen.", "Nee hoor"] * 10)

    assert result["n_answers"] == 60
    assert result["n_short"] == 60
    assert result["themes"] == []


def test_answers_without_shared_structure_give_no_themes():
    rng = random.Random(3)
    vocabulary = [f"woord{chr(97 + i)}{chr(97 + j)}" for i in range(26) for j in range(26)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(25)) for _ in range(300)]

    result = find_themes(texts, seed=0)

    assert result["themes"] == []
    assert result["reason"] == "no_clear_themes"


def test_a_theme_smaller_than_min_group_is_not_shown():
    texts, labels = planted({"wonen": 150, "zorg": 150, "klimaat": 150, "inspraak": 40})

    shown_at_10, _ = assign_themes(texts, seed=0, min_group=10)
    shown_at_50, theme_of = assign_themes(texts, seed=0, min_group=50)

    assert len(shown_at_10["themes"]) == 4
    assert len(shown_at_50["themes"]) == 3
    assert all(theme["count"] >= 50 for theme in shown_at_50["themes"])
    small = [theme_of[i] for i, label in enumerate(labels) if label == "inspraak"]
    assert Counter(small)[None] >= 0.8 * 40  # their answers went to "overig"
    total = shown_at_50["n_short"] + shown_at_50["n_themed"] + shown_at_50["unassigned"]
    assert total == len(texts)


def test_small_factorised_themes_are_merged_into_overig():
    # Three themes from the factorisation, the second with only 4 clear answers.
    weights = np.zeros((40, 3))
    weights[:20, 0] = 1.0
    weights[20:24, 1] = 1.0
    weights[24:, 2] = 1.0
    components = np.eye(3)
    texts = [f"antwoord nummer {i} over iets" for i in range(40)]

    themes = _themes(texts, ["a", "b", "c"], weights, components, min_group=10)

    assert [theme["count"] for theme in themes] == [20, 16]
    assert [theme["terms"] for theme in themes] == [["a"], ["c"]]
    assert themes[0]["members"] == list(range(20))
    assert themes[1]["members"] == list(range(24, 40))  # the four of theme "b": overig


def test_the_same_seed_gives_the_same_themes():
    texts, _labels = planted(dict.fromkeys(TOPICS, 100), seed=7)

    assert find_themes(texts, seed=3) == find_themes(texts, seed=3)
    assert find_themes(list(texts), seed=3) == find_themes(texts, seed=3)


def test_leden_stays_leden():
    texts, _labels = planted(dict.fromkeys(TOPICS, 100))

    result = find_themes(texts, seed=0)

    member_theme = next(theme for theme in result["themes"] if "inspraak" in theme["terms"])
    assert "leden" in member_theme["terms"]
    assert dutch.normalise_vocabulary(Counter(leden=50, leed=40, led=3, lid=9, lijden=8)) == {}


def test_quotes_are_distinct_scrubbed_and_from_their_theme():
    rng = random.Random(5)
    texts, labels = planted(dict.fromkeys(TOPICS, 60))
    for index, label in enumerate(labels):
        if label == "zorg" and rng.random() < 0.5:
            phone = f"06-{rng.randrange(10**8):08d}"
            texts[index] = f"Bel {phone} of mail jan.de.vries@example.nl. {texts[index]}"

    result = find_themes(texts, seed=0)

    for theme in result["themes"]:
        quotes = theme["quotes"]
        assert 2 <= len(quotes) <= 3
        assert len(set(quotes)) == len(quotes)
        for quote in quotes:
            assert "@" not in quote
            assert "06-" not in quote
            assert len(quote) <= 302
    zorg = next(theme for theme in result["themes"] if set(theme["terms"]) <= set(TOPICS["zorg"]))
    assert any("Bel [telefoonnummer] of mail [e-mailadres]." in quote for quote in zorg["quotes"])


def test_tokens_keep_accents_hyphens_and_clitics_together():
    tokens = dutch.tokenize("Zo’n auto's, d'r mbo-onderwijs 's avonds, ideeën, Één, 2024")

    assert tokens == ["zo'n", "auto", "d'r", "mbo-onderwijs", "s", "avonds", "ideeën", "één"]
    assert dutch.content_tokens("d'r zijn zo'n ideeën voor het mbo-onderwijs") == [
        "ideeën",
        "mbo-onderwijs",
    ]


def test_content_tokens_drop_names_addresses_and_stop_words():
    text = "Groet, Jan. Mail jan@example.com of kijk op www.partij.example voor het ov"

    assert dutch.content_tokens(text) == ["groet", "mail", "kijk", "ov"]


@pytest.mark.parametrize(
    ("forms", "folded"),
    [
        ({"woningen": 9, "woning": 3}, {"woning": "woningen"}),
        ({"huren": 2, "huur": 5}, {"huren": "huur"}),
        ({"betaalbare": 4, "betaalbaar": 6}, {"betaalbare": "betaalbaar"}),
        ({"huizen": 3, "huis": 8}, {"huizen": "huis"}),
        ({"partijen": 2, "partij": 9}, {"partijen": "partij"}),
        ({"gemeenten": 2, "gemeente": 9}, {"gemeenten": "gemeente"}),
        ({"ouderen": 5, "ouder": 9}, {}),
        ({"jongeren": 5, "jonger": 9}, {}),
        ({"plant": 5, "plan": 9}, {}),
    ],
)
def test_plurals_fold_onto_a_form_that_occurs_but_domain_words_never(forms, folded):
    assert dutch.normalise_vocabulary(Counter(forms)) == folded
