"""Dutch text basics for open answers: tokens, stop words, word lists.

No language model is available (spaCy is not installed), so this module
keeps what the themes and the scrubbing need in plain Python:

- :func:`tokenize`: lowercase word tokens, letters with accents and
  diaeresis kept, hyphenated compounds ("mbo-onderwijs") and clitics
  ("d'r", "zo'n") kept whole, the plural "'s" ("auto's") removed;
- :data:`STOP_WORDS`: the stopwords-iso Dutch list plus words that carry no
  theme in a members' panel ("vind", "graag", "denk") and the words of
  non-answers ("n.v.t.", "geen idee", "geen opmerkingen"), so an answer
  without a content word is "answered, nothing to theme";
- :func:`normalise_vocabulary`: a light, corpus-driven plural/inflection
  folding instead of a stemmer. A Dutch stemmer turns "leden" into
  "leed"/"lijden"; here a form is folded only onto a base form that itself
  occurs in the answers, a fixed list of domain words is never touched, and
  each folded group is shown by its most frequent form;
- word lists for :mod:`ledenpanel.analysis.scrub`: common Dutch first names,
  surname particles, and capitalised words that are not names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import stopwordsiso

# --- tokens ----------------------------------------------------------------------

# A token: word characters joined by inner apostrophes or hyphens ("d'r",
# "mbo-onderwijs", "d66"). ``\w`` rather than the stricter ``[^\W_]``: it is
# twice as fast, and a token without a letter is dropped anyway.
WORD_PATTERN = r"\w+(?:['-]\w+)*"
_TOKEN = re.compile(WORD_PATTERN)
_TYPOGRAPHIC = (("’", "'"), ("‘", "'"), ("`", "'"), ("´", "'"), ("‐", "-"), ("‑", "-"))
# Two-letter words that do carry a theme; other short tokens are dropped.
SHORT_WORDS = frozenset({"ov", "eu", "ai", "vn", "ez", "pv", "ww"})
MIN_TOKEN_LENGTH = 3


def prepare(text: str) -> str:
    """Lowercase ``text``, typographic apostrophes and hyphens made plain,
    e-mail addresses and links removed: what the token pattern runs on."""
    for marker in ("@", "://", "www."):
        if marker in text:
            text = _drop_chunks_with(text, marker)
    for typographic, plain in _TYPOGRAPHIC:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text.lower()


def _drop_chunks_with(text: str, marker: str) -> str:
    """``text`` without the whitespace-delimited chunks that contain ``marker``
    (e-mail addresses and links are no words: "jan", "example", "com").

    Found with ``str.find`` rather than a regex: a pattern like ``\\S+@\\S+``
    is tried at every position and is slow on all answers joined together.
    """
    parts = []
    position = 0
    while (found := text.find(marker, position)) != -1:
        start = found
        while start > position and not text[start - 1].isspace():
            start -= 1
        end = found + len(marker)
        while end < len(text) and not text[end].isspace():
            end += 1
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return " ".join(parts)


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens of ``text`` (stop words still in).

    Tokens without a letter (numbers, dates) are dropped; a plural or
    genitive "'s" is cut ("auto's" → "auto"), other clitics stay whole so the
    stop-word list can catch them ("d'r", "z'n", "zo'n").
    """
    tokens = []
    for token in _TOKEN.findall(prepare(text)):
        if token.endswith("'s"):
            token = token[:-2]
        if any(char.isalpha() for char in token):
            tokens.append(token)
    return tokens


def content_form(token: str) -> str | None:
    """The token as a theme word, or None when it cannot carry a theme:
    a stop word, a very short word, a number, or a first name (names are
    personal data and never a theme)."""
    if token.endswith("'s"):
        token = token[:-2]
    if token in STOP_WORDS or token in FIRST_NAMES_LOWER:
        return None
    if len(token) < MIN_TOKEN_LENGTH and token not in SHORT_WORDS:
        return None
    if "_" in token or not any(char.isalpha() for char in token):
        return None
    return token


def content_tokens(text: str) -> list[str]:
    """The tokens of ``text`` that can carry a theme (see :func:`content_form`)."""
    forms = (content_form(token) for token in _TOKEN.findall(prepare(text)))
    return [form for form in forms if form is not None]


# --- stop words ------------------------------------------------------------------

# Words that say nothing about a theme in a members' panel, and non-answers.
_DOMAIN_STOP_WORDS = """
    d'r z'n m'n zo'n da dr zn mn den ten ter nvt idee mening weet weten
    vind vinden vindt denk denken dacht graag zou zouden moet moeten gaan gaat ging
    komen komt kom krijgen krijgt zien ziet zeggen zegt gezegd vraag vragen vraagt
    ding dingen zaak zaken keer kant manier echt heel erg best beter goed goede
    natuurlijk duidelijk eerlijk gezegd volgens beetje hele ander nou hoor zeg oké ok
    okay prima eh euh hmm idem zie boven hierboven geven geeft kunnen wel mee
    belangrijk belangrijke belangrijkste vooral daarbij waarbij hierbij daarmee
    waarmee alleen echt jaar jaren tijd nodig vaker blijven blijft staan staat
    wilt wil willen mogelijk zoveel zoals weinig gewoon eigenlijk
    opmerking opmerkingen aanvulling aanvullingen toevoegen
    naam telefoonnummer e-mailadres adres nummer rekeningnummer
"""
# The scrubbing placeholders ("[naam]", "[adres]", …) are in the list above:
# themes run on scrubbed text and must never turn a placeholder into a term.

STOP_WORDS: frozenset[str] = frozenset(stopwordsiso.stopwords("nl")) | frozenset(
    _DOMAIN_STOP_WORDS.split()
)

# --- light normalisation ---------------------------------------------------------

# Domain words whose form is never folded: a suffix rule would take them to a
# different word ("leden" → "leed"/"led", "ouderen" → "ouder", "jongeren" →
# "jonger", "kamerleden" → "kamerleed"). Base forms are listed too, so that no
# rule ever reshapes them ("gemeente" → "gemeent"); their plurals may still
# fold onto them ("partijen" → "partij", "afdelingen" → "afdeling").
DOMAIN_EXCEPTIONS = frozenset(
    """leden lid kamerleden raadsleden statenleden bestuursleden partij bestuur
    afdeling congres fractie wethouder gemeente provincie raad gemeenteraad kamer
    ouderen jongeren media kosten gelden rechten middelen zorgen regering kabinet
    oppositie coalitie verkiezingen campagne bewoners burgers kiezers""".split()
)
# Irregular plurals worth folding.
IRREGULAR = {"kinderen": "kind", "steden": "stad", "schepen": "schip", "eieren": "ei"}

_VOWELS = frozenset("aeiouyáéíóúàèäëïöüâêîôû")
_DEVOICE = {"z": "s", "v": "f"}


def _base_candidates(word: str) -> list[str]:
    """Possible base forms of a plural, an inflected adjective or an infinitive.

    Only suggestions: :func:`normalise_vocabulary` keeps one only if it occurs.
    """
    candidates: list[str] = []
    if word in IRREGULAR:
        return [IRREGULAR[word]]
    if word.endswith("eën") or word.endswith("ën"):  # ideeën, knieën, olieën
        candidates.append(word[:-2] if word.endswith("eën") else word[:-2] + "e")
    if (
        word.endswith("s")
        and len(word) > 4
        and word[:-1].endswith(("er", "el", "em", "en", "je", "ie", "e"))
    ):
        candidates.append(word[:-1])  # starters, regels, meisjes, provincies, gemeentes
    for suffix in ("en", "e"):
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: -len(suffix)]
        if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            candidates.append(stem[:-1])  # bussen → bus, dikke → dik
        devoiced = stem[:-1] + _DEVOICE[stem[-1]] if stem[-1] in _DEVOICE else stem
        if (
            len(devoiced) >= 3
            and devoiced[-1] not in _VOWELS
            and devoiced[-2] in "aeou"
            and devoiced[-3] not in _VOWELS
        ):
            # open syllable: banen → baan, huren → huur, grote → groot, huizen → huis
            candidates.append(devoiced[:-2] + devoiced[-2] * 2 + devoiced[-1])
        candidates.append(devoiced)  # woningen → woning, brieven → brief
        if devoiced != stem:
            candidates.append(stem)
    if word.endswith("en") and len(word) > 5:
        candidates.append(word[:-1])  # gemeenten → gemeente
    return candidates


def normalise_vocabulary(counts: Mapping[str, int]) -> dict[str, str]:
    """Map each word form that has a variant in ``counts`` to its group's label.

    ``counts`` are word-form frequencies in one set of answers. A form is
    linked to the first of its candidate base forms that also occurs in the
    answers; linked forms form a group, and every form in a group maps to the
    group's most frequent form ("wonen" and "woon" both show as "wonen").
    Forms without a variant are left out of the result (they map to
    themselves). A domain exception is never linked onto another form.
    """
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        while parent.get(word, word) != word:
            word = parent[word]
        return word

    for word in counts:
        if word in DOMAIN_EXCEPTIONS or "-" in word:
            continue
        for base in _base_candidates(word):
            if base != word and base in counts:
                left, right = root(word), root(base)
                if left != right:
                    parent[left] = right
                break

    groups: dict[str, list[str]] = {}
    for word in parent:
        groups.setdefault(root(word), []).append(word)
    mapping: dict[str, str] = {}
    for top, members in groups.items():
        forms = [top, *members]
        label = max(forms, key=lambda form: (counts[form], -len(form), form))
        for form in forms:
            if form != label:
                mapping[form] = label
    return mapping


# --- names and non-names (for scrubbing) -----------------------------------------

# Common first names in the Netherlands across generations, with the Turkish,
# Moroccan, Surinamese and other names common among members. Not complete:
# the scrubber also uses context ("groet, X", "mijn naam is X") and
# capitalisation; this list catches a lone first name anywhere.
FIRST_NAMES = frozenset(
    """
    Jan Piet Kees Henk Gerrit Willem Hans Wim Ton Johan Cor Klaas Bert Joop Frans
    Rob Theo Harry Gerard Huub Jacques René Rene André Andre Bram Dirk Evert Sjoerd
    Hendrik Jaap Leo Paul Karel Arie Jos Koen Bart Ben Fred Ruud Guus Jeroen Peter
    Marcel Mark Dennis Martijn Sander Bas Niels Erik Eric Richard Patrick Michiel
    Arjen Joost Remco Pieter Wouter Maarten Jasper Vincent Thomas Stefan Frank
    Daan Sem Lucas Luuk Noah Liam Thijs Jesse Ruben Stijn Tim Lars Milan Jordy
    Kevin Gijs Tobias Mats Siem Finn Bram Julian Max Levi Hugo Jens Teun Sven Rik
    Mohamed Mohammed Mustafa Ahmed Ahmet Mehmet Hüseyin Huseyin Yusuf Emre Ömer
    Omer Ali Hassan Hamza Anouar Youssef Ibrahim Raj Ravi Joël Frédéric Jörg
    Maria Anna Johanna Cornelia Els Marijke Ingrid Anneke Ria Truus Hélène Wilma
    Joke Gerda Tineke Ineke Corrie Loes Annemiek Greet Riet Mies Hennie Margreet
    Thea Agnes Agnès Jannie Gonnie Mieke Monique Petra Renée Linda Sandra Esther
    Marloes Femke Ilse Mirjam Saskia Karin Astrid Annelies Miriam Nathalie
    Brigitte Inge Judith Marieke Daniëlle Danielle Manon Wendy Kim Bianca Nicole
    Emma Julia Sophie Zoë Noor Fleur Lotte Sanne Iris Anouk Eva Lisa Sara Sarah
    Merel Romy Yara Nina Lieke Isa Tess Mila Saar Roos Fenna Evi Anna Elin Liv
    Fatima Fatma Ayşe Ayse Hatice Naïma Naima Elif Aïcha Aicha Büşra Busra Zeynep
    Khadija Samira Amira Chloë Amélie Robin Sam Alex Charlie Noa Jip Luca Sascha
    Eli Kris Chris Dominique Anne Marie Annie Jan-Willem Anne-Marie
    """.split()
)

FIRST_NAMES_LOWER = frozenset(name.lower() for name in FIRST_NAMES)

# Surname particles (tussenvoegsels): lowercase words inside a name.
NAME_PARTICLES = frozenset(
    "van de der den het 't ter ten te in op d' da di du la le el al ben bin von zu".split()
)

# Capitalised words and phrases that are not personal names: organisations,
# institutions, large places, days and months. Anything else capitalised in
# the middle of a sentence is treated as a name (over-scrubbing a small place
# is acceptable, leaking a name is not).
NON_NAME_WORDS = frozenset(
    """
    Partij Bestuur Partijbestuur Congres Fractie Kamer Tweede Eerste Kabinet Rijk
    Staat Regering Afdeling Gemeente Provincie Raad Gemeenteraad Staten
    Provinciale Europa Europese Unie EU Nederland Nederlands Nederlandse
    Nederlanders Holland Randstad Den Haag Amsterdam Rotterdam Utrecht
    Eindhoven Groningen Friesland Fryslân Drenthe Overijssel Gelderland Flevoland
    Noord-Holland Zuid-Holland Zeeland Noord-Brabant Brabant Limburg Tilburg
    Almere Breda Nijmegen Arnhem Haarlem Zwolle Leiden Maastricht Enschede
    Apeldoorn Amersfoort Dordrecht Zoetermeer Leeuwarden Den Bosch Venlo Emmen
    Duitsland België Belgie Frankrijk Amerika Rusland Oekraïne Oekraine Israël
    Israel Gaza Palestina China Afrika Azië Azie Brussel Kamerleden
    Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Januari Februari
    Maart April Mei Juni Juli Augustus September Oktober November December
    Kerst Pasen Pinksteren Koningsdag God Jezus Allah Internet Google Facebook
    Instagram WhatsApp Twitter X TikTok LinkedIn Zoom Teams Ledenraad Ledenpanel
    Ledenvergadering Algemene Jongeren Jongerenorganisatie Wetenschappelijk Bureau
    Statenfractie Kamerfractie Corona Covid Rijksoverheid Belastingdienst
    """.split()
)
