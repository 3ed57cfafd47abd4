"""The page's text as a browser shows it, by which capture holds its extraction to the page.

trafilatura rebuilds the article from the page's elements and sometimes joins two of
them without the space or break the page shows between them ("EigentumDer Wagen"), or
adds one that is not there. The page's own text settles it: each element's text in
document order, a line break between blocks (`<p>`, `<div>`, `<li>`, `<br>`, …), a tab
between table cells (as a browser's `innerText` has them), and inline elements (`<b>`,
`<a>`, `<span>`) joined as they stand. Text no browser shows (scripts, styles,
templates, comments) is left out; text that a style may hide is kept, so that the check
never refuses words the page holds.

`realign` gives a paragraph back with the page's own white space, cut at the page's
breaks; `occurs` is the check run before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import lxml.html
from lxml import etree

_HIDDEN = frozenset({"script", "style", "template", "head", "title", "meta", "link"})
_CELLS = frozenset({"td", "th"})
# Elements a browser lays out as blocks: a break before and after their text.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "iframe", "legend", "li", "listing", "main", "menu", "nav",
    "noscript", "ol", "optgroup", "option", "p", "plaintext", "pre", "section", "select",
    "summary", "table", "tbody", "textarea", "tfoot", "thead", "tr", "ul", "xmp"})
_SPACE = re.compile(r"\s+")
_BREAK = "\n"
_CELL = "\t"


def fold(text: str) -> str:
    """White space folded: each run one space, none at the ends."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class PageText:
    """The page's visible text; a break (`\\n`) between blocks, a tab between cells."""

    text: str

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def _solid(self) -> tuple[str, list[int]]:
        """The text without white space, and where each of its characters stands."""
        where = [m.start() for m in re.finditer(r"\S", self.text)]
        return "".join(self.text[i] for i in where), where

    def occurs(self, paragraph: str) -> bool:
        """Whether the paragraph stands in the page's text, white space folded."""
        return fold(paragraph) in self.folded

    def realign(self, paragraph: str, cells: bool = False) -> list[str] | None:
        """The paragraph's words with the page's white space between them, cut where the
        page breaks the line; None if its characters do not stand in the page in that
        order. A table row (`cells`) keeps a tab between its cells."""
        solid, where = self._solid
        wanted = _SPACE.sub("", paragraph)
        start = solid.find(wanted) if wanted else -1
        if start < 0:
            return None
        span = self.text[where[start]: where[start + len(wanted) - 1] + 1]
        if cells:
            row = _CELL.join(c for c in (fold(c) for c in span.split(_CELL)) if c)
            return [row] if row else []
        return [t for t in (fold(line) for line in span.split(_BREAK)) if t]


def page_text(tree: lxml.html.HtmlElement | None) -> PageText:
    """The visible text of a page (or of one of its elements)."""
    parts: list[str] = []
    if tree is not None:
        _walk(tree, parts)
    return PageText("".join(parts))


def _walk(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _HIDDEN or not tag:
        return  # a comment or processing instruction has no text to show; its tail does
    tag = tag.lower()
    if tag == "br":
        parts.append(_BREAK)
        return
    edge = _CELL if tag in _CELLS else _BREAK if tag in _BLOCKS else ""
    parts.append(edge)
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    parts.append(edge)
