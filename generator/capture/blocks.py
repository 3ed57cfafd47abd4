"""trafilatura's XML as the source's blocks: every element that holds text is a block or
part of one, so nothing trafilatura found is thrown away.

trafilatura hands back `p`, `head`, `list`/`item`, `quote`, `table`/`row`/`cell`,
`code` and `div`, with `hi`, `ref` and `lb` (a line break) inside them, and text
directly in the body. A paragraph, heading or item is a block; a line break ends one,
as in the CMSs that separate paragraphs with `<br><br>`. A list item's own words are one
block and a list nested in it follows, so each item is stored once. A table row is a
block, its cells apart by `CELL`, unless its cells hold paragraphs (a table that lays
out the page), when each cell is read as a container. Code keeps its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from generator.capture import visible
from generator.capture.visible import CELL  # white space to the anchor


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading", "item", "row" (cells apart by `CELL`) or "code"
    text: str


# trafilatura's XML (its `xml-tei`-free output): elements holding blocks, blocks, inline.
_CONTAINERS = frozenset({"main", "body", "div", "quote", "details"})
_BLOCK_TAGS = frozenset({"p", "head", "list", "table", "code", "quote", "div"})
_INLINE = frozenset({"hi", "ref", "del", "lb", "span"})
_SKIPPED = frozenset({"graphic", "comments"})
# What trafilatura's fallbacks may hand back as the whole body when a page has no article.
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "menu", "form"})
_LB = "\0"  # a line break (`<lb/>`) while the text is put together; no XML text holds it
_SPACE = re.compile(r"\s+")


def read_blocks(body: etree._Element | None, title: str | None) -> tuple[Block, ...]:
    """The blocks of trafilatura's body, in order; `title` (the source's) is not one."""
    out: list[Block] = []
    if body is None or body.tag in _FURNITURE:
        return ()  # a fallback's pick of the page's menu, not an article
    _container(body, out)
    # The headline is the source's title, not its first passage.
    if out and title and out[0].kind == "heading" and _same(out[0].text, title):
        out.pop(0)
    while out and out[-1].kind == "heading":
        out.pop()  # a heading with no text under it is furniture ("Related", "Share this")
    return tuple(out)


def _container(element: etree._Element, out: list[Block], kind: str = "paragraph"
               ) -> None:
    """The blocks of an element that holds blocks (`main`, `div`, `quote`, an item with a
    list in it): the text between them, inline elements and all, is a paragraph too."""
    run = [element.text or ""]

    def flush() -> None:
        out.extend(Block(kind, t) for t in _split("".join(run)))
        run.clear()

    for child in element:
        if child.tag == "lb":
            run.append(_LB)
        elif child.tag in _INLINE:
            run.extend(_text(child))
        elif child.tag not in _SKIPPED:
            flush()
            _block(child, out)
        run.append(child.tail or "")
    flush()


def _block(element: etree._Element, out: list[Block]) -> None:
    tag = element.tag
    if tag in _SKIPPED:
        return
    if tag == "row":  # a row outside a table, as a fallback may hand it back
        _table([element], out)
    elif tag in _CONTAINERS or any(c.tag in _BLOCK_TAGS for c in element):
        _container(element, out)
    elif tag == "head":
        out += [Block("heading", t) for t in _lines(element)]
    elif tag == "list":
        _list(element, out)
    elif tag == "table":
        _table(element, out)
    elif tag == "code":
        text = _code(element)
        if text:
            out.append(Block("code", text))
    else:  # `p` and whatever else holds text: never thrown away
        out += [Block("paragraph", t) for t in _lines(element)]


def _list(element: etree._Element, out: list[Block]) -> None:
    """Each item once: its own words, then the items of a list nested in it."""
    for item in element:
        if item.tag != "item":
            _block(item, out)
        else:
            _container(item, out, "item")
        out += [Block("item", t) for t in _split(item.tail or "")]


def _table(element: Iterable[etree._Element], out: list[Block]) -> None:
    """A passage a row, its cells' text apart by a tab, as a browser copies a row; a row
    whose cells hold paragraphs lays out the page (an old CMS's columns), and each of its
    cells is read as a container."""
    for row in element:
        if row.tag != "row":
            _block(row, out)
        elif any(c.tag in _BLOCK_TAGS for cell in row for c in cell):
            for cell in row:
                if cell.tag == "cell":
                    _container(cell, out)
                else:
                    _block(cell, out)
        else:
            cells = [_clean("".join(_text(c)).replace(_LB, " ")) for c in row
                     if c.tag == "cell"]
            text = CELL.join(c for c in cells if c)
            if text:
                out.append(Block("row", text))
            for child in row:
                if child.tag != "cell":
                    _block(child, out)


def _code(element: etree._Element) -> str:
    return visible.preformatted("".join(_text(element)).replace(_LB, "\n"))


def _text(element: etree._Element) -> list[str]:
    """Every piece of text inside an element, in order, a line break as `_LB`."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append(_LB)
        elif child.tag not in _SKIPPED:
            pieces += _text(child)
        pieces.append(child.tail or "")
    return pieces


def _lines(element: etree._Element) -> list[str]:
    """The text of an element, cut into paragraphs at its line breaks (`<lb/>`)."""
    return _split("".join(_text(element)))


def _split(text: str) -> list[str]:
    return [t for t in (_clean(part) for part in text.split(_LB)) if t]


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _same(a: str, b: str) -> bool:
    return _clean(a).casefold() == _clean(b).casefold()
