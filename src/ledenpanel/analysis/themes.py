"""Themes in the answers to one open question, with scrubbed example quotes.

Method (no language model; spaCy is not used):

1. **Words.** Each answer is tokenised (:mod:`ledenpanel.analysis.dutch`):
   lowercase, accents kept, stop words, very short words, numbers, first
   names, e-mail addresses and links dropped. Plurals and inflections are
   folded only onto a base form that occurs in the same answers, never for
   domain words ("leden" stays "leden"). Features are these words and the
   pairs of neighbouring words (bigrams, not across punctuation).
2. **Weights.** TF-IDF (sublinear term frequency, smoothed idf, rows scaled
   to length 1) over the features that occur in at least ``min_group``
   answers and at most half of them, the 1,500 most frequent at most. A
   feature used by fewer than ``min_group`` answers can never label a theme.
3. **How many themes.** Parallel analysis: the singular values of the TF-IDF
   matrix (on a seeded sample of at most 3,000 answers) are compared with
   those of the same matrix with each column shifted by its own random
   offset (two shuffles; word frequencies kept, co-occurrence destroyed).
   The first singular value is the common mean; every further one that is
   at least 5 % above its shuffled counterpart is a theme beyond chance. The
   number of themes is one plus the number of such values in a row, at most
   ``max_themes``. Fewer than two → no themes. A split of one real theme is
   not beyond chance, so themes are not split for the sake of a count.
4. **Themes.** Non-negative matrix factorisation (scikit-learn ``NMF``,
   NNDSVDa start, coordinate descent, ``random_state=seed``) with that
   number of themes. An answer belongs to its dominant theme when that theme
   holds at least half of its weight; otherwise it is "overig".
5. **Shown.** A theme with fewer than ``min_group`` answers is not shown: its
   answers count as "overig". Each shown theme is named by its top terms and
   gets up to three quotes: its most typical answers of a reasonable length,
   distinct, scrubbed of personal data (:func:`~ledenpanel.analysis.scrub.scrub`).

Answers that are empty or say nothing ("nee", "-", "geen idee") count as
answered but are never themed. With fewer than 20 answers that have content
(or fewer than two groups' worth) there are no themes, only the counts.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.extmath import randomized_svd
from threadpoolctl import threadpool_limits

from ledenpanel.analysis import dutch
from ledenpanel.analysis.disclosure import DEFAULT_MIN_GROUP
from ledenpanel.analysis.scrub import scrub

MIN_ANSWERS = 20  # answers with content below which no themes are sought
MIN_THEMES = 2
DEFAULT_MAX_THEMES = 8
ASSIGN_MIN_SHARE = 0.5  # an answer's dominant theme must hold this share of its weight
MAX_DOCUMENT_FREQUENCY = 0.5  # words in more than half the answers say nothing apart
MAX_FEATURES = 1500
SELECTION_SAMPLE = 3000  # answers used to choose the number of themes
NULL_SHUFFLES = 2
SIGNIFICANCE_MARGIN = 1.05
NMF_TOLERANCE = 1e-3
NMF_MAX_ITER = 300
TERMS_SHOWN = 8
LABEL_TERMS = 3
QUOTES_PER_THEME = 3
QUOTE_WORDS = (6, 60)  # preferred length of a quote in words
QUOTE_MAX_CHARS = 300

# One pass over all answers at once: words, punctuation (ends a bigram) and
# an answer separator that cannot occur in text (removed from it first).
_SEPARATOR = "\x1e"
_CORPUS_TOKEN = re.compile(rf"{dutch.WORD_PATTERN}|[.,;:!?(){_SEPARATOR}]")
_PUNCTUATION = frozenset(".,;:!?()")
_BREAK, _DROPPED = -2, -1
_WHITESPACE = re.compile(r"\s+")

METHOD = (
    "Themes: TF-IDF over words and word pairs (Dutch stop words removed, light plural folding, "
    "terms in at least {min_df} answers) + NMF (scikit-learn, NNDSVDa, seed {seed}); "
    "number of themes {k} chosen from {low}–{high} by parallel analysis (singular values "
    "above column-shuffled data by {margin:.0%}); an answer belongs to a theme holding "
    "≥ {share:.0%} of its weight; themes under {min_group} answers go to 'overig'."
)


@dataclass(frozen=True)
class _Terms:
    """The weighted answer × term matrix of the answers that have content."""

    matrix: sparse.csr_matrix  # TF-IDF, rows of length 1 (or 0: only rare words)
    names: list[str]


def find_themes(
    texts: Sequence[str | None],
    *,
    seed: int = 0,
    min_group: int = DEFAULT_MIN_GROUP,
    max_themes: int = DEFAULT_MAX_THEMES,
) -> dict:
    """Themes in the answers to one open question, as JSON-ready plain data.

    ``texts`` holds one value per respondent; ``None`` is "not answered".
    The result::

        {
          "n_answers": int,    # answered (not None), including empty answers
          "n_short": int,      # answered but nothing to theme ("nee", "-", "")
          "n_themed": int,     # in a shown theme
          "unassigned": int,   # "overig": content but no clear or no shown theme
          "themes": [          # largest first; none smaller than min_group
            {
              "label": str,         # top terms, e.g. "woningen, starters, huur"
              "terms": [str, ...],  # up to 8 key terms (words and word pairs)
              "count": int,         # answers in the theme
              "share": float,       # count / n_answers, 4 decimals
              "quotes": [str, ...], # up to 3 typical answers, scrubbed
            },
          ],
          "k": int,            # themes found before small ones were merged (0: none)
          "reason": str|None,  # why there are no themes: "too_few_answers",
                               # "no_clear_themes"; None when themes were sought
          "method": str,       # the method in one sentence, for a report's notes
        }

    ``n_answers == n_short + n_themed + unassigned`` always holds. The same
    texts and seed give the same result.
    """
    result, _themes_of = assign_themes(texts, seed=seed, min_group=min_group, max_themes=max_themes)
    return result


def assign_themes(
    texts: Sequence[str | None],
    *,
    seed: int = 0,
    min_group: int = DEFAULT_MIN_GROUP,
    max_themes: int = DEFAULT_MAX_THEMES,
) -> tuple[dict, list[int | None]]:
    """:func:`find_themes`, and per text the index of its theme in
    ``result["themes"]`` (None: not answered, nothing to theme, or "overig").

    The per-answer list is for breakdowns (themes by background band, with
    the usual small-group suppression); it must not leave the analysis as is.
    """
    if max_themes < MIN_THEMES:
        raise ValueError(f"max_themes must be at least {MIN_THEMES}")
    min_df = max(min_group, 2)
    answered = [index for index, text in enumerate(texts) if text is not None]
    result: dict = {
        "n_answers": len(answered),
        "n_short": 0,
        "n_themed": 0,
        "unassigned": 0,
        "themes": [],
        "k": 0,
        "reason": None,
        "method": "",
    }
    theme_of: list[int | None] = [None] * len(texts)
    with threadpool_limits(limits=1), warnings.catch_warnings():
        # Small matrices: BLAS threads cost more than they bring (and the
        # worker may run other work beside this).
        warnings.simplefilter("ignore", ConvergenceWarning)
        terms, has_content = _term_matrix([texts[i] or "" for i in answered], min_df=min_df)
        content = [index for index, keep in zip(answered, has_content, strict=True) if keep]
        result["n_short"] = len(answered) - len(content)
        result["unassigned"] = len(content)
        if len(content) < max(MIN_ANSWERS, 2 * min_group):
            result["reason"] = "too_few_answers"
            return result, theme_of
        k = 0
        if terms.matrix.shape[1] >= MIN_THEMES:  # else no word is shared by min_df answers
            k = _number_of_themes(terms.matrix, seed=seed, max_themes=max_themes)
        result["k"] = k
        result["method"] = METHOD.format(
            min_df=min_df,
            seed=seed,
            k=k,
            low=MIN_THEMES,
            high=max_themes,
            margin=SIGNIFICANCE_MARGIN - 1,
            share=ASSIGN_MIN_SHARE,
            min_group=min_group,
        )
        if k < MIN_THEMES:
            result["reason"] = "no_clear_themes"
            return result, theme_of
        weights, components = _factorise(terms.matrix, k, seed=seed)
    content_texts = [texts[i] or "" for i in content]
    themes = _themes(content_texts, terms.names, weights, components, min_group=min_group)
    for position, theme in enumerate(themes):
        for member in theme.pop("members"):
            theme_of[content[member]] = position
        theme["share"] = round(theme["count"] / len(answered), 4)
    result["themes"] = themes
    result["n_themed"] = sum(theme["count"] for theme in themes)
    result["unassigned"] = len(content) - result["n_themed"]
    return result, theme_of


# --- the term matrix --------------------------------------------------------------


def _term_matrix(texts: Sequence[str], *, min_df: int) -> tuple[_Terms, np.ndarray]:
    """TF-IDF over words and word pairs for the answers that have content.

    Returns the matrix (rows: the answers with content, in order) and a mask
    over ``texts`` of the answers with content. Everything runs on the whole
    set at once (one regex pass, codes and numpy), not per answer.
    """
    if any(_SEPARATOR in text for text in texts):
        texts = [text.replace(_SEPARATOR, " ") for text in texts]
    joined = dutch.prepare(f" {_SEPARATOR} ".join(texts))  # one pass, not one per answer
    tokens = np.array(_CORPUS_TOKEN.findall(joined), dtype=object)
    if not len(tokens):
        return _Terms(sparse.csr_matrix((0, 0)), []), np.zeros(len(texts), dtype=bool)
    codes, forms = pd.factorize(tokens)
    separator = np.flatnonzero(forms == _SEPARATOR)
    is_separator = codes == (separator[0] if len(separator) else -1)
    document = np.cumsum(is_separator)[~is_separator]
    codes = codes[~is_separator]

    term_codes, term_names = _fold_forms(forms, np.bincount(codes, minlength=len(forms)))
    stream = term_codes[codes]
    has_content = np.zeros(len(texts), dtype=bool)
    has_content[document[stream >= 0]] = True

    # Word pairs: neighbouring content words, not across punctuation.
    kept = stream != _DROPPED
    pair_stream, pair_document = stream[kept], document[kept]
    pairs = (
        (pair_stream[:-1] >= 0)
        & (pair_stream[1:] >= 0)
        & (pair_document[:-1] == pair_document[1:])
        & (pair_stream[:-1] != pair_stream[1:])
    )
    n_words = len(term_names)
    pair_keys = pair_stream[:-1][pairs].astype(np.int64) * n_words + pair_stream[1:][pairs]
    pair_codes, pair_uniques = pd.factorize(pair_keys)

    words = stream >= 0
    rows = np.concatenate([document[words], pair_document[:-1][pairs]])
    columns = np.concatenate([stream[words], n_words + pair_codes])
    counts = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(texts), n_words + len(pair_uniques))
    )
    counts.sum_duplicates()
    counts = counts[has_content]

    n_documents = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    usable = np.flatnonzero(
        (frequency >= min_df) & (frequency <= MAX_DOCUMENT_FREQUENCY * n_documents)
    )
    if len(usable) > MAX_FEATURES:  # the most frequent, ties by first seen
        usable = np.sort(usable[np.argsort(-frequency[usable], kind="stable")[:MAX_FEATURES]])
    names = [
        term_names[column]
        if column < n_words
        else f"{term_names[pair_uniques[column - n_words] // n_words]} "
        f"{term_names[pair_uniques[column - n_words] % n_words]}"
        for column in usable
    ]
    matrix = counts[:, usable].tocsr()
    matrix.data = 1.0 + np.log(matrix.data)  # sublinear tf
    idf = np.log((1.0 + n_documents) / (1.0 + frequency[usable])) + 1.0
    matrix = matrix.multiply(idf).tocsr()
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    lengths[lengths == 0] = 1.0
    matrix = sparse.diags(1.0 / lengths) @ matrix
    return _Terms(sparse.csr_matrix(matrix), names), has_content


def _fold_forms(forms: np.ndarray, frequency: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Per token form: its term code, ``_DROPPED`` (stop word, name, number)
    or ``_BREAK`` (punctuation); and the term names."""
    cleaned = [None if form in _PUNCTUATION else dutch.content_form(form) for form in forms]
    counts: Counter[str] = Counter()
    for form, count in zip(cleaned, frequency, strict=True):
        if form is not None:
            counts[form] += int(count)
    folding = dutch.normalise_vocabulary(counts)
    index: dict[str, int] = {}
    codes = np.empty(len(forms), dtype=np.int64)
    for position, (form, cleaned_form) in enumerate(zip(forms, cleaned, strict=True)):
        if cleaned_form is None:
            codes[position] = _BREAK if form in _PUNCTUATION else _DROPPED
        else:
            codes[position] = index.setdefault(folding.get(cleaned_form, cleaned_form), len(index))
    return codes, list(index)


# --- how many themes ---------------------------------------------------------------


def _number_of_themes(matrix: sparse.csr_matrix, *, seed: int, max_themes: int) -> int:
    """Parallel analysis: 1 + the singular values beyond the first that stand
    out from column-shuffled data (see the module docstring)."""
    rng = np.random.default_rng(seed)
    if matrix.shape[0] > SELECTION_SAMPLE:
        rows = np.sort(rng.choice(matrix.shape[0], SELECTION_SAMPLE, replace=False))
        matrix = matrix[rows]
    components = min(max_themes + 1, min(matrix.shape) - 1)
    if components < 2:
        return 0
    observed = _singular_values(matrix, components, seed)
    shuffled = np.max(
        [
            _singular_values(_shuffle_columns(matrix, rng), components, seed)
            for _ in range(NULL_SHUFFLES)
        ],
        axis=0,
    )
    beyond_chance = observed[1:] >= SIGNIFICANCE_MARGIN * shuffled[1:]
    run = int(np.argmin(beyond_chance)) if not beyond_chance.all() else len(beyond_chance)
    return min(1 + run, max_themes) if run else 0


def _singular_values(matrix: sparse.csr_matrix, components: int, seed: int) -> np.ndarray:
    _left, values, _right = randomized_svd(matrix, components, n_iter=4, random_state=seed)
    return values


def _shuffle_columns(matrix: sparse.csr_matrix, rng: np.random.Generator) -> sparse.csr_matrix:
    """Each column's values moved down by its own random offset (wrapping):
    every word keeps its frequency and weights, but which words share an
    answer becomes chance."""
    columns = matrix.tocsc()
    n_rows, n_columns = columns.shape
    column_of = np.repeat(np.arange(n_columns), np.diff(columns.indptr))
    offset = rng.integers(0, n_rows, n_columns)
    rows = (columns.indices + offset[column_of]) % n_rows
    return sparse.csr_matrix((columns.data, (rows, column_of)), shape=columns.shape)


# --- themes -----------------------------------------------------------------------


def _factorise(matrix: sparse.csr_matrix, k: int, *, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """NMF weights (answers × themes) and components (themes × terms), the
    components scaled to length 1 so weights compare across themes."""
    model = NMF(
        n_components=k,
        init="nndsvda",
        solver="cd",
        random_state=seed,
        tol=NMF_TOLERANCE,
        max_iter=NMF_MAX_ITER,
    )
    with np.errstate(invalid="ignore"):  # sklearn's error report on an exact fit: sqrt(-0.0)
        weights = model.fit_transform(matrix)
    components = model.components_
    lengths = np.linalg.norm(components, axis=1)
    lengths[lengths == 0] = 1.0
    return weights * lengths, components / lengths[:, None]


def _themes(
    texts: Sequence[str],
    names: Sequence[str],
    weights: np.ndarray,
    components: np.ndarray,
    *,
    min_group: int,
) -> list[dict]:
    totals = weights.sum(axis=1)
    shares = weights / np.where(totals > 0, totals, 1.0)[:, None]
    dominant = shares.argmax(axis=1)
    assigned = (totals > 0) & (shares.max(axis=1) >= ASSIGN_MIN_SHARE)
    themes = []
    for theme in range(components.shape[0]):
        members = np.flatnonzero(assigned & (dominant == theme))
        if len(members) < min_group:
            continue  # small groups are never shown: their answers are "overig"
        terms = _key_terms(names, components[theme])
        # Most typical first: highest share, then highest weight.
        order = members[np.lexsort((-weights[members, theme], -shares[members, theme]))]
        themes.append(
            {
                "label": ", ".join(terms[:LABEL_TERMS]),
                "terms": terms,
                "count": len(members),
                "share": 0.0,  # set by the caller, who knows all answers
                "quotes": _quotes(texts, order),
                "members": members.tolist(),
            }
        )
    themes.sort(key=lambda theme: (-theme["count"], theme["label"]))
    return themes


def _key_terms(names: Sequence[str], component: np.ndarray) -> list[str]:
    """The theme's heaviest terms, skipping one whose words are already shown
    ("wonen" after "betaalbaar wonen")."""
    shown: list[str] = []
    covered: set[str] = set()
    for column in np.argsort(-component, kind="stable"):
        if component[column] <= 0 or len(shown) == TERMS_SHOWN:
            break
        words = names[column].split()
        if set(words) <= covered:
            continue
        shown.append(names[column])
        covered.update(words)
    return shown


def _quotes(texts: Sequence[str], order: np.ndarray) -> list[str]:
    """Up to three distinct typical answers, of a readable length if there
    are enough, scrubbed of personal data and cut at a word boundary."""
    low, high = QUOTE_WORDS
    readable: list[str] = []
    others: list[str] = []
    seen: set[str] = set()
    for index in order:
        text = _WHITESPACE.sub(" ", texts[index]).strip()
        key = text.lower().rstrip(".!? ")
        if key in seen:
            continue
        seen.add(key)
        if low <= len(text.split()) <= high:
            readable.append(text)
            if len(readable) == QUOTES_PER_THEME:
                break
        elif len(others) < QUOTES_PER_THEME:
            others.append(text)
    return [_shorten(scrub(text)) for text in (readable + others)[:QUOTES_PER_THEME]]


def _shorten(text: str) -> str:
    if len(text) <= QUOTE_MAX_CHARS:
        return text
    cut = text[:QUOTE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + " …"
