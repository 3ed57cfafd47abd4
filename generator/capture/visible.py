"""The page's text as a browser shows it, by which capture holds its extraction to the page.

trafilatura rebuilds the article from the page's elements and sometimes joins two of
them without the space or break the page shows between them ("EigentumDer Wagen"), or
adds one that is not there. The page's own text settles it: each element's text in
document order, a line break between blocks (`<p>`, `<div>`, `<li>`, `<br>`, …), a tab
between table cells (as a browser's `innerText` has them), and inline elements (`<b>`,
`<a>`, `<span>`) joined as they stand. Text no browser shows (scripts, styles,
templates, comments, ruby readings, control characters) is left out, and so is text
hidden by a `hidden` attribute or an inline style; that hidden text is looked in only
where the shown text lacks a paragraph (a table a reader unfolds).

`Page.as_shown` gives a paragraph back as the page shows it, with the page's own white
space, cut at the page's breaks; `Page.occurs` is the check run before anything is
written.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cached_property

import lxml.html
from lxml import etree

_HIDDEN = frozenset({"script", "style", "template", "head", "title", "meta", "link",
                     "rt", "rp"})  # ruby readings stand above the line, not in it
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# How many characters of the page's text may stand between two pieces of an extracted
# paragraph, and how many places its first piece is tried at.
GAP = 1000
_TRIES = 20
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
# Control characters other than white space: no browser shows them, trafilatura drops them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BREAK = "\n"
CELL = "\t"  # between a table row's cells, as in a browser's `innerText`


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

    @cached_property
    def lines(self) -> str:
        """The text line by line (a line between two breaks), each line folded."""
        return _BREAK.join(fold(line) for line in self.text.split(_BREAK))

    def occurs(self, paragraph: str) -> bool:
        """Whether the paragraph stands in the page's text, white space folded."""
        return fold(paragraph) in self.folded

    def in_line(self, paragraph: str) -> bool:
        """Whether it stands in one line of the page's text: no break inside it."""
        return fold(paragraph) in self.lines

    def as_shown(self, paragraph: str, kind: str = "paragraph") -> list[str] | None:
        """The paragraph as the page shows it: the page's text from its first character
        to its last, with the page's white space, cut where the page breaks the line. A
        table row (`kind` "row") stays one, a tab between its cells. Words the extraction
        left out between them (an emptied `<strong>`, a formula, a name in a link) are
        the page's again, up to `GAP` characters at a time; None when the paragraph's
        characters do not stand in the page in that order. Code keeps its lines."""
        pieces = self._pieces(_SPACE.sub("", paragraph))
        if pieces is None:
            return None
        text = self._joined(pieces)
        if kind == "code":
            return [preformatted(text)]
        if kind == "row":
            row = CELL.join(c for c in (fold(c) for c in text.split(CELL)) if c)
            return [row] if row else []
        return [t for t in (fold(line) for line in text.split(_BREAK)) if t]

    def _joined(self, pieces: list[tuple[int, int]]) -> str:
        """The text of the pieces and of the gaps between them, but of a gap that holds
        a break only the ends of the lines on either side: words left out inside a block
        are the page's again, whole blocks left out stay out."""
        out = [self.text[pieces[0][0]: pieces[0][1]]]
        for (_, end), (start, stop) in itertools.pairwise(pieces):
            gap = self.text[end:start]
            if _BREAK in gap:
                gap = gap[: gap.index(_BREAK)] + _BREAK + gap[gap.rindex(_BREAK) + 1:]
            out += [gap, self.text[start:stop]]
        return "".join(out)

    def _pieces(self, wanted: str) -> list[tuple[int, int]] | None:
        """Where in the text the characters of `wanted` stand in order, piece by piece,
        each gap between pieces at most `GAP` characters; the first such place."""
        solid, where = self._solid
        if not wanted:
            return None
        at = solid.find(wanted)
        if at >= 0:
            return [(where[at], where[at + len(wanted) - 1] + 1)]
        first = _longest(wanted, 0, solid, 0, len(solid))
        start = solid.find(wanted[:first]) if first else -1
        for _ in range(_TRIES):
            if start < 0:
                return None
            found = self._follow(wanted, [(start, start + first)])
            if found is not None:
                return [(where[a], where[b - 1] + 1) for a, b in found]
            start = solid.find(wanted[:first], start + 1)
        return None

    def _follow(self, wanted: str, found: list[tuple[int, int]]
                ) -> list[tuple[int, int]] | None:
        """The pieces of the solid text that hold the rest of `wanted`, after `found`."""
        solid = self._solid[0]
        done, at = found[0][1] - found[0][0], found[0][1]
        while done < len(wanted):
            limit = at + GAP + len(wanted) - done
            size = _longest(wanted, done, solid, at, limit)
            if size == 0:
                return None
            start = solid.find(wanted[done: done + size], at, limit)
            found.append((start, start + size))
            at, done = start + size, done + size
        return found


def _longest(wanted: str, start: int, text: str, lo: int, hi: int) -> int:
    """The length of the longest piece of `wanted` from `start` found in text[lo:hi]."""
    low, high = 0, len(wanted) - start
    while low < high:
        mid = (low + high + 1) // 2
        if text.find(wanted[start: start + mid], lo, hi) >= 0:
            low = mid
        else:
            high = mid - 1
    return low


class Page:
    """A page's text as shown, and with what a style hides, read only when needed."""

    def __init__(self, tree: lxml.html.HtmlElement | None) -> None:
        self._tree = tree

    @cached_property
    def shown(self) -> PageText:
        return page_text(self._tree)

    @cached_property
    def whole(self) -> PageText:
        return page_text(self._tree, hidden=True)

    def occurs(self, paragraph: str) -> bool:
        return self.shown.occurs(paragraph) or self.whole.occurs(paragraph)

    def in_line(self, paragraph: str) -> bool:
        return self.shown.in_line(paragraph) or self.whole.in_line(paragraph)

    def as_shown(self, paragraph: str, kind: str = "paragraph") -> list[str] | None:
        return (self.shown.as_shown(paragraph, kind)
                or self.whole.as_shown(paragraph, kind))


def preformatted(text: str) -> str:
    """Preformatted text line by line: blanks at line ends and empty lines at either end
    left out."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def page_text(tree: lxml.html.HtmlElement | None, hidden: bool = False) -> PageText:
    """The visible text of a page (or of one of its elements); with `hidden`, the text
    that a `hidden` attribute or an inline style hides too."""
    parts: list[str] = []
    if tree is not None:
        _walk(tree, parts, hidden)
    return PageText(_CONTROL.sub("", "".join(parts)))


def _walk(element: etree._Element, parts: list[str], hidden: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag.lower() in _HIDDEN:
        return  # a comment or processing instruction has no text to show; its tail does
    if not hidden and (element.get("hidden") is not None
                       or _STYLE_HIDDEN.search(element.get("style") or "")):
        return
    tag = tag.lower()
    if tag == "br":
        parts.append(_BREAK)
        return
    edge = CELL if tag in _CELLS else _BREAK if tag in _BLOCKS else ""
    parts.append(edge)
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts, hidden)
        if child.tail:
            parts.append(child.tail)
    parts.append(edge)
