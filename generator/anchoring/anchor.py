"""Quote anchoring: find each quote in its source, exactly once, or say why not.

A near match is never accepted; rapidfuzz only finds the closest passage for the
error message, so the contributor sees what differs.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from generator import limits
from generator.anchoring.normalize import (
    DEFAULT,
    Folding,
    Normalised,
    folding_for,
    normalise,
    normalise_text,
    split_ellipses,
    split_pieces,
)
from generator.diagnostics import quoted
from generator.model import Passage, Source


@dataclass(frozen=True)
class Span:
    """A run of characters of one passage's original text."""

    passage: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    spans: tuple[Span, ...]
    exact: bool

    @property
    def passage(self) -> str:
        return self.spans[0].passage


@dataclass(frozen=True)
class Failure:
    message: str


class SourceIndex:
    """The normalised passages of one source, built once and shared by every quote, which
    is compared under the source's language (BCP 47; English when it records none)."""

    def __init__(self, source_id: str, passages: Sequence[Passage],
                 language: str | None = None) -> None:
        self.source_id = source_id
        self.passages = tuple(passages)
        self.ids = {p.id: i for i, p in enumerate(self.passages)}
        self.folding = folding_for(language)

    @classmethod
    def of(cls, source: Source) -> SourceIndex:
        return cls(source.id, source.passages, source.language)

    @cached_property
    def norm(self) -> tuple[Normalised, ...]:
        return tuple(normalise(p.text, self.folding) for p in self.passages)

    def anchor(
        self,
        quote: str,
        *,
        prefix: str | None = None,
        suffix: str | None = None,
        passage: str | None = None,
    ) -> Match | Failure:
        pieces = split_pieces(quote, self.folding)
        if not pieces:
            return Failure("the quote has no words once ellipses are removed; quote the text")
        if len(pieces) > limits.MAX_QUOTE_PIECES:
            return Failure(f"the quote from source `{self.source_id}` has {len(pieces) - 1} "
                           f"omissions (…), over the limit of {limits.MAX_QUOTE_PIECES - 1}; "
                           "split it into several evidence items")
        if passage is not None and passage not in self.ids:
            return Failure(
                f"source `{self.source_id}` has no passage `{passage}`; its passages are "
                f"{self.passages[0].id}…{self.passages[-1].id}" if self.passages
                else f"source `{self.source_id}` has no passages"
            )
        found = self._occurrences(pieces)
        if not found:
            return Failure(self._not_found(quote, pieces))
        narrowed = [
            m for m in found
            if (passage is None or m[0][0] == self.ids[passage])
            and self._has_prefix(m, prefix)
            and self._has_suffix(m, suffix)
        ]
        if not narrowed:
            what = ", ".join(
                f"`{k}`" for k, v in (("passage", passage), ("prefix", prefix), ("suffix", suffix))
                if v is not None
            )
            where = ", ".join(sorted({self.passages[m[0][0]].id for m in found}))
            return Failure(
                f"the quote is in source `{self.source_id}` (passage {where}) but not with the "
                f"given {what}; correct or remove {what}"
            )
        if len(narrowed) > 1:
            where = ", ".join(dict.fromkeys(self.passages[m[0][0]].id for m in narrowed))
            return Failure(
                f"the quote occurs {len(narrowed)} times in source `{self.source_id}` "
                f"(passages {where}); add `passage: <id>` to choose one, or `prefix:`/"
                "`suffix:` with the words just before or after the quote"
            )
        return self._to_match(quote, narrowed[0])

    # -- search ------------------------------------------------------------------------

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """All normalised passages in one string, NUL between them (no quote holds a NUL,
        so no match crosses passages), and where each starts: one `find` searches all."""
        starts, at = [], 0
        for norm in self.norm:
            starts.append(at)
            at += len(norm.text) + 1
        return "\0".join(n.text for n in self.norm), starts

    def _locate(self, at: int) -> tuple[int, int]:
        starts = self._joined[1]
        pi = bisect.bisect_right(starts, at) - 1
        return pi, at - starts[pi]

    def _find_from(self, piece: str, pi: int, offset: int) -> tuple[int, int] | None:
        joined, starts = self._joined
        at = joined.find(piece, starts[pi] + offset) if pi < len(starts) else -1
        return self._locate(at) if at >= 0 else None

    def _occurrences(self, pieces: list[str]) -> list[list[tuple[int, int, int]]]:
        """Every complete match: for each piece its (passage, start, end) in normalised text."""
        first, rest = pieces[0], pieces[1:]
        if "\0" in first or not self.norm:
            return []
        joined = self._joined[0]
        matches = []
        at = joined.find(first)
        while at >= 0:
            pi, offset = self._locate(at)
            spans = [(pi, offset, offset + len(first))]
            for piece in rest:
                hit = self._find_from(piece, spans[-1][0], spans[-1][2])
                if hit is None:
                    break
                spans.append((hit[0], hit[1], hit[1] + len(piece)))
            else:
                matches.append(spans)
            at = joined.find(first, at + 1)
        return matches

    def _has_prefix(self, spans: list[tuple[int, int, int]], prefix: str | None) -> bool:
        if prefix is None:
            return True
        pi, start, _ = spans[0]
        before = self.norm[pi].text[:start].rstrip()
        return before.endswith(normalise_text(prefix, self.folding))

    def _has_suffix(self, spans: list[tuple[int, int, int]], suffix: str | None) -> bool:
        if suffix is None:
            return True
        pi, _, end = spans[-1]
        after = self.norm[pi].text[end:].lstrip()
        return after.startswith(normalise_text(suffix, self.folding))

    def _to_match(self, quote: str, found: list[tuple[int, int, int]]) -> Match:
        spans = []
        for pi, start, end in found:
            o_start, o_end = self.norm[pi].span(start, end)
            spans.append(Span(self.passages[pi].id, o_start, o_end))
        raw_pieces = [p.strip() for p in split_ellipses(quote) if p.strip()]
        exact = len(raw_pieces) == len(spans) and all(
            raw == self.passages[self.ids[s.passage]].text[s.start : s.end]
            for raw, s in zip(raw_pieces, spans, strict=True)
        )
        return Match(tuple(spans), exact)

    # -- the error message -------------------------------------------------------------

    def _not_found(self, quote: str, pieces: list[str]) -> str:
        # The pieces as written, beside their normalised forms: messages show the former.
        written = [p for p in split_ellipses(quote) if normalise_text(p, self.folding)]
        missing, missing_written = pieces[0], written[0]
        lead = "the quote is not in source"
        if len(pieces) > 1:
            # Name the first piece that breaks the chain, so the fix is local. Taking the
            # leftmost place of each piece finds an in-order chain whenever one exists.
            at: tuple[int, int] | None = (0, 0)
            for k, piece in enumerate(pieces, 1):
                assert at is not None
                at = self._find_from(piece, at[0], at[1])
                if at is None:
                    missing, missing_written = piece, written[k - 1]
                    lead = (
                        f"piece {k} of {len(pieces)} of the quote (split at its ellipses) "
                        "is not in source" if k == 1 else
                        f"piece {k} of {len(pieces)} of the quote (split at its ellipses) "
                        "does not follow the pieces before it in source"
                    )
                    break
                at = (at[0], at[1] + len(piece))
        closest = self._closest(missing, missing_written.strip())
        if closest is None:
            return f"{lead} `{self.source_id}`, which has no text"
        passage, excerpt, diff = closest
        return (
            f"{lead} `{self.source_id}`. Closest passage is {passage}: {excerpt}. "
            f"{diff} Quotes must be verbatim; only typography, spacing and case may differ"
        )

    def _closest(self, piece: str, written: str) -> tuple[str, str, str] | None:
        """The passage most like the piece (rapidfuzz), then the run of its words that
        best lines up with the quote's words, so the differences shown are real ones.
        `written` is the piece as the quote writes it, for the message."""
        best: tuple[float, int, int] | None = None
        for pi, norm in enumerate(self.norm):
            if not norm.text:
                continue
            al = fuzz.partial_ratio_alignment(piece, norm.text)
            if al is not None and (best is None or al.score > best[0]):
                best = (al.score, pi, al.dest_start)
        if best is None:
            return None
        _, pi, near = best
        norm = self.norm[pi]
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", norm.text)]
        texts = [norm.text[a:b] for a, b in words]
        quote = piece.split()
        n = len(quote)
        centre = next((i for i, (a, _) in enumerate(words) if a >= near), 0)
        window: tuple[int, int, int, int] | None = None  # (matched, in place, start, size)
        for size in range(max(1, n - 3), n + 4):
            for i in range(max(0, centre - n - 3), min(len(words) - size, centre + n + 3) + 1):
                run = texts[i : i + size]
                blocks = difflib.SequenceMatcher(None, quote, run, autojunk=False)
                matched = sum(b.size for b in blocks.get_matching_blocks())
                in_place = sum(q == w for q, w in zip(quote, run, strict=False))
                key = (matched, in_place, -abs(size - n), -i)
                if window is None or key > (window[0], window[1], -abs(window[3] - n),
                                            -window[2]):
                    window = (matched, in_place, i, size)
        if window is None:
            start, end = 0, len(norm.text)
        else:
            _, _, i, size = window
            start, end = words[i][0], words[min(i + size, len(words)) - 1][1]
        o_start, o_end = norm.span(start, end)
        excerpt = self.passages[pi].text[o_start:o_end].replace("\n", " ")
        diff = describe_difference(written, excerpt, self.folding)
        return self.passages[pi].id, quoted(excerpt, 200), diff


# A quote may begin after an opening quotation mark and stop before the closing
# punctuation of its sentence: the source's edge words are compared without them.
_OPENING = "\"'“‘(«"
_CLOSING = ".,;:!?\"'”’)»"


def _words(text: str, folding: Folding) -> tuple[list[str], list[str]]:
    """The words of a text as written, and each one's normalised form (what is compared);
    a word that is only characters not counted is no word."""
    shown, keys = [], []
    for word in text.split():
        key = normalise_text(word, folding)
        if key:
            shown.append(word)
            keys.append(key)
    return shown, keys


def describe_difference(quote: str, found: str, folding: Folding = DEFAULT) -> str:
    """Word-level differences between the quote and the closest text, for people: words
    are compared as matching compares them (under the source's language), and shown as
    the quote and the source write them."""
    (a, ka), (b, kb) = _words(quote, folding), _words(found, folding)
    if ka and kb and ka[-1] != kb[-1] and kb[-1].rstrip(_CLOSING) == ka[-1]:
        kb[-1] = ka[-1]
    if ka and kb and ka[0] != kb[0] and kb[0].lstrip(_OPENING) == ka[0]:
        kb[0] = ka[0]
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb,
                                                      autojunk=False).get_opcodes():
        ours, theirs = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "replace":
            changes.append(f"quote has {quoted(ours, 60)} where the source has "
                           f"{quoted(theirs, 60)}")
        elif op == "delete":
            changes.append(f"quote adds {quoted(ours, 60)}")
        elif op == "insert":
            changes.append(f"quote leaves out {quoted(theirs, 60)} (mark omissions with …)")
    if not changes:
        return "The words match but not in one run of the source text."
    shown = "; ".join(changes[:3])
    more = f" (and {len(changes) - 3} more differences)" if len(changes) > 3 else ""
    return f"Differences: {shown}{more}."
