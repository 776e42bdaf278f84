"""The `double_barreled` rule: two things asked at once.

Signals, in order: "zowel … als" / "niet alleen … maar ook"; then "en" (and,
in statements, "of") joining two noun phrases that each have their own
article ("de bereikbaarheid en de veiligheid"), two policy verbs ("de huren
bevriezen en meer woningen bouwen"), two adjectives ("duidelijk en
volledig"), or starting a second claim ("… en moet ook …").

Not counted: fixed pairs ("in en om", "op en neer", "natuur en milieu"),
ranges ("tussen 2026 en 2030"), pairs of names ("GroenLinks en PvdA"),
reciprocal wording ("de fractie en het bestuur werken goed samen"), "of"
meaning "whether" ("vraagt zich af of"), and "of" in a question whose
options are the alternatives ("Wilt u X of Y?").
"""

from __future__ import annotations

import re

from ledenpanel.guideline import lexicon
from ledenpanel.guideline.hits import Hit
from ledenpanel.guideline.text import Text, clauses, normalise, raw_words, tidy
from ledenpanel.guideline.wording import _compiled, _lang, _phrase_pattern

NUMBER = re.compile(r"^[\d.,%€]+$")


def _fragment(tokens: list[str]) -> str:
    return " ".join(tokens).strip(" ,")


def _is_name(token: str) -> bool:
    return token[:1].isupper() or any(c.isdigit() for c in token)


def _is_adjective(token: str, lang: str) -> bool:
    adjectives = lexicon.ADJECTIVES[lang]
    if token in adjectives:
        return True
    base = token[:-1] if token.endswith("e") else token
    if base in adjectives or base.endswith(lexicon.ADJECTIVE_SUFFIXES[lang]):
        return True
    if token.endswith("er") and len(token) > 4:  # comparatives: sneller, goedkoper, veiliger
        stem = token[:-2]
        doubled_vowel = stem[:-1] + stem[-2] + stem[-1] if len(stem) > 2 else stem
        return bool({stem, stem[:-1], doubled_vowel} & adjectives)
    return False


def _is_participle(token: str, lang: str) -> bool:
    if token in lexicon.STRONG_PARTICIPLES[lang]:
        return True
    return (
        lang == "nl"
        and token.startswith("ge")
        and token.endswith(("d", "t"))
        and len(token) >= 6
        and token not in lexicon.NOT_PARTICIPLES
    )


def _is_verb(token: str, lang: str) -> bool:
    return token in lexicon.VERBS[lang]


def check_double_barreled(text: Text, lang: str, *, alternatives: bool = False) -> list[Hit]:
    """``alternatives``: the options list the alternatives, so "of" is a choice."""
    lang = _lang(lang)
    plain_all = normalise(text.text)
    for pattern in _compiled(lexicon.BOTH_AND[lang]):
        match = pattern.search(plain_all)
        if match:
            return [Hit("double_barreled", "both", {"words": match.group(0)}, text.where)]
    for clause in clauses(text.text):
        hit = _check_clause(clause, text, lang, alternatives=alternatives)
        if hit:
            return [hit]
    return []


def _check_clause(clause: str, text: Text, lang: str, *, alternatives: bool) -> Hit | None:
    fixed = _phrase_pattern(lexicon.FIXED_PAIRS[lang])
    # Keep case for the name test: blank fixed phrases found in the lower-case copy.
    cased = tidy(clause)
    blanked = fixed.sub(lambda m: "_" * len(m.group(0)), cased.lower())
    kept = "".join("_" if b == "_" else c for c, b in zip(cased, blanked, strict=False))
    tokens_raw: list[str] = []
    background: list[bool] = []  # in a preamble ("Gezien …, met …") rather than the question
    in_preamble = False
    for segment in kept.split(","):
        seg_tokens = [t for t in raw_words(segment) if "_" not in t]
        if not seg_tokens:
            continue
        lowered = [t.lower() for t in seg_tokens]
        has_verb = any(t in lexicon.SECOND_CLAIM[lang] for t in lowered)
        if lowered[0] in lexicon.PREAMBLE[lang]:
            in_preamble = True
        elif has_verb:
            in_preamble = False
        verb_seen = False
        for token in lowered:
            verb_seen = verb_seen or token in lexicon.SECOND_CLAIM[lang]
            background.append(in_preamble and not verb_seen)
        tokens_raw += seg_tokens
        if verb_seen:
            in_preamble = False
    tokens = [t.lower() for t in tokens_raw]
    if set(tokens) & lexicon.RECIPROCAL[lang]:
        return None
    and_words = lexicon.CONJ_AND[lang]
    or_words = lexicon.CONJ_OR[lang]
    for index, token in enumerate(tokens):
        is_and = token in and_words
        is_or = token in or_words
        if not (is_and or is_or) or index == 0 or index == len(tokens) - 1:
            continue
        if background[index]:
            continue
        if is_or and (alternatives or not text.statement):
            continue
        left, right = tokens[:index], tokens[index + 1 :]
        if is_or and left[-1] in lexicon.WHETHER[lang]:
            continue
        if (lang == "nl" and "tussen" in left[-6:]) or (lang == "en" and "between" in left[-6:]):
            continue
        if NUMBER.match(left[-1]) and NUMBER.match(right[0]):
            continue
        if _is_name(tokens_raw[index - 1]) and _is_name(tokens_raw[index + 1]):
            continue
        parts = _pair(left, right, lang)
        if parts:
            first, second = parts
            return Hit(
                "double_barreled",
                "pair",
                {"first": first, "second": second, "words": token},
                where=text.where,
            )
    return None


def _pair(left: list[str], right: list[str], lang: str) -> tuple[str, str] | None:
    """The two things joined, if the words around the conjunction are two things."""
    determiners = lexicon.DETERMINERS[lang]
    # A second claim: "… en moet ook …", "… en daarom …".
    if right[0] in lexicon.SECOND_CLAIM[lang] and len(left) >= 3:
        return _fragment(left[-5:]), _fragment(right[:6])
    # A contrast: "meer aan groen en minder aan parkeren".
    contrast = ("meer", "minder", "more", "less")
    if right[0] in contrast and any(w in contrast for w in left):
        start = max(i for i, w in enumerate(left) if w in contrast)
        return _fragment(left[start:]), _fragment(right[:5])
    # Two noun phrases, each with its own article: "de bereikbaarheid en de veiligheid".
    if right[0] in determiners and len(right) >= 2 and any(w in determiners for w in left[-3:]):
        start = max(i for i, w in enumerate(left) if w in determiners and i >= len(left) - 3)
        return _fragment(left[start:]), _fragment(right[:5])
    # "de bereikbaarheid en veiligheid van het station": one article for two nouns.
    if (
        len(left) >= 2
        and left[-2] in determiners
        and left[-2] not in ("meer", "minder", "extra")
        and len(left[-1]) >= 6
        and len(right[0]) >= 6
        and not _is_verb(right[0], lang)
        and not _is_adjective(left[-1], lang)
    ):
        return _fragment(left[-2:]), _fragment([left[-2], *right[:4]])
    # Two actions: "de huren bevriezen en meer woningen bouwen".
    right_verbs = [w for w in right[:7] if _is_verb(w, lang)]
    if _is_verb(left[-1], lang) and right_verbs:
        return _fragment(left[-4:]), _fragment(right[: right.index(right_verbs[0]) + 1])
    # English puts the verb first: "raise taxes and cut parking".
    if lang == "en" and _is_verb(right[0], lang) and any(_is_verb(w, lang) for w in left[-4:]):
        start = max(i for i, w in enumerate(left) if _is_verb(w, lang))
        return _fragment(left[start:]), _fragment(right[:4])
    # Two deeds: "geflyerd of aan de deur gestaan".
    if _is_participle(left[-1], lang) and any(_is_participle(w, lang) for w in right[:6]):
        end = next(i for i, w in enumerate(right[:6]) if _is_participle(w, lang))
        return left[-1], _fragment(right[: end + 1])
    # Two qualities: "duidelijk en volledig", "snel en goedkoop".
    if _is_adjective(left[-1], lang) and _is_adjective(right[0], lang):
        return left[-1], right[0]
    return None
