"""Property tests: a quote cut from any source, typography perturbed, anchors to its span.

The oracle below is written independently of generator.normalize: it says when a span is
unique in its passage or source, so each draw knows whether it needs `passage=`.
"""

from __future__ import annotations

import functools
import random
import re
import unicodedata
from dataclasses import dataclass

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checkutil import SOURCES, TESTS
from generator.anchoring.anchor import Failure, Match, SourceIndex
from generator.anchoring.normalize import (
    compose,
    fold_char,
    folding_for,
    normalise,
    normalise_text,
)
from generator.content.load import load_source
from generator.content.settings import Settings
from generator.model import Passage

MIN_WORDS = 4
MAX_WORDS = 30
SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

SINGLE = "'‘’ʼ"
DOUBLE = '"“”„«»'
DASHES = "-‐‑–—−"
SPACES = [" ", "  ", "\n", " \n", "\n\n", "\t", "\u00a0", " \r\n  "]


def _load() -> dict[str, tuple[Passage, ...]]:
    out = {}
    for path in sorted(SOURCES.glob("*.md")):
        source, diags = load_source(path, Settings(SOURCES.parent))
        assert source is not None, diags
        out[source.id] = source.passages
    return out


PASSAGES = _load()
INDEXES = {sid: SourceIndex(sid, ps) for sid, ps in PASSAGES.items()}
_FOLD = str.maketrans({**dict.fromkeys(SINGLE + "`", "'"), **dict.fromkeys(DOUBLE, '"'),
                       **dict.fromkeys(DASHES, "-")})


@functools.cache
def oracle(text: str) -> str:
    """Case, quote and dash styles and white space runs folded; nothing else."""
    return " ".join(text.translate(_FOLD).lower().split())


def count(needle: str, haystack: str) -> int:
    n, at = 0, haystack.find(needle)
    while at >= 0:
        n, at = n + 1, haystack.find(needle, at + 1)
    return n


@dataclass(frozen=True)
class Cut:
    source: str
    passage: Passage
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]

    def in_passage(self) -> int:
        return count(oracle(self.text), oracle(self.passage.text))

    def in_source(self) -> int:
        return sum(count(oracle(self.text), oracle(p.text)) for p in PASSAGES[self.source])


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


@st.composite
def cuts(draw: st.DrawFn, min_words: int = MIN_WORDS) -> Cut:
    sid = draw(st.sampled_from(sorted(PASSAGES)))
    passage = draw(st.sampled_from(
        [p for p in PASSAGES[sid] if len(word_spans(p.text)) >= min_words]))
    words = word_spans(passage.text)
    n = draw(st.integers(min_words, min(MAX_WORDS, len(words))))
    first = draw(st.integers(0, len(words) - n))
    return Cut(sid, passage, words[first][0], words[first + n - 1][1])


def recase(token: str, case: str) -> str:
    """Change the case of ASCII letters only: theirs always folds back."""
    def one(i: int, c: str) -> str:
        if not c.isascii() or case == "same":
            return c
        if case == "title":
            return c.upper() if i == 0 else c.lower()
        return {"upper": c.upper, "lower": c.lower, "swap": c.swapcase}[case]()

    return "".join(one(i, c) for i, c in enumerate(token))


@st.composite
def perturbed(draw: st.DrawFn, text: str, recasing: bool = True) -> str:
    """The same words with other quote and dash styles, spacing, line breaks and (unless
    `recasing` is false: the Turkic I is not the capital of i) case."""
    rnd = draw(st.randoms(use_true_random=False))
    out = []
    for token in re.findall(r"\s+|\S+", text):
        if token.isspace():
            out.append(rnd.choice(SPACES))
            continue
        if recasing:
            token = recase(token, rnd.choice(["same", "upper", "lower", "title", "swap"]))
        out.append("".join(
            rnd.choice(SINGLE) if c in SINGLE else rnd.choice(DOUBLE) if c in DOUBLE
            else rnd.choice(DASHES) if c in DASHES else c
            for c in token))
    return rnd.choice(["", " ", "\n  "]) + "".join(out) + rnd.choice(["", " ", " \n"])


def anchor_uniquely(cut: Cut, quote: str) -> Match | Failure:
    """Anchor, naming the passage only when the span also occurs in another passage."""
    assume(cut.in_passage() == 1)
    index = INDEXES[cut.source]
    if cut.in_source() == 1:
        return index.anchor(quote)
    return index.anchor(quote, passage=cut.passage.id)


@SETTINGS
@given(st.data())
def test_a_perturbed_span_of_any_passage_anchors_to_exactly_that_span(data: st.DataObject
                                                                      ) -> None:
    cut = data.draw(cuts())
    quote = data.draw(perturbed(cut.text))
    result = anchor_uniquely(cut, quote)
    assert isinstance(result, Match), (quote, result)
    assert [(s.passage, s.start, s.end) for s in result.spans] == [
        (cut.passage.id, cut.start, cut.end)
    ]
    assert result.exact is (quote.strip() == cut.text)


@SETTINGS
@given(st.data())
def test_the_unperturbed_span_is_an_exact_match(data: st.DataObject) -> None:
    cut = data.draw(cuts())
    result = anchor_uniquely(cut, cut.text)
    assert isinstance(result, Match)
    assert result.exact
    assert (result.spans[0].start, result.spans[0].end) == (cut.start, cut.end)


@SETTINGS
@given(st.data())
def test_two_spans_joined_by_an_ellipsis_anchor_to_both(data: st.DataObject) -> None:
    cut = data.draw(cuts(min_words=2 * MIN_WORDS + 1))
    words = word_spans(cut.text)
    split = data.draw(st.integers(MIN_WORDS, len(words) - MIN_WORDS))
    gap = data.draw(st.integers(1, len(words) - split - MIN_WORDS + 1))
    first = Cut(cut.source, cut.passage, cut.start, cut.start + words[split - 1][1])
    second = Cut(cut.source, cut.passage, cut.start + words[split + gap - 1][0], cut.end)
    # Unique pieces: the first in the whole source, the second in its passage.
    assume(first.in_source() == 1 and second.in_passage() == 1)
    # A bare `...` right after a full stop would read as `.` + `...`: always space it.
    mark = data.draw(st.sampled_from([" ... ", "…", " … ", "[…]", " […] ", " [...] "]))
    quote = data.draw(perturbed(first.text)) + mark + data.draw(perturbed(second.text))
    result = INDEXES[cut.source].anchor(quote)
    assert isinstance(result, Match), (quote, result)
    assert [(s.passage, s.start, s.end) for s in result.spans] == [
        (cut.passage.id, first.start, first.end), (cut.passage.id, second.start, second.end)
    ]


@settings(SETTINGS, max_examples=100)  # each failure computes the closest passage
@given(st.data())
def test_a_span_with_one_word_changed_is_never_accepted(data: st.DataObject) -> None:
    """A near match is refused, and the message names the passage and the changed word."""
    cut = data.draw(cuts(min_words=8))
    words = word_spans(cut.text)
    k = data.draw(st.integers(1, len(words) - 2))  # not the first or last word
    w_start, w_end = words[k]
    original = cut.text[w_start:w_end]
    assume(any(c.isalnum() for c in original))
    replacement = "Q" * len(original)  # same length: the change is the only difference
    quote = cut.text[:w_start] + replacement + cut.text[w_end:]
    assume(all(count(oracle(quote), oracle(p.text)) == 0 for p in PASSAGES[cut.source]))
    result = INDEXES[cut.source].anchor(quote)
    assert isinstance(result, Failure)
    # The words as written: the quote's own and the source's, not their normalised forms.
    changed = f'quote has "{replacement}" where the source has '
    assert changed in result.message, result.message
    if f"Closest passage is {cut.passage.id}: " in result.message:
        # The span's own passage: the changed word is the one and only difference.
        assert f'{changed}"{original}"' in result.message, result.message
        assert len(re.findall(r"quote has|quote adds|quote leaves out", result.message)) == 1, (
            result.message)
    else:
        # Another passage may hold a near copy of the span (a lede repeated lower down, a
        # phrase an article uses twice): it must then match the rest of the quote as well.
        named = re.search(r'Closest passage is (p\d+): "(.*?)"\. Differences', result.message)
        assert named is not None, result.message
        rest = normalise_text(cut.text[:w_start] + cut.text[w_end:]).split()
        shown = normalise_text(named.group(2)).split()
        assert len(set(rest) & set(shown)) >= 0.6 * len(set(rest)), result.message


def test_most_spans_need_no_assumption() -> None:
    """The uniqueness `assume` drops few draws, so the properties above are real checks."""
    total = unique = 0
    for sid, passages in PASSAGES.items():
        for p in passages:
            words = word_spans(p.text)
            for n in (MIN_WORDS, 8):
                for i in range(0, len(words) - n + 1):
                    cut = Cut(sid, p, words[i][0], words[i + n - 1][1])
                    total += 1
                    unique += cut.in_passage() == 1
    assert total > 1000
    assert unique / total > 0.95


# -- normalisation ---------------------------------------------------------------------

@SETTINGS
@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@SETTINGS
@given(st.text())
def test_the_origin_map_points_at_the_characters_each_normalised_one_came_from(text: str
                                                                                ) -> None:
    norm = normalise(text)
    assert len(norm.origin) == len(norm.text)
    assert list(norm.origin) == sorted(norm.origin)
    one_for_one = norm.composed is None and norm.recomposed is None
    if one_for_one:  # no character was composed from several
        assert list(norm.origin) == sorted(set(norm.origin))
    for k, (ch, at) in enumerate(zip(norm.text, norm.origin, strict=True)):
        assert 0 <= at < len(text)
        if ch == " ":
            assert text[at].isspace()
        elif one_for_one:
            assert fold_char(text[at]) == ch
        else:  # the characters it was composed from normalise to it
            start, end = norm.span(k, k + 1)
            assert start == at
            assert ch in normalise_text(text[start:end])
    assert " " not in (norm.text[:1], norm.text[-1:])
    assert "  " not in norm.text


@SETTINGS
@given(st.text(alphabet=st.characters(codec="ascii")), st.data())
def test_typography_never_changes_the_normalised_text(text: str, data: st.DataObject) -> None:
    quote = data.draw(perturbed(text)) if text.strip() else text
    assert normalise_text(quote) == normalise_text(text)


# -- sources in other languages ----------------------------------------------------------
# The fixture sources of tests/fixtures/languages/ (written for the tests, not real
# articles), one each in Russian, Armenian and Azerbaijani, with their own oracle.

LANGUAGE_SOURCES = {
    source.id: source for source in (
        load_source(path, Settings(path.parent.parent))[0]
        for path in sorted((TESTS / "fixtures" / "languages" / "sources").glob("*.md")))
    if source is not None}
LANGUAGE_INDEXES = {sid: SourceIndex.of(s) for sid, s in LANGUAGE_SOURCES.items()}
ARMENIAN_MARKS = "\u055b\u055c\u055e"


def turkic_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def turkic_lower(text: str) -> str:
    return text.replace("İ", "i").replace("I", "ı").lower()


def language_oracle(language: str, text: str) -> str:
    """The oracle above, after what the language reads as one letter or as no mark."""
    if language == "ru":
        text = text.replace("ё", "е").replace("Ё", "Е")
    elif language == "az":
        text = turkic_lower(text)
    elif language == "hy":
        text = "".join(c for c in text if c not in ARMENIAN_MARKS).replace("։", ":")
    return oracle(text)


@st.composite
def in_language(draw: st.DrawFn, text: str, language: str) -> str:
    """The same words as a desk might type them in the language: е for ё, Turkic
    capitals, no Armenian marks or extra ones, `:` for `։`, each word's case changed by
    the language's rules where they give the word back; then `perturbed`'s typography."""
    rnd = draw(st.randoms(use_true_random=False))
    upper, lower = ((turkic_upper, turkic_lower) if language == "az"
                    else (str.upper, str.lower))
    out = []
    for token in re.findall(r"\s+|\S+", text):
        chars = []
        for c in token:
            if c in "ёЁ" and rnd.random() < 0.5:
                c = {"ё": "е", "Ё": "Е"}[c]
            elif c in ARMENIAN_MARKS and rnd.random() < 0.5:
                c = ""
            elif c == "։" and rnd.random() < 0.5:
                c = ":"
            chars.append(c)
            if language == "hy" and c.isalpha() and rnd.random() < 0.1:
                chars.append(rnd.choice(ARMENIAN_MARKS))
        token = "".join(chars)
        recased = rnd.choice([upper, lower, lambda t: t])(token)
        if language_oracle(language, recased) == language_oracle(language, token):
            token = recased  # `և` has no one-letter capital: its word keeps its case
        out.append(token)
    return draw(perturbed("".join(out), recasing=False))


@st.composite
def language_cuts(draw: st.DrawFn) -> tuple[str, Passage, int, int]:
    sid = draw(st.sampled_from(sorted(LANGUAGE_SOURCES)))
    passage = draw(st.sampled_from(LANGUAGE_SOURCES[sid].passages))
    words = word_spans(passage.text)
    n = draw(st.integers(1, len(words)))
    first = draw(st.integers(0, len(words) - n))
    return sid, passage, words[first][0], words[first + n - 1][1]


@SETTINGS
@given(language_cuts(), st.data())
def test_a_span_of_a_source_in_any_language_anchors_as_its_desk_would_type_it(
        cut: tuple[str, Passage, int, int], data: st.DataObject) -> None:
    sid, passage, start, end = cut
    language = LANGUAGE_SOURCES[sid].language
    assert language is not None
    text = passage.text[start:end]
    key = language_oracle(language, text)
    assume(sum(count(key, language_oracle(language, p.text))
               for p in LANGUAGE_SOURCES[sid].passages) == 1)
    quote = data.draw(in_language(text, language))
    result = LANGUAGE_INDEXES[sid].anchor(quote)
    assert isinstance(result, Match), (quote, result)
    assert [(s.passage, s.start, s.end) for s in result.spans] == [(passage.id, start, end)]


AZERBAIJANI = "abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ "
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ "
ARMENIAN = "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖ ։"


@SETTINGS
@given(st.text(alphabet=AZERBAIJANI))
def test_turkic_capitals_and_small_letters_fold_together(text: str) -> None:
    folding = folding_for("az")
    folded = normalise_text(text, folding)
    assert normalise_text(turkic_upper(text), folding) == folded
    assert normalise_text(turkic_lower(text), folding) == folded
    assert "İ" not in folded and "I" not in folded
    assert len(normalise(text, folding).origin) == len(folded)


@SETTINGS
@given(st.text(alphabet=RUSSIAN), st.randoms(use_true_random=False))
def test_yo_and_ye_fold_together_in_russian(text: str, rnd: random.Random) -> None:
    folding = folding_for("ru")
    swapped = "".join({"е": "ё", "ё": "е", "Е": "Ё", "Ё": "Е"}.get(c, c)
                      if rnd.random() < 0.5 else c for c in text)
    assert normalise_text(swapped, folding) == normalise_text(text, folding)
    assert "ё" not in normalise_text(text, folding)


@SETTINGS
@given(st.text(alphabet=ARMENIAN), st.randoms(use_true_random=False))
def test_armenian_marks_anywhere_fold_away_and_the_map_never_points_at_one(
        text: str, rnd: random.Random) -> None:
    folding = folding_for("hy")
    marked = "".join(c + (rnd.choice(ARMENIAN_MARKS) if rnd.random() < 0.3 else "")
                     for c in text)
    norm = normalise(marked, folding)
    assert norm.text == normalise_text(text, folding)
    assert all(marked[at] not in ARMENIAN_MARKS for at in norm.origin)
    assert "։" not in norm.text


# Letters, combining marks, Hangul jamo and Indic vowel signs: composition's hard cases.
COMPOSABLE = st.text(alphabet=st.sampled_from(
    list("aeiouAEIOUwWеЕиИIıçşəİ ") + [chr(c) for c in range(0x300, 0x316)]
    + ["\u0323", "\u0327", "\u0345", "\u1100", "\u1161", "\u11a8", "\u0b47", "\u0b3e",
       "\u0b57", "\u00ad", "\u200b", "\u212b", "\u0344", "\u0f73", "\u0f71"]))


@SETTINGS
@given(COMPOSABLE)
def test_composition_a_cluster_at_a_time_is_nfc(text: str) -> None:
    composed = compose(text)
    assert composed.text == unicodedata.normalize("NFC", text)
    assert list(composed.starts) == sorted(composed.starts)
    for k, (start, end) in enumerate(zip(composed.starts, composed.ends, strict=True)):
        assert composed.text[k] in unicodedata.normalize("NFC", text[start:end])


@SETTINGS
@given(COMPOSABLE, st.sampled_from([None, "ru", "az", "hy"]))
def test_canonically_equivalent_texts_normalise_alike(text: str, language: str | None
                                                      ) -> None:
    folding = folding_for(language)
    norm = normalise(text, folding)
    assert normalise_text(unicodedata.normalize("NFD", text), folding) == norm.text
    assert normalise_text(unicodedata.normalize("NFC", text), folding) == norm.text
    assert normalise_text(norm.text, folding) == norm.text
    for k in range(len(norm.text)):
        if norm.text[k] != " ":
            start, end = norm.span(k, k + 1)
            assert norm.text[k] in normalise_text(text[start:end], folding)
