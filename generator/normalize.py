"""Typographic normalisation with a map back to the original text.

Matching forgives typography and layout only (SPEC): quote and apostrophe styles,
dash variants, runs of white space and line breaks, letter case, and invisible
formatting characters. Every character of the normalised text remembers where it
came from, so a match is always reported as a span of the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOLD = {
    **dict.fromkeys("‘’‚‛′`´ʼʹ‵", "'"),
    **dict.fromkeys("“”„‟″«»‶", '"'),
    **dict.fromkeys("‐‑‒–—―−⁃﹘﹣－", "-"),
}
# Soft hyphen, zero-width space/joiners, word joiner, BOM: layout, not text.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*\.\s*\.|…)\s*\]|\.\.\.|…)\s*")


@dataclass(frozen=True)
class Normalised:
    """`text` is the normalised form; `origin[i]` is the index in the original of text[i]."""

    text: str
    origin: tuple[int, ...]
    length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) back to the original text."""
        return self.origin[start], self.origin[end - 1] + 1


def fold_char(ch: str) -> str:
    folded = _FOLD.get(ch)
    if folded is not None:
        return folded
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def normalise(text: str) -> Normalised:
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                origin.append(pending_space)
            pending_space = -1
        out.append(fold_char(ch))
        origin.append(i)
    return Normalised("".join(out), tuple(origin), len(text))


def normalise_text(text: str) -> str:
    return normalise(text).text


def split_pieces(quote: str) -> list[str]:
    """Split a quote at its ellipses into the normalised pieces that must occur in order."""
    return [p for p in (normalise_text(part) for part in ELLIPSIS.split(quote)) if p]
