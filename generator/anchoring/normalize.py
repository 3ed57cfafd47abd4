"""Typographic normalisation with a map back to the original text.

Matching forgives typography and layout only (SPEC): quote and apostrophe styles,
dash variants, runs of white space and line breaks, letter case, and invisible
formatting characters. Every character of the normalised text remembers where it
came from, so a match is always reported as a span of the original.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cached_property

_FOLD = {
    **dict.fromkeys("‘’‚‛′`´ʼʹ‵", "'"),
    **dict.fromkeys("“”„‟″«»‶", '"'),
    **dict.fromkeys("‐‑‒–—―−⁃﹘﹣－", "-"),
    # str.lower() writes a final sigma at word ends; one sigma for all keeps cut quotes equal.
    "Σ": "σ", "ς": "σ",
}
# Soft hyphen, zero-width space/joiners, word joiner, BOM: layout, not text.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*\.\s*\.|…)\s*\]|\.\.\.|…)\s*")


@dataclass(frozen=True)
class Normalised:
    """`text` is the normalised form of `original`; `origin[i]` is the index in the
    original of text[i], worked out only when a match needs mapping back."""

    text: str
    original: str

    @cached_property
    def plain(self) -> bool:
        """No invisible characters: every gap in the original is white space."""
        return not _INVISIBLES.search(self.original)

    @cached_property
    def _runs(self) -> tuple[list[int], list[int], list[int]]:
        """The runs of text between gaps: where each starts in the normalised text and in
        the original, and its length. Worked out per gap, not per character."""
        norm_starts: list[int] = []
        orig_starts: list[int] = []
        lengths: list[int] = []
        norm = pos = 0
        if not _INVISIBLES.search(self.original):  # the common case: every gap is blank
            spans = [m.span() for m in _WORD.finditer(self.original)]
            orig_starts = [a for a, _ in spans]
            lengths = [b - a for a, b in spans]
            # Each run is followed by one space in the normalised text.
            norm_starts = [0, *itertools.accumulate(n + 1 for n in lengths[:-1])]
            return norm_starts[: len(spans)], orig_starts, lengths
        spaced = False
        for gap in (*_GAPS.finditer(self.original), None):
            start, end = gap.span() if gap else (len(self.original), len(self.original))
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
        """The original index of every normalised character."""
        norm_starts, orig_starts, lengths = self._runs
        out: list[int] = []
        for n, o, length in zip(norm_starts, orig_starts, lengths, strict=True):
            if n > len(out):  # a space stands for the gap before this run: its first blank
                out.append(next(i for i in range(out[-1] + 1, o) if self.original[i].isspace()))
            out.extend(range(o, o + length))
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
        word_start = self.text.rfind(" ", 0, index) + 1
        return len(self.original) - len(rest) + index - word_start, rest

    @property
    def length(self) -> int:
        return len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) back to the original text. A span never
        starts or ends on a gap's space: quotes are stripped before they are matched."""
        if len(self.text) == len(self.original):
            return start, end  # no gap was narrowed or removed: every index is the same
        last = end - 1
        if not self.plain:
            return self._to_original(start), self._to_original(last) + 1
        first, rest = self._plain_to_original(start, self.text.count(" ", 0, start),
                                              self.original)
        # The end's word counted on from the start's, so the start's words are split once.
        final, _ = self._plain_to_original(last, self.text.count(" ", start, last), rest)
        return first, final + 1


def fold_char(ch: str) -> str:
    folded = _FOLD.get(ch)
    if folded is not None:
        return folded
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD)) + "]")
_WORD = re.compile(r"\S+")
_INVISIBLES = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
_GAPS = re.compile("[\\s" + "".join(sorted(_INVISIBLE)) + "]+")


def _fold_match(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def _gap(match: re.Match[str]) -> str:
    return " " if any(c.isspace() for c in match.group()) else ""


def normalise(text: str) -> Normalised:
    # A pattern finds the few characters to fold faster than str.translate visits all.
    folded = _FOLDABLE.sub(_fold_match, text)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a letter whose lower case is longer: one by one
        lowered = "".join(fold_char(ch) for ch in folded)
    if _INVISIBLES.search(lowered):
        return Normalised(_GAPS.sub(_gap, lowered).strip(" "), text)
    # The common case: str.split() breaks at exactly the characters `\s` matches.
    return Normalised(" ".join(lowered.split()), text)


def normalise_text(text: str) -> str:
    return normalise(text).text


def split_ellipses(quote: str) -> list[str]:
    """The parts of a quote between its ellipses, as written."""
    if "…" not in quote and "..." not in quote and "[" not in quote:
        return [quote]  # no ellipsis can match, and most quotes have none
    return ELLIPSIS.split(quote)


def split_pieces(quote: str) -> list[str]:
    """Split a quote at its ellipses into the normalised pieces that must occur in order."""
    return [p for p in (normalise_text(part) for part in split_ellipses(quote)) if p]
