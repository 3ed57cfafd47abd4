"""Pull quotes: the article's own words repeated in a call-out, left out of the source.

A pull quote repeats a line of the article in large type beside it. Stored as a passage
it would make every quote of that line match twice, so it is page furniture here, like
a share bar. The rule, chosen so that no words of the article are lost:

- a *call-out* is an `<aside>`, `<figure>` or `<blockquote>`, or an element whose class
  or id names a pull quote or call-out (`wp-block-pullquote`, `pull-quote`, `callout`),
  that is not inside a paragraph and holds at most `MAX_WORDS` words;
- a call-out *repeats the article* when the text of its paragraphs, folded as quotes are
  (the check's normalisation, passed in) and without the quotation marks around it,
  stands inside a paragraph of the article extracted without any call-out, and is at
  least `MIN_WORDS` words long (a shorter line, "No." or a name, may stand there by
  chance); an attribution (`<cite>`, `<footer>`, `<figcaption>`, or a line of at most
  `ATTRIBUTION_WORDS` words such as "— Colonel Andrei Sokolov") need not stand there;
- a call-out that repeats the article is removed from the page before extraction.

A plain paragraph is never dropped, however much of it stands in another: an article
may well repeat a short line ("No one was hurt."), and a dropped paragraph would be
words of the article lost. A blockquote that quotes words found nowhere else in the
article (a statement, a post) is kept too.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence

import lxml.html

CALLOUT_TAGS = frozenset({"aside", "figure", "blockquote"})
MAX_WORDS = 80
MIN_WORDS = 4  # fewer words may stand in the article by chance ("No.", a name)
ATTRIBUTION_WORDS = 8
_CALLOUT_NAME = re.compile(r"pull-?quote|pull-?out|call-?out", re.IGNORECASE)
_ATTRIBUTION = ("cite", "footer", "figcaption")
# Around a pull quote's words, once folded: quotation marks, closing punctuation, dashes.
_EDGES = " \"'.,;:!?…-"

Callout = tuple[lxml.html.HtmlElement, tuple[str, ...]]  # the element and its paragraphs


def callouts(tree: lxml.html.HtmlElement) -> list[Callout]:
    """The page's call-outs that hold text, with their paragraphs; none inside another."""
    found: list[Callout] = []
    taken: set[lxml.html.HtmlElement] = set()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        named = _CALLOUT_NAME.search(f"{element.get('class', '')} {element.get('id', '')}")
        if element.tag not in CALLOUT_TAGS and not named:
            continue
        ancestors = list(element.iterancestors())
        if any(a in taken or a.tag == "p" for a in ancestors):
            continue
        if len(element.text_content().split()) > MAX_WORDS:
            continue  # too long for a call-out: the article itself, or a quoted document
        parts = _paragraphs(element)
        if parts:
            found.append((element, parts))
            taken.add(element)
    return found


def repeats(parts: Sequence[str], article: Sequence[str], fold: Callable[[str], str]
            ) -> bool:
    """Whether a call-out's paragraphs stand in the article's (its attribution aside)."""
    folded = [fold(text) for text in article]
    standing = [p for p in parts if len((core := fold(p).strip(_EDGES)).split()) >= MIN_WORDS
                and any(core in text for text in folded)]
    return bool(standing) and all(p in standing or len(p.split()) <= ATTRIBUTION_WORDS
                                  for p in parts)


def without(tree: lxml.html.HtmlElement, elements: Sequence[lxml.html.HtmlElement]) -> str:
    """The page's HTML with `elements` taken out (the text after each is kept)."""
    paths = [tree.getroottree().getpath(e) for e in elements]
    page = copy.deepcopy(tree)
    found = [e for path in paths for e in page.getroottree().xpath(path)]
    for element in found:  # found first: a removal renumbers the paths after it
        element.drop_tree()
    return str(lxml.html.tostring(page, encoding="unicode"))


def _paragraphs(element: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The text of each paragraph of a call-out, its attribution left out."""
    box = copy.deepcopy(element)
    box.tail = None
    for credit in [e for e in box.iter(*_ATTRIBUTION) if e is not box]:
        credit.drop_tree()
    paragraphs = list(box.iter("p")) or [box]
    return tuple(t for t in (" ".join(p.text_content().split()) for p in paragraphs) if t)
