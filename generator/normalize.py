"""Typographic normalisation with a map back to the original text.

Matching forgives typography and layout only (SPEC): quote and apostrophe styles,
dash variants, runs of white space and line breaks, letter case, and invisible
formatting characters. Every character of the normalised text remembers where it
came from, so a match is always reported as a span of the original.
"""

from __future__ import annotations

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
    def origin(self) -> tuple[int, ...]:
        origin: list[int] = []
        pending = -1
        for i, ch in enumerate(self.original):
            if ch in _INVISIBLE:
                continue
            if ch.isspace():
                if pending < 0:
                    pending = i
                continue
            if pending >= 0:
                if origin:
                    origin.append(pending)
                pending = -1
            origin.append(i)
        return tuple(origin)

    @property
    def length(self) -> int:
        return len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) back to the original text."""
        return self.origin[start], self.origin[end - 1] + 1


def fold_char(ch: str) -> str:
    folded = _FOLD.get(ch)
    if folded is not None:
        return folded
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


_TABLE = str.maketrans(_FOLD)
_WHITE = re.compile(r"\s+")
_INVISIBLES = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
_GAPS = re.compile("[\\s" + "".join(sorted(_INVISIBLE)) + "]+")


def _gap(match: re.Match[str]) -> str:
    return " " if any(c.isspace() for c in match.group()) else ""


def normalise(text: str) -> Normalised:
    folded = text.translate(_TABLE)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a letter whose lower case is longer: one by one
        lowered = "".join(fold_char(ch) for ch in folded)
    # Without invisible characters (the common case) the work is all done in C.
    flat = (_GAPS.sub(_gap, lowered) if _INVISIBLES.search(lowered)
            else _WHITE.sub(" ", lowered))
    return Normalised(flat.strip(" "), text)


def normalise_text(text: str) -> str:
    return normalise(text).text


def split_pieces(quote: str) -> list[str]:
    """Split a quote at its ellipses into the normalised pieces that must occur in order."""
    return [p for p in (normalise_text(part) for part in ELLIPSIS.split(quote)) if p]
