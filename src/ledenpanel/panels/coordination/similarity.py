"""Similar topics between panels, in Dutch (or any language).

Character n-grams within words (TF-IDF, cosine) match Dutch compounds and
inflections ("woningbouw" ~ "woningen", "verkiezing" ~ "verkiezingsprogramma")
without a stemmer that mangles party words ("leden" → "leed"), and need no
model download.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Function words that say nothing about a topic.
_STOP_TEXT = """
de het een en of van in op te voor met aan over bij door naar om als dat die dit deze
wat wie hoe uw u je jij we wij ze zij is zijn wordt worden moet moeten kan kunnen vindt
vinden onze ons hun er niet wel ook meer dan nog al the a an and or of to in on for
with about is are
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# Measured on pairs of real panel topics (tests/panels/coordination): similar
# pairs scored 0.26-0.81, unrelated ones at most 0.20.
DEFAULT_THRESHOLD = 0.25


@dataclass(frozen=True)
class Match:
    index: int  # position in the candidates
    score: float


def _normalise(text: str) -> str:
    words = re.findall(r"[a-zà-ÿğış]+", text.casefold())
    return " ".join(word for word in words if word not in STOP_WORDS and len(word) > 2)


def similar_texts(
    text: str, candidates: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD
) -> list[Match]:
    """Candidates whose topic resembles ``text``, most similar first."""
    documents = [_normalise(text), *(_normalise(candidate) for candidate in candidates)]
    if not documents[0] or not any(documents[1:]):
        return []
    # Slow import (0.45 s): panels.selectors loads this module in every Django
    # process; only the coordination pages compare topics.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
    try:
        matrix = vectoriser.fit_transform(documents)
    except ValueError:  # nothing but empty documents
        return []
    scores = cosine_similarity(matrix[0], matrix[1:]).ravel()
    matches = [Match(index, float(score)) for index, score in enumerate(scores)]
    return sorted(
        (match for match in matches if match.score >= threshold),
        key=lambda match: -match.score,
    )
