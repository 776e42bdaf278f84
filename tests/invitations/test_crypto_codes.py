"""Link tokens and letter codes: deterministic per invitation, unrelated across
invitations and panels, and letter codes whose check character catches typos."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import math
import secrets
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chisquare

from ledenpanel.invitations.crypto import (
    CODE_ALPHABET,
    CODE_BITS,
    CODE_DATA_LENGTH,
    CODE_LENGTH,
    LINK_TOKEN_LENGTH,
    CryptoError,
    InvalidCode,
    check_character,
    format_code,
    is_link_token,
    is_valid_code,
    letter_code,
    link_token,
    normalise_code,
)
from ledenpanel.invitations.crypto.codes import _WEIGHTS

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
refs = st.text(min_size=1, max_size=40)


def sample_codes(n: int) -> list[str]:
    return [letter_code(KEY, f"inv-{i}") for i in range(n)]


# Link tokens


def test_it_matches_the_pinned_vectors() -> None:
    # Changing these breaks every link and code already sent for an open panel.
    assert link_token(KEY, "inv-1") == "SUNpQ_TZ5UBJG9x0UQoFMg"
    assert letter_code(KEY, "inv-1") == "7FJ4N7KCHWA"
    assert letter_code(KEY, "inv-1", attempt=1) == "4AEMWM9TF33"


def test_it_makes_the_link_token_from_a_truncated_hmac() -> None:
    digest = hmac.new(KEY, b"link:inv-1", hashlib.sha256).digest()[:16]
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    assert link_token(KEY, "inv-1") == expected


@given(refs)
def test_it_rebuilds_the_same_link_token_for_a_reference(ref: str) -> None:
    assert link_token(KEY, ref) == link_token(KEY, ref)


@given(refs)
def test_it_gives_a_128_bit_url_safe_token(ref: str) -> None:
    token = link_token(KEY, ref)

    assert len(token) == LINK_TOKEN_LENGTH == 22
    assert len(base64.urlsafe_b64decode(token + "==")) * 8 == 128
    assert "=" not in token
    assert is_link_token(token)


@given(refs, refs)
def test_it_gives_different_tokens_to_different_references(a: str, b: str) -> None:
    if a != b:
        assert link_token(KEY, a) != link_token(KEY, b)
        assert letter_code(KEY, a) != letter_code(KEY, b)


@given(refs)
def test_it_gives_different_tokens_in_different_panels(ref: str) -> None:
    assert link_token(KEY, ref) != link_token(OTHER_KEY, ref)
    assert letter_code(KEY, ref) != letter_code(OTHER_KEY, ref)


def test_it_recognises_only_well_formed_link_tokens() -> None:
    token = link_token(KEY, "inv-1")

    assert is_link_token(token)
    assert not is_link_token(token[:-1])
    assert not is_link_token(token + "A")
    assert not is_link_token(token[:-1] + "B")  # 4 low bits of the last char must be 0
    assert not is_link_token(token[:-1] + "=")
    assert not is_link_token("7FJ4N7KCHWA")


def test_it_refuses_an_empty_reference_or_a_short_key() -> None:
    with pytest.raises(CryptoError):
        link_token(KEY, "")
    with pytest.raises(CryptoError):
        letter_code(KEY, "")
    with pytest.raises(CryptoError):
        link_token(b"short", "inv-1")
    with pytest.raises(CryptoError):
        letter_code(KEY, "inv-1", attempt=-1)


# Letter codes


def test_it_uses_23_unambiguous_characters() -> None:
    assert len(CODE_ALPHABET) == len(set(CODE_ALPHABET)) == 23
    assert all(n % 23 for n in range(2, 23))  # prime: the check character relies on it
    assert not set("0OQ1IL2Z5S8BV") & set(CODE_ALPHABET)
    assert CODE_ALPHABET.isupper()
    assert math.isclose(CODE_BITS, 10 * math.log2(23))
    assert 45.2 < CODE_BITS < 45.3


def test_it_makes_eleven_character_codes_from_the_alphabet() -> None:
    for code in sample_codes(500):
        assert len(code) == CODE_LENGTH == CODE_DATA_LENGTH + 1 == 11
        assert set(code) <= set(CODE_ALPHABET)
        assert check_character(code[:10]) == code[10]
        assert is_valid_code(code)


def test_it_spreads_characters_evenly_over_the_alphabet() -> None:
    codes = sample_codes(4600)
    for position in range(CODE_DATA_LENGTH):
        counts = Counter(code[position] for code in codes)
        assert set(counts) == set(CODE_ALPHABET)
        # Fixed key, so deterministic: a chi-square test that only a biased
        # digit extraction (e.g. modulo of a short integer) would fail.
        assert chisquare([counts[c] for c in CODE_ALPHABET]).pvalue > 1e-4


def test_it_derives_a_new_code_for_a_new_attempt() -> None:
    codes = {letter_code(KEY, "inv-1", attempt=a) for a in range(20)}

    assert len(codes) == 20


def test_it_groups_codes_four_four_three() -> None:
    assert format_code("7FJ4N7KCHWA") == "7FJ4-N7KC-HWA"


def test_it_proves_every_substitution_and_transposition_changes_the_check_sum() -> None:
    # Exhaustive over the algebra, independent of any sample: for a weighted sum
    # modulo 23, a substitution a→b at position i goes unnoticed only if
    # w_i·(a−b) ≡ 0, a swap of positions i, j only if (w_i−w_j)·(a−b) ≡ 0.
    values = range(23)
    for i in range(CODE_LENGTH):
        for a, b in itertools.permutations(values, 2):
            assert _WEIGHTS[i] * (a - b) % 23
    for i, j in itertools.combinations(range(CODE_LENGTH), 2):
        for a, b in itertools.permutations(values, 2):
            assert (_WEIGHTS[i] - _WEIGHTS[j]) * (a - b) % 23


def test_it_catches_every_single_character_substitution() -> None:
    for code in sample_codes(200):
        for position, wrong in itertools.product(range(CODE_LENGTH), CODE_ALPHABET):
            if wrong == code[position]:
                continue
            typo = code[:position] + wrong + code[position + 1 :]
            with pytest.raises(InvalidCode) as caught:
                normalise_code(typo)
            assert caught.value.reason == "check"


def test_it_catches_every_transposition_of_two_characters() -> None:
    for code in sample_codes(200):
        for i, j in itertools.combinations(range(CODE_LENGTH), 2):
            if code[i] == code[j]:
                continue
            swapped = list(code)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            assert not is_valid_code("".join(swapped)), (i, j)  # adjacent or not


def test_it_reports_how_often_a_random_string_passes_the_check() -> None:
    rng = secrets.SystemRandom()
    passed = sum(
        is_valid_code("".join(rng.choice(CODE_ALPHABET) for _ in range(11))) for _ in range(23_000)
    )
    assert 500 < passed < 1500  # 1 in 23


# Normalising what a member types


def test_it_accepts_lower_case_spaces_hyphens_and_dashes() -> None:
    code = "7FJ4N7KCHWA"
    for typed in [
        "7fj4-n7kc-hwa",
        " 7FJ4 N7KC HWA ",
        "7FJ4–N7KC—HWA",  # en and em dashes pasted from a PDF
        "7fj4n7kchwa\n",
        "７ＦＪ４Ｎ７ＫＣＨＷＡ",  # full-width, from some phone keyboards
        "7-F-J-4-N-7-K-C-H-W-A",
    ]:
        assert normalise_code(typed) == code


def test_it_reads_v_as_u() -> None:
    code = next(c for c in sample_codes(500) if "U" in c)

    assert normalise_code(code.replace("U", "v")) == code


@pytest.mark.parametrize("confusable", list("0OQ1IL2Z5S8B"))
def test_it_refuses_look_alikes_that_occur_in_no_code(confusable: str) -> None:
    typed = confusable + "7FJ4N7KCHWA"[1:]

    with pytest.raises(InvalidCode) as caught:
        normalise_code(typed)

    assert caught.value.reason == "character"
    assert confusable in str(caught.value)


@pytest.mark.parametrize("typed", ["", "7FJ4-N7KC-HW", "7FJ4-N7KC-HWAA", "x" * 500])
def test_it_refuses_codes_of_the_wrong_length(typed: str) -> None:
    with pytest.raises(InvalidCode) as caught:
        normalise_code(typed)

    assert caught.value.reason in {"length", "character"}


def test_it_refuses_punctuation_other_than_separators() -> None:
    with pytest.raises(InvalidCode):
        normalise_code("7FJ4.N7KC.HWA")


@given(st.text(max_size=30))
def test_it_either_normalises_to_a_valid_code_or_raises(text: str) -> None:
    code, reason = "", ""
    try:
        code = normalise_code(text)
    except InvalidCode as error:
        reason = error.reason

    assert is_valid_code(code) if not reason else reason in {"length", "character", "check"}


def test_it_round_trips_every_printed_code() -> None:
    for code in sample_codes(300):
        assert normalise_code(format_code(code)) == code
        assert normalise_code(format_code(code).lower()) == code
