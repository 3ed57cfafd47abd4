"""Typographic normalisation with a map back to the original text.

Matching forgives typography and layout only (SPEC): Unicode composition, quote and
apostrophe styles, dash variants, runs of white space and line breaks, letter case, and
invisible formatting characters, with what the source's language treats as one letter or
as no mark at all (`typography` declares it). Every character of the normalised text
remembers where it came from, so a match is always reported as a span of the original.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property

from generator.anchoring.typography import Convention, conventions_of


@dataclass(frozen=True, eq=False)
class Folding:
    """The comparison of one language, compiled once and shared by every text in it: the
    characters read as others (`table`), and the ones not counted, which are gaps in the
    text as white space is, only narrower: a gap of them alone closes up."""

    table: Mapping[str, str]
    foldable: re.Pattern[str]
    hidden: re.Pattern[str]  # a character not counted
    gaps: re.Pattern[str]  # a run of white space and characters not counted

    def fold_char(self, ch: str) -> str:
        folded = self.table.get(ch)
        if folded is not None:
            return folded
        lower = ch.lower()
        return lower if len(lower) == 1 else ch

    def fold_match(self, match: re.Match[str]) -> str:
        return self.table[match.group()]


@cache
def _folding(conventions: tuple[Convention, ...]) -> Folding:
    """One folding for each set of conventions: every language without one of its own
    shares English's."""
    table: dict[str, str] = {}
    hidden: set[str] = set()
    for convention in conventions:
        for rule in convention.rules:
            for group in rule.groups:
                for ch in group:
                    if rule.dropped:
                        hidden.add(ch)
                    elif ch != group[0]:  # a letter read as itself needs no look-up
                        table[ch] = group[0]
    invisible = re.escape("".join(sorted(hidden)))
    return Folding(table, re.compile("[" + re.escape("".join(table)) + "]"),
                   re.compile("[" + invisible + "]"), re.compile("[\\s" + invisible + "]+"))


def folding_for(language: str | None) -> Folding:
    """The folding a source in `language` (BCP 47; English when unset) is compared under."""
    return _folding(conventions_of(language))


DEFAULT = folding_for(None)


@dataclass(frozen=True)
class Composed:
    """`text` is `source` in NFC; each of its characters maps back to the span of `source`
    it was composed from."""

    text: str
    source: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def compose(text: str) -> Composed:
    """NFC, a cluster at a time: a cluster is a character and the ones that compose or
    reorder with it, so a character NFC changed maps back to the whole of its cluster."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and not _starts_cluster(text[start:i], text[i]):
            continue
        cluster = text[start:i]
        nfc = unicodedata.normalize("NFC", cluster)
        out.append(nfc)
        if nfc == cluster:  # a character for a character
            starts.extend(range(start, i))
            ends.extend(range(start + 1, i + 1))
        else:
            starts.extend([start] * len(nfc))
            ends.extend([i] * len(nfc))
        start = i
    return Composed("".join(out), text, tuple(starts), tuple(ends))


def _starts_cluster(cluster: str, ch: str) -> bool:
    """A character starts a cluster unless it combines, or composes with the end of the
    cluster before it (Hangul jamo, some Indic vowel signs), or decomposes to a mark."""
    if unicodedata.combining(ch):
        return False
    if unicodedata.combining(unicodedata.normalize("NFD", ch)[0]):
        return False
    last = unicodedata.normalize("NFC", cluster)[-1]
    return len(unicodedata.normalize("NFC", last + ch)) == 2


@dataclass(frozen=True)
class Normalised:
    """`text` is the normalised form of `original`; `origin[i]` is the index in the
    original of text[i], worked out only when a match needs mapping back.

    Folding works a character at a time on the original in NFC (`base`), then narrows the
    gaps (`folded`). Either NFC step is rare, and each keeps its own map: `composed` from
    the original to `base`, where the original was not in NFC; `recomposed` from `folded`
    to `text`, where folding brought a mark beside a letter it composes with (a small w
    and a ring above, which have one character, where a capital W and a ring have none)."""

    text: str
    original: str
    folding: Folding = DEFAULT
    composed: Composed | None = None
    recomposed: Composed | None = None

    @property
    def base(self) -> str:
        return self.original if self.composed is None else self.composed.text

    @property
    def folded(self) -> str:
        return self.text if self.recomposed is None else self.recomposed.source

    @cached_property
    def plain(self) -> bool:
        """No character that is not counted: every gap in the original is white space."""
        return not self.folding.hidden.search(self.base)

    @cached_property
    def _runs(self) -> tuple[list[int], list[int], list[int]]:
        """The runs of text between gaps: where each starts in the folded text and in
        the base, and its length. Worked out per gap, not per character."""
        norm_starts: list[int] = []
        orig_starts: list[int] = []
        lengths: list[int] = []
        norm = pos = 0
        base = self.base
        if self.plain:  # the common case: every gap is blank
            spans = [m.span() for m in _WORD.finditer(base)]
            orig_starts = [a for a, _ in spans]
            lengths = [b - a for a, b in spans]
            # Each run is followed by one space in the normalised text.
            norm_starts = [0, *itertools.accumulate(n + 1 for n in lengths[:-1])]
            return norm_starts[: len(spans)], orig_starts, lengths
        spaced = False
        for gap in (*self.folding.gaps.finditer(base), None):
            start, end = gap.span() if gap else (len(base), len(base))
            if start > pos:
                if norm_starts and spaced:
                    norm += 1  # the single space that stands for the gap
                norm_starts.append(norm)
                orig_starts.append(pos)
                lengths.append(start - pos)
                norm += start - pos
            if gap is not None:
                spaced = any(c.isspace() for c in gap.group())
            pos = end
        return norm_starts, orig_starts, lengths

    @property
    def origin(self) -> tuple[int, ...]:
        """The original index of every normalised character (where NFC composed it, of
        the first character it was composed from)."""
        norm_starts, orig_starts, lengths = self._runs
        base = self.base
        out: list[int] = []
        for n, o, length in zip(norm_starts, orig_starts, lengths, strict=True):
            if n > len(out):  # a space stands for the gap before this run: its first blank
                out.append(next(i for i in range(out[-1] + 1, o) if base[i].isspace()))
            out.extend(range(o, o + length))
        if self.recomposed is not None:
            out = [out[i] for i in self.recomposed.starts]
        if self.composed is not None:
            out = [self.composed.starts[i] for i in out]
        return tuple(out)

    def _to_original(self, index: int) -> int:
        norm_starts, orig_starts, _ = self._runs
        run = bisect.bisect_right(norm_starts, index) - 1
        return orig_starts[run] + index - norm_starts[run]

    def _plain_to_original(self, index: int, w: int, rest: str) -> tuple[int, str]:
        """Every gap is blank: `index` lies in word number w, and str.split finds where
        that word starts in the original, in C. `rest` is the original from an earlier
        word on, `w` counted from there; the original from this word on is returned too."""
        rest = rest.split(None, w)[-1]
        word_start = self.folded.rfind(" ", 0, index) + 1
        return len(self.base) - len(rest) + index - word_start, rest

    @property
    def length(self) -> int:
        return len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) back to the original text. A span never
        starts or ends on a gap's space: quotes are stripped before they are matched."""
        if self.recomposed is not None:
            start, end = self.recomposed.starts[start], self.recomposed.ends[end - 1]
        first, last = self._base_span(start, end)
        if self.composed is None:
            return first, last
        return self.composed.starts[first], self.composed.ends[last - 1]

    def _base_span(self, start: int, end: int) -> tuple[int, int]:
        base, folded = self.base, self.folded
        if len(folded) == len(base):
            return start, end  # no gap was narrowed or removed: every index is the same
        last = end - 1
        if not self.plain:
            return self._to_original(start), self._to_original(last) + 1
        first, rest = self._plain_to_original(start, folded.count(" ", 0, start), base)
        # The end's word counted on from the start's, so the start's words are split once.
        final, _ = self._plain_to_original(last, folded.count(" ", start, last), rest)
        return first, final + 1


def fold_char(ch: str, folding: Folding = DEFAULT) -> str:
    return folding.fold_char(ch)


_WORD = re.compile(r"\S+")
ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*\.\s*\.|…)\s*\]|\.\.\.|…)\s*")


def _gap(match: re.Match[str]) -> str:
    return " " if any(c.isspace() for c in match.group()) else ""


def normalise(text: str, folding: Folding = DEFAULT) -> Normalised:
    composed = None
    if not unicodedata.is_normalized("NFC", text):  # rare: most text is written composed
        composed = compose(text)
    folded = _fold(text if composed is None else composed.text, folding)
    if folded.isascii() or unicodedata.is_normalized("NFC", folded):
        return Normalised(folded, text, folding, composed)
    recomposed = compose(folded)
    return Normalised(recomposed.text, text, folding, composed, recomposed)


def _fold(base: str, folding: Folding) -> str:
    """Each character of `base` folded, and its gaps narrowed."""
    # A pattern finds the few characters to fold faster than str.translate visits all.
    folded = folding.foldable.sub(folding.fold_match, base)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a letter whose lower case is longer: one by one
        lowered = "".join(folding.fold_char(ch) for ch in folded)
    if folding.hidden.search(lowered):
        return folding.gaps.sub(_gap, lowered).strip(" ")
    # The common case: str.split() breaks at exactly the characters `\s` matches.
    return " ".join(lowered.split())


def normalise_text(text: str, folding: Folding = DEFAULT) -> str:
    return normalise(text, folding).text


def split_ellipses(quote: str) -> list[str]:
    """The parts of a quote between its ellipses, as written."""
    if "…" not in quote and "..." not in quote and "[" not in quote:
        return [quote]  # no ellipsis can match, and most quotes have none
    return ELLIPSIS.split(quote)


def split_pieces(quote: str, folding: Folding = DEFAULT) -> list[str]:
    """Split a quote at its ellipses into the normalised pieces that must occur in order."""
    return [p for p in (normalise_text(part, folding) for part in split_ellipses(quote)) if p]
