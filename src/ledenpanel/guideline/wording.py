"""Rules on the wording of one text: leading, negation, absolute, jargon, too_long,
open_door and hypothetical. Double-barreled questions have their own module.

Each check takes a `Text` (a question label or a grid statement) and the form
language, and returns `Hit`s. Word lists live in `lexicon`.
"""

from __future__ import annotations

import re
from functools import cache

from ledenpanel.guideline import lexicon
from ledenpanel.guideline.hits import Hit
from ledenpanel.guideline.text import Text, normalise, raw_words, sentences, words

MAX_WORDS = 25  # the threshold for a whole label
MAX_SENTENCE_WORDS = 20  # the guideline's "short sentences"
ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")


def _lang(lang: str) -> str:
    return lang if lang in ("nl", "en") else "nl"


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w])")


@cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@cache
def _loaded_pattern(lang: str) -> re.Pattern[str]:
    stems = sorted(lexicon.LOADED_WORDS[lang], key=len, reverse=True)
    suffixes = "|".join(s for s in lexicon.LOADED_SUFFIXES if s)
    body = "|".join(re.escape(s) for s in stems)
    return re.compile(rf"(?<![\w-])({body})(?:{suffixes})?(?![\w])")


def _quote(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- leading ---------------------------------------------------------------


def check_leading(text: Text, lang: str) -> list[Hit]:
    lang = _lang(lang)
    plain = normalise(text.text)
    patterns = lexicon.LEADING_PATTERNS[lang]
    for pattern in _compiled(patterns["tag"]):
        if pattern.search(plain):
            return [Hit("leading", "tag", where=text.where)]
    for pattern in _compiled(patterns["authority"]):
        match = pattern.search(plain)
        if match:
            return [Hit("leading", "authority", {"words": match.group(0)}, where=text.where)]
    match = _loaded_pattern(lang).search(plain)
    if match and not _fair_as_dimension(plain, match.group(0), lang):
        return [Hit("leading", "loaded", {"words": match.group(0)}, where=text.where)]
    return []


def _fair_as_dimension(plain: str, word: str, lang: str) -> bool:
    """ "Hoe eerlijk vindt u …" asks about fairness; that is no loaded word."""
    if word in ("eerlijk", "oneerlijk", "fair", "unfair"):
        return bool(re.search(rf"\b(hoe|how) {word}\b|\b{word}\s*\?$", plain))
    return False


# --- negation --------------------------------------------------------------


def _negative_word(word: str, lang: str) -> bool:
    for prefix in lexicon.NEGATIVE_PREFIXES[lang]:
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            stem = word[len(prefix) :]
            for ending in ("ste", "st", "ere", "er", "e", ""):
                if ending and not stem.endswith(ending):
                    continue
                base = stem[: len(stem) - len(ending)] if ending else stem
                if base in lexicon.POSITIVE_STEMS[lang]:
                    return True
    return False


def check_negation(text: Text, lang: str) -> list[Hit]:
    """Double negations anywhere; in statements a single negation too.

    Disagreeing with a negative statement is itself a double negation, so the
    guideline's advice ("turn it positive") applies to a single "niet"/"geen"
    in a statement. Words such as "tegen" and "zonder" count only next to
    another negation ("niet tegen"). "nooit"/"niemand" alone are reported as
    `absolute`.
    """
    lang = _lang(lang)
    for sentence in sentences(text.text):
        plain = _phrase_pattern(lexicon.NEGATION_FIXED[lang]).sub(" _ ", normalise(sentence))
        tokens = words(plain)
        negators = [i for i, t in enumerate(tokens) if t in lexicon.NEGATORS[lang]]
        prefixed = [i for i, t in enumerate(tokens) if _negative_word(t, lang)]
        strong = sorted(set(negators) | set(prefixed))
        weak = [
            i
            for i, t in enumerate(tokens)
            if t in lexicon.NEGATIVE_WORDS[lang]
            and i not in strong
            and any(abs(i - j) <= 3 for j in strong)
        ]
        if len(strong) + len(weak) >= 2:
            found = [tokens[i] for i in sorted(strong + weak)]
            return [Hit("negation", "double", {"words": " … ".join(found[:3])}, text.where)]
        if not text.statement:
            continue
        single = [i for i in strong if tokens[i] not in lexicon.ABSOLUTE_NEGATORS[lang]]
        if single:
            return [Hit("negation", "single", {"words": tokens[single[0]]}, where=text.where)]
    return []


# --- absolute --------------------------------------------------------------


def check_absolute(text: Text, lang: str) -> list[Hit]:
    lang = _lang(lang)
    plain = _phrase_pattern(lexicon.ABSOLUTE_FIXED[lang]).sub(" _ ", normalise(text.text))
    # An appeal to what everyone thinks is reported as `leading`.
    plain = re.sub(r"\b(zoals )?iedereen (weet|ziet|begrijpt)\b|\beveryone knows\b", " _ ", plain)
    for match in _phrase_pattern(lexicon.ABSOLUTES[lang]).finditer(plain):
        before = words(plain[: match.start()])[-2:]
        after = words(plain[match.end() :])[:1]
        if before and (before[-1] in lexicon.SOFTENERS[lang] or " ".join(before) == "lang niet"):
            continue
        if match.group(0) in ("elk", "elke", "ieder", "iedere", "every", "each") and (
            after and after[0] in lexicon.TIME_UNITS[lang]
        ):
            continue
        # "volledig" as a quality ("de informatie is volledig"), not "volledig stoppen".
        if match.group(0) in ("volledig", "complete") and (
            not after or (before and before[-1] in ("is", "zijn", "was", "en", "of", "and"))
        ):
            continue
        return [Hit("absolute", params={"words": match.group(0)}, where=text.where)]
    return []


# --- jargon ----------------------------------------------------------------


def explained_abbreviations(text: str) -> set[str]:
    """Abbreviations written out in ``text``: "… ledenvergadering (ALV)" or "ALV (…)"."""
    found = set(re.findall(r"\(([A-Z][A-Za-z0-9&]{1,5})\)", text))
    found |= set(re.findall(r"\b([A-Z][A-Z0-9&]{1,5})\s*\([^)]{6,}\)", text))
    found |= set(re.findall(r"\b([A-Z][A-Z0-9&]{1,5}),? (?:dat is|d\.w\.z\.|oftewel|ofwel)", text))
    return found


def explained_terms(text: str, lang: str) -> set[str]:
    """Jargon terms followed by an explanation in parentheses or after a dash/colon."""
    plain = normalise(text)
    out: set[str] = set()
    for match in _phrase_pattern(lexicon.JARGON[_lang(lang)]).finditer(plain):
        rest = plain[match.end() :]
        if re.match(r"\w*\s*(\(|-\s|:|, (dat is|d\.w\.z\.|oftewel|ofwel|that is))", rest):
            out.add(match.group(0))
    return out


def check_jargon(
    text: Text, lang: str, *, explained: set[str], extra_texts: tuple[str, ...] = ()
) -> list[Hit]:
    """Unexplained abbreviations and party or council jargon.

    ``explained`` holds abbreviations and terms explained elsewhere (the hint,
    an earlier question); ``extra_texts`` are option labels, checked too.
    """
    lang = _lang(lang)
    local = explained | explained_abbreviations(text.text) | explained_terms(text.text, lang)
    for source in (text.text, *extra_texts):
        for token in raw_words(source):
            for part in token.split("-"):
                if (
                    ABBREVIATION.match(part)
                    and part.upper() not in lexicon.KNOWN_ABBREVIATIONS
                    and part not in lexicon.SHOUTED_WORDS
                    and part not in local
                    and not re.fullmatch(r"[IVXL]+", part)
                    and sum(c.isalpha() for c in part) >= 2
                ):
                    return [Hit("jargon", "abbreviation", {"words": part}, where=text.where)]
        plain = normalise(source)
        for match in _phrase_pattern(lexicon.JARGON[lang]).finditer(plain):
            term = match.group(0)
            if term in local:
                continue
            return [Hit("jargon", "term", {"words": term}, where=text.where)]
    return []


# --- too_long --------------------------------------------------------------


def check_too_long(text: Text) -> list[Hit]:
    count = len(words(text.text))
    if count > MAX_WORDS:
        return [Hit("too_long", "words", {"count": str(count)}, where=text.where)]
    for sentence in sentences(text.text):
        count = len(words(sentence))
        if count > MAX_SENTENCE_WORDS:
            return [Hit("too_long", "sentence", {"count": str(count)}, where=text.where)]
    return []


# --- open_door -------------------------------------------------------------


def check_open_door(text: Text, lang: str) -> list[Hit]:
    if not text.statement:
        return []
    lang = _lang(lang)
    plain = normalise(text.text)
    if any(p.search(plain) for p in _compiled(lexicon.TRADE_OFF[lang])):
        return []
    for pattern in _compiled(lexicon.OPEN_DOOR_PATTERNS[lang]):
        if pattern.search(plain):
            return [Hit("open_door", params={"text": _quote(text.text)}, where=text.where)]
    return []


# --- hypothetical (info) ---------------------------------------------------


def check_hypothetical(text: Text, lang: str) -> list[Hit]:
    plain = normalise(text.text)
    for pattern in _compiled(lexicon.HYPOTHETICAL[_lang(lang)]):
        if pattern.search(plain):
            return [Hit("hypothetical", where=text.where)]
    return []
