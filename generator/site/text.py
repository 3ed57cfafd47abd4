"""Text helpers for pages: sentence context around a quote, and text-fragment links."""

from __future__ import annotations

import re
from urllib.parse import quote as _quote

from generator.anchoring.normalize import normalise_text
from generator.i18n import _
from generator.model import PartialDate

# A sentence ends at . ! or ? (maybe followed by closing quotes) before white space.
SENTENCE_END = re.compile(r"[.!?][\"'”’»)]*\s+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence(s) that hold text[start:end]."""
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    found = SENTENCE_END.search(text, max(end - 1, start))
    right = found.start() + len(found.group().rstrip()) if found else len(text)
    return left, max(right, end)


def fragment_encode(term: str) -> str:
    """Percent-encode for a text directive: everything outside the unreserved set, `-` too."""
    return _quote(term, safe="").replace("-", "%2D").replace(".", "%2E").replace("~", "%7E")


def text_fragment(article: str, span_text: str, max_words: int = 8) -> str:
    """`#:~:text=` for a span: whole if short, else start and end terms unique in the article.

    `article` is the article's text, already normalised (one article, many quotes).
    """
    words = span_text.split()
    if not words:
        return ""
    haystack = article
    if len(words) <= max_words:
        return "#:~:text=" + fragment_encode(" ".join(words))

    def unique_from(candidates: list[list[str]]) -> str:
        for terms in candidates:
            term = " ".join(terms)
            needle = normalise_text(term)
            if haystack.count(needle) == 1:
                return term
        return " ".join(candidates[-1])

    starts = [words[:n] for n in range(3, len(words) // 2 + 1)] or [words[:1]]
    ends = [words[-n:] for n in range(3, len(words) - len(words) // 2 + 1)] or [words[-1:]]
    start, end = unique_from(starts), unique_from(ends)
    return f"#:~:text={fragment_encode(start)},{fragment_encode(end)}"


# A claim this long or shorter is the description's text; a longer one gives way to its
# headline, so that no description cuts a claim (a cut can reverse its meaning).
CLAIM_CHARS = 200


def share_description(verdict: str, claimant: str, when: PartialDate, claim: str,
                      headline: str) -> str:
    """A claim page's description for search engines and link previews: the verdict, the
    claim whole where it fits in `CLAIM_CHARS`, else the headline whole, then who made it
    and the year. Nothing is cut: a preview that shortens it shortens it visibly."""
    said = " ".join(claim.split())
    text = quoted(said) if len(said) <= CLAIM_CHARS else " ".join(headline.split())
    return _("Verdict: %(verdict)s. %(claim)s (%(claimant)s, %(year)s)") % {
        "verdict": verdict, "claim": text, "claimant": " ".join(claimant.split()),
        "year": when.year}


def quoted(text: str) -> str:
    """Words in the quotation marks of the site's language: “…” in English, «…» in Russian."""
    return _("“%(quote)s”") % {"quote": text}
