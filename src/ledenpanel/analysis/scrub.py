"""Personal data out of open answers before any quote is shown.

:func:`scrub` replaces, in this order (earlier patterns protect later ones):

=============================  ======================  ==========================
what                           placeholder             examples
=============================  ======================  ==========================
e-mail address                 ``[e-mailadres]``       jan@example.com,
                                                       jan (at) example.nl,
                                                       jan at example dot nl
web link                       ``[link]``              https://…, www.…
bank account (IBAN)            ``[rekeningnummer]``    NL91 ABNA 0417 1643 00
phone number                   ``[telefoonnummer]``    06-12345678, 06 1234 5678,
                                                       +31 6 12345678,
                                                       (020) 123 45 67
postcode                       ``[adres]``             1234 AB, 1234ab
street and house number        ``[adres]``             Kerkstraat 12, Dorpsweg 3a,
                                                       Prins Bernhardlaan 7-II,
                                                       aan de Boterbloem 5
long number (member number)    ``[nummer]``            0012345 (seven digits or
                                                       more), lidnummer 4711
person name                    ``[naam]``              see below
=============================  ======================  ==========================

Names, without a language model:

- a known first name (:data:`~ledenpanel.analysis.dutch.FIRST_NAMES`),
  capitalised, anywhere, with the surname that follows it;
- any capitalised word that does not start a sentence, unless it is a known
  non-name (party, institution, large place, month, title — see
  :data:`~ledenpanel.analysis.dutch.NON_NAME_WORDS`), a stop word written
  with a capital, an acronym (``GGZ``) or a word with an inner capital
  (``GroenLinks``, ``PvdA``). Dutch writes common nouns in lowercase, so such a
  word is a proper noun: a name, or a place, which is then scrubbed too
  (accepted: over-scrubbing a place name is harmless, leaking a name is not);
- a capitalised word that starts a sentence when a name follows it
  ("Hatice Öztürk, afdeling …");
- after a cue ("mijn naam is", "ik ben", "ik heet", "groet(en),", "met
  vriendelijke groet", "wethouder", "meneer", "mevrouw", "dhr.", "mevr.",
  "contact met", "vraag het aan", …) also a lowercase first name, and after a
  closing greeting the whole signature ("groetjes, jan de jong");
- surname particles (van, de, der, 't, …) between name words go with the name.

Known gaps: a lone unknown first name at the start of a sentence
("Xandra hier."), names in lowercase without a cue, and names written in
capitals only (read as acronyms).
"""

from __future__ import annotations

import re

from ledenpanel.analysis.dutch import (
    DOMAIN_EXCEPTIONS,
    FIRST_NAMES,
    NAME_PARTICLES,
    NON_NAME_WORDS,
    STOP_WORDS,
)

EMAIL = "[e-mailadres]"
PHONE = "[telefoonnummer]"
ADDRESS = "[adres]"
ACCOUNT = "[rekeningnummer]"
NUMBER = "[nummer]"
NAME = "[naam]"
LINK = "[link]"

# Character classes: Python's re has no \p{Lu}, so the capitals are listed.
_UPPER = "".join(chr(code) for code in range(0x41, 0x250) if chr(code).isupper())
_LETTER = r"[^\W\d_]"
_CAP = rf"[{_UPPER}]{_LETTER}*(?:['’-]{_LETTER}+)*"
_PARTICLE = r"(?:van|de|der|den|het|'t|’t|ter|ten|te|in|op|d'|la|le|el|al|von)"
_ABBREVIATION = rf"[{_UPPER}][a-z]{{0,3}}\."  # Dr. St. Mr. Burg.

_EMAIL = re.compile(
    r"[\w.+-]+(?:@|\s*[(\[]\s*(?:at|apenstaartje)\s*[)\]]\s*)[\w-]+"
    r"(?:(?:\.|\s*[(\[]\s*(?:dot|punt)\s*[)\]]\s*)[\w-]+)+"
    # Spelled out: "jan at example dot nl" (needs the "dot": "hij at brood" stays).
    r"|[\w.+-]+\s+(?:at|apenstaartje)\s+[\w-]+(?:\s+(?:dot|punt)\s+[\w-]+)+",
    re.IGNORECASE,
)
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)]", re.IGNORECASE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)\s*31[\s.-]*(?:\(0\)[\s.-]*)?[1-9](?:[\s.-]?\d){8}"  # +31 6 12345678
    r"|(?:\((?=0\d{1,3}\)))?0[1-9](?:[\s.)/-]{0,2}\d){8}"  # 06-12345678, (020) 123 45 67
    r")(?!\d)"
)
_POSTCODE = re.compile(rf"(?<![\w-])[1-9]\d{{3}}(?:\s?[{_UPPER}]{{2}}|[a-z]{{2}})(?!\w)")
_HOUSE_NUMBER = (
    r"\d{1,5}(?:\s?-\s?(?:\d{1,4}|[A-Za-z]{1,3})|[A-Za-z](?!\w)|\s(?:hs|bis|II|III)(?!\w))?"
    r"(?![\w])"
)
_STREET_SUFFIX = (
    r"(?:straat|laan|weg|plein|kade|gracht|singel|hof|dijk|dreef|pad|steeg|markt|park|"
    r"ring|wal|burg|veld|plantsoen|dam|oord|haven|brink|zijde|erf|hoeve|boulevard|allee|"
    r"promenade|straatweg)"
)
# A street name ends in a street word ("…straat", or "Gracht" on its own), may
# start with capitalised words, abbreviations and particles ("Dr.
# Schaepmanstraat", "Van 't Hoffstraat", "Burgemeester de Withstraat").
_STREET = re.compile(
    rf"(?:(?:{_CAP}|{_ABBREVIATION})\s+(?:(?:{_CAP}|{_ABBREVIATION}|{_PARTICLE})\s+)*)?"
    rf"(?:[{_UPPER}]{_LETTER}*(?i:{_STREET_SUFFIX})|[a-z]{{3,}}{_STREET_SUFFIX})"
    rf"\s+{_HOUSE_NUMBER}"
)
# Any capitalised name with a house number after "aan de", "woon op", "adres:".
_ADDRESS_IN_CONTEXT = re.compile(
    rf"(?i:\b(?:(?:aan|op)\s+(?:de|het|'t)|(?:woon|woont|wonen)\s+(?:aan|op|in)"
    rf"(?:\s+(?:de|het|'t))?|adres(?:\s+is)?:?))\s+"
    rf"({_CAP}(?:\s+(?:{_CAP}|{_PARTICLE}))*\s+{_HOUSE_NUMBER})"
)
_LONG_NUMBER = re.compile(r"(?<![\w.,])\d{7,}(?![\w.,]\d)")
_NUMBER_IN_CONTEXT = re.compile(
    r"(?i:\b(?:lid|leden|lidmaatschaps|klant|relatie|bsn|burgerservice)\s*-?\s*"
    r"(?:nummer|nr\.?)(?:\s+is)?\s*:?\s*)(\d{3,})"
)

# --- names ---------------------------------------------------------------------

_WORD = re.compile(rf"'?{_LETTER}+(?:['’-]{_LETTER}+)*")
_CAPITALISED = re.compile(rf"(?<![\w'’\[-]){_CAP}")
# Between two words of one name: a space, perhaps after an initial's full
# stop ("J. Smit"), perhaps particles ("Kees van der Meer").
_GAP_IN_NAME = re.compile(rf"\.?\s+(?:{_PARTICLE}\s+)*", re.IGNORECASE)
_NAME_PART_SEPARATOR = re.compile(r"[-'’]")
_ABBREVIATIONS = frozenset("dhr mevr mw mr dr drs ir ing prof st burg sr jr ds".split())
# Cues after which the next word is a name even in lowercase when it is a
# known first name (and any capitalised word is one anyway).
_CUE = re.compile(
    r"(?i:\b(?:mijn\s+naam\s+is|ik\s+heet|ik\s+ben|naam\s*:|wethouder|burgemeester|"
    r"raadslid|kamerlid|gedeputeerde|voorzitter|secretaris|penningmeester|meneer|"
    r"mevrouw|de\s+heer|dhr\.?|mevr\.?|mw\.?|contact\s+(?:opnemen\s+)?met|"
    r"gesproken\s+met|bellen\s+met|mailen\s+met|(?:vraag|vragen)\s+(?:het\s+)?(?:maar\s+)?aan|"
    r"namens|beste|hoi|hallo|geachte|lieve|groet(?:en|jes)?|mvg|m\.v\.g\.?))"
    rf"[\s,:]+({_LETTER}+)"
)
# A closing greeting followed by a comma, colon or line break: what follows,
# up to the end of the sentence, is a signature.
_SIGNATURE = re.compile(
    r"(?i:\b(?:groet(?:en|jes)?|gr|mvg|m\.v\.g|vriendelijke\s+groet(?:en)?|"
    r"hartelijke\s+groet(?:en)?|dank\s+en\s+groet))\.?\s*(?:[,:]|\n)\s*"
    rf"((?:{_LETTER}+(?:['’-]{_LETTER}+)*\s*){{1,4}})"
)
# Cheap gates: the slower patterns run only on answers that could match them.
_DIGIT = re.compile(r"\d")
_AT = re.compile(r"@|\b(?:at|apenstaartje)\b", re.IGNORECASE)
_PUNCTUATION_TO_SPACE = str.maketrans({char: " " for char in ".,;:!?()[]\"'’“”/-"})
_CUE_WORDS = frozenset(
    """naam heet ben wethouder burgemeester raadslid kamerlid gedeputeerde voorzitter
    secretaris penningmeester meneer mevrouw heer dhr mevr mw contact gesproken bellen
    mailen vraag vragen namens beste hoi hallo geachte lieve groet groeten groetjes gr
    mvg v""".split()
)
_ADJACENT_NAMES = re.compile(r"\[naam\](?:\s*\[naam\])+")
# A surname that is also a common word ("van der Meer", "de Wit") follows a
# particle; and particles after a title go with the name ("mevrouw de Vries").
_AFTER_PARTICLE = re.compile(r"(?:\b(?:van|de|der|den|ter|ten)|'t|’t)\s+$")
_TITLE_THEN_PARTICLES = re.compile(
    r"(?i:\b(?:meneer|mevrouw|heer|dhr\.?|mevr\.?|mw\.?|wethouder|burgemeester|raadslid|"
    r"kamerlid|met|aan|is|ben|heet))\s+"
    rf"((?:{_PARTICLE}\s+)+)$"
)

_FIRST_NAMES_LOWER = frozenset(name.lower() for name in FIRST_NAMES)
_COMMON_WORDS = (
    STOP_WORDS
    | DOMAIN_EXCEPTIONS
    | frozenset(word.lower() for word in NON_NAME_WORDS)
    | frozenset(
        """bel mail mailen vraag dank bedankt beste hoi hallo dag geachte lieve succes
        groet groeten groetjes namens wethouder burgemeester minister meneer mevrouw
        raadslid kamerlid gedeputeerde voorzitter secretaris penningmeester oud-wethouder
        fractievoorzitter partijvoorzitter partijleider lijsttrekker minister-president
        premier staatssecretaris kamervoorzitter commissaris gedeputeerde dijkgraaf
        ledenblad nieuwsbrief vragenlijst afdelingsbestuur lidnummer""".split()
    )
)


def _starts_sentence(text: str, start: int) -> bool:
    """Is the word at ``start`` the first of a sentence (capitalised for that reason)?"""
    index = start
    while index > 0 and text[index - 1] in " \t\r\"'“”‘’(":
        index -= 1
    if index == 0 or text[index - 1] in "\n!?:;…•*":
        return True
    if text[index - 1] in "-–—" and (index == 1 or text[index - 2] in "\n"):
        return True  # a bullet
    if text[index - 1] != ".":
        return False
    previous = _WORD.findall(text[max(0, index - 6) : index - 1])
    # "Dr. Jansen", "J. Smit": an abbreviation or an initial ends no sentence.
    return not (previous and (previous[-1].lower() in _ABBREVIATIONS or len(previous[-1]) == 1))


def _is_non_name(word: str) -> bool:
    parts = _NAME_PART_SEPARATOR.split(word)
    if word in FIRST_NAMES or any(part in FIRST_NAMES for part in parts):
        return False
    if word.isupper() or any(part[1:] != part[1:].lower() for part in parts):
        return True  # GGZ, PvdA, GroenLinks: acronyms and organisations
    return word in NON_NAME_WORDS or word.lower() in _COMMON_WORDS


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the name words in ``text`` (before merging)."""
    spans: list[tuple[int, int]] = []
    # Words that are a name only when a name follows: a capitalised word
    # opening a sentence ("Hatice Öztürk"), an initial ("J. Smit") and a
    # capitalised particle ("Van der Heijden", "De Vries").
    if_followed: list[tuple[int, int]] = []
    for match in _CAPITALISED.finditer(text):
        word = match.group().lstrip("'’")
        if word in FIRST_NAMES:
            spans.append(match.span())
        elif word.lower() in NAME_PARTICLES or (
            len(word) == 1 and text.startswith(".", match.end())
        ):
            if_followed.append(match.span())
        elif _is_non_name(word):
            if (
                word.lower() in STOP_WORDS
                and word not in NON_NAME_WORDS
                and _AFTER_PARTICLE.search(text, max(0, match.start() - 8), match.start())
            ):
                spans.append(match.span())  # "van der Meer", "de Wit"
        elif _starts_sentence(text, match.start()):
            if_followed.append(match.span())
        else:
            spans.append(match.span())
    starts = {start for start, _end in spans}
    for start, end in reversed(if_followed):  # right to left: "J. Van der Meer"
        gap = _GAP_IN_NAME.match(text, end)
        if gap and gap.end() in starts:
            spans.append((start, end))
            starts.add(start)
    if _CUE_WORDS.isdisjoint(text.lower().translate(_PUNCTUATION_TO_SPACE).split()):
        return spans
    for match in _CUE.finditer(text):
        word = match.group(1)
        if word.lower() in _FIRST_NAMES_LOWER or (
            word[0].isupper() and word.lower() not in _COMMON_WORDS
        ):
            spans.append(match.span(1))
    for match in _SIGNATURE.finditer(text):
        spans.extend(_signature_words(text, match.start(1), match.end(1)))
    return spans


def _signature_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of a signature, stopping at the first ordinary word."""
    words = []
    for match in _WORD.finditer(text, start, end):
        lower = match.group().lower()
        if lower in NAME_PARTICLES and words:
            continue
        if lower in _COMMON_WORDS and lower not in _FIRST_NAMES_LOWER:
            break
        words.append((match.start(), match.end()))
    return words


def _replace_names(text: str) -> str:
    spans = sorted(set(_name_spans(text)))
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in spans:
        title = _TITLE_THEN_PARTICLES.search(text, max(0, start - 40), start)
        if title:
            start = title.start(1)
        if merged:
            gap = _GAP_IN_NAME.fullmatch(text, merged[-1][1], start)
            if start <= merged[-1][1] or gap:
                merged[-1][1] = max(merged[-1][1], end)
                continue
        merged.append([start, end])
    parts, position = [], 0
    for start, end in merged:
        parts.append(text[position:start])
        parts.append(NAME)
        position = end
    parts.append(text[position:])
    return _ADJACENT_NAMES.sub(NAME, "".join(parts))


def scrub(text: str) -> str:
    """``text`` with e-mail addresses, phone and account numbers, addresses and
    names replaced by Dutch placeholders ("[naam]", "[e-mailadres]", …).

    Ordinary words are left as they are; see the module docstring for what
    counts as a name and the known gaps.
    """
    if _AT.search(text):
        text = _EMAIL.sub(EMAIL, text)
    if "://" in text or "www." in text:
        text = _LINK.sub(LINK, text)
    if _DIGIT.search(text):
        text = _IBAN.sub(ACCOUNT, text)
        text = _PHONE.sub(PHONE, text)
        text = _POSTCODE.sub(ADDRESS, text)
        text = _STREET.sub(ADDRESS, text)
        text = _ADDRESS_IN_CONTEXT.sub(lambda match: match.group().replace(match[1], ADDRESS), text)
        text = _NUMBER_IN_CONTEXT.sub(lambda match: match.group().replace(match[1], NUMBER), text)
        text = _LONG_NUMBER.sub(NUMBER, text)
    return _replace_names(text)
