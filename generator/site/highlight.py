"""A passage's text as HTML with every cited span marked; overlapping citations share marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    anchor: str
    stance: str


def unindexed(segment: str) -> str:
    """An escaped segment that the search index skips; its outer white space stays indexed,
    so the words on either side are not run together."""
    core = segment.strip()
    if not core:
        return segment
    left = segment[:len(segment) - len(segment.lstrip())]
    right = segment[len(segment.rstrip()):]
    return f"{left}<span data-pagefind-ignore>{core}</span>{right}"


def highlight(text: str, marks: Sequence[Mark], index_marks_only: bool = False) -> Markup:
    """Split the text at every mark boundary; each covered segment becomes one <mark>.

    The first segment of each citation carries its id, so every cited span has an
    anchor of its own even where citations overlap. With `index_marks_only`, the text
    outside the marks is kept out of the search index (it is shown all the same).
    """
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    placed: set[str] = set()
    for a, b in pairwise(bounds):
        if a >= b:
            continue
        covering = [m for m in marks if m.start <= a and b <= m.end]
        segment = str(escape(text[a:b]))
        if not covering:
            out.append(unindexed(segment) if index_marks_only else segment)
            continue
        starting = [m.anchor for m in covering if m.anchor and m.anchor not in placed]
        placed.update(starting)
        # Citations that start together: the mark carries the first id, and a span around
        # the same words each further one, so every anchor holds the words it cites.
        for extra in reversed(starting[1:]):
            segment = f'<span class="fc-anchor" id="{extra}">{segment}</span>'
        mark_id = f' id="{starting[0]}"' if starting else ""
        stances = " ".join(sorted({f"fc-{m.stance}" for m in covering}))
        cites = " ".join(m.anchor for m in covering if m.anchor)
        data = f' data-cites="{cites}"' if cites else ""
        out.append(f'<mark class="fc-hl {stances}"{mark_id}{data}>{segment}</mark>')
    return Markup("".join(out))
