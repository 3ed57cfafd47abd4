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


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
    """Split the text at every mark boundary; each covered segment becomes one <mark>.

    The first segment of each citation carries its id, so every cited span has an
    anchor of its own even where citations overlap.
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
            out.append(segment)
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
