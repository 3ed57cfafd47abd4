"""The article and its metadata from a page's HTML, with trafilatura (and htmldate).

trafilatura finds the article among the page's furniture and hands back its blocks as
XML; each paragraph is kept with the page's own characters (trafilatura only folds runs
of white space), and a line break (`<br>`) ends a paragraph, as in the CMSs that
separate paragraphs with `<br><br>`. Metadata is taken only from what the page shows:
values that trafilatura makes up from the address (a site name from the host) are
dropped, and dates come from markup, never from a guess over the text.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import htmldate
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from generator.capture import pullquotes
from generator.model import PartialDate

log = logging.getLogger("factcheck.capture")
# The libraries extraction runs, whose log lines (trafilatura's "discarding data: None")
# only `-v` shows: a refusal is one line.
LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer",
                   "dateparser")

# Only markup counts as a date: an "extensive" search would take a copyright year or
# any date in the text for the publication date.
_DATES = {"extensive_search": False, "original_date": True}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_SPACE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")  # lxml refuses it in decoded text


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading" or "item"
    text: str


@dataclass(frozen=True)
class Article:
    title: str | None
    blocks: tuple[Block, ...]
    outlet: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    canonical: str | None = None  # the URL the page names for itself
    language: str | None = None


def extract(html: str, url: str | None, fold: Callable[[str], str]) -> Article:
    """The article of a page; `url` is where it was fetched (None for a saved file).
    `fold` is how quotes are compared with the text (the check's normalisation), by
    which a pull quote is known to repeat the article."""
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.fromstring(html) if html.strip() else None
    except (etree.ParserError, ValueError):
        tree = None
    doc = _bare(html, url)
    if doc is None or tree is None:
        return Article(title=_title(tree), blocks=())
    title = _headline(_clean(doc.title) or _title(tree), tree)
    blocks = _without_pull_quotes(tree, url, title, _blocks(doc.body, title), fold)
    canonical = _canonical(tree, url)
    if not doc.date:
        log.info("trafilatura found no date; asking htmldate")
    date = doc.date or htmldate.find_date(tree, url=canonical or url, extensive_search=False,
                                          original_date=True)
    return Article(
        title=title, blocks=blocks, outlet=_outlet(doc.sitename, tree, html, canonical or url),
        author=_clean(doc.author), published=PartialDate.parse(date) if date else None,
        canonical=canonical, language=_language(tree))


def _bare(html: str, url: str | None) -> Document | None:
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, favor_precision=True,
        date_extraction_params=dict(_DATES))
    return doc if isinstance(doc, Document) else None


def _without_pull_quotes(tree: lxml.html.HtmlElement, url: str | None, title: str | None,
                         blocks: tuple[Block, ...], fold: Callable[[str], str]
                         ) -> tuple[Block, ...]:
    """The article's blocks without the call-outs that repeat it (`pullquotes`): each is
    compared with the article extracted without any call-out, and the page is extracted
    again without those that repeat it."""
    found = pullquotes.callouts(tree)
    if not found:
        return blocks
    plain = _body(pullquotes.without(tree, [e for e, _ in found]), url, title)
    pulled = [e for e, parts in found if pullquotes.repeats(parts, [b.text for b in plain],
                                                            fold)]
    log.info("%d call-out(s) on the page, %d repeating the article", len(found), len(pulled))
    if not pulled:
        return blocks
    if len(pulled) == len(found):
        return plain
    return _body(pullquotes.without(tree, pulled), url, title)


def _body(html: str, url: str | None, title: str | None) -> tuple[Block, ...]:
    doc = _bare(html, url)
    return _blocks(doc.body, title) if doc is not None else ()


def _clean(text: str | None) -> str | None:
    text = _SPACE.sub(" ", text or "").strip()
    return text or None


def _blocks(body: etree._Element | None, title: str | None) -> tuple[Block, ...]:
    out: list[Block] = []
    if body is None:
        return ()
    for element in body:
        tag = element.tag
        if tag == "head":
            out += [Block("heading", t) for t in _lines(element)]
        elif tag == "list":
            for item in element.iter("item"):
                out += [Block("item", t) for t in _lines(item)]
        elif tag == "quote":
            parts = [p for p in element if p.tag in ("p", "head")] or [element]
            for part in parts:
                out += [Block("paragraph", t) for t in _lines(part)]
        elif tag == "p":
            out += [Block("paragraph", t) for t in _lines(element)]
    # The headline is the source's title, not its first passage.
    if out and title and out[0].kind == "heading" and _same(out[0].text, title):
        out.pop(0)
    while out and out[-1].kind == "heading":
        out.pop()  # a heading with no text under it is furniture ("Related", "Share this")
    return tuple(out)


def _lines(element: etree._Element) -> list[str]:
    """The text of an element, cut into paragraphs at its line breaks (`<lb/>`)."""
    pieces: list[list[str]] = [[]]

    def walk(e: etree._Element) -> None:
        if e.text and e.tag != "lb":
            pieces[-1].append(e.text)
        for child in e:
            if child.tag == "lb":
                pieces.append([])
            elif child.tag not in ("graphic",):
                walk(child)
            if child.tail:
                pieces[-1].append(child.tail)

    walk(element)
    return [t for t in (_clean("".join(p)) for p in pieces) if t]


def _same(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip().casefold() == _SPACE.sub(" ", b).strip().casefold()


def _title(tree: lxml.html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    return _clean(tree.findtext(".//title"))


def _headline(title: str | None, tree: lxml.html.HtmlElement) -> str | None:
    """The page's `<h1>` where the title holds it with the site's name around it
    ("Outlet :: Headline"), which trafilatura cuts only at the usual separators."""
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if text and (title is None or (text != title and text in title)):
            return text
        break
    return title


def _canonical(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """The URL the page names for itself: its canonical link, else its `og:url`."""
    found = [*tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), "
                         "' canonical ')]/@href"),
             *tree.xpath("//meta[@property='og:url']/@content")]
    for href in found:
        href = str(href).strip()
        absolute = urllib.parse.urljoin(url, href) if url else href
        parts = urllib.parse.urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc and not any(
                c.isspace() for c in absolute):
            return urllib.parse.urlunsplit(parts._replace(fragment=""))
    return None


def _outlet(sitename: str | None, tree: lxml.html.HtmlElement, html: str, url: str | None
            ) -> str | None:
    """The site's name as the page gives it: trafilatura's, unless it made the name up
    from the host name, as it does for a page that names no site."""
    name = _clean(sitename)
    if not name:
        return _json_ld_publisher(tree)
    host = urllib.parse.urlsplit(url or "").hostname or ""
    if host and name.casefold().removeprefix("www.") == host.removeprefix("www."):
        return _json_ld_publisher(tree)
    if name not in html:  # trafilatura capitalises a lowercase name: keep the page's own
        m = re.search(re.escape(name), html, re.IGNORECASE)
        if not m:
            return None
        name = m.group(0)
    return name


def _json_ld_publisher(tree: lxml.html.HtmlElement) -> str | None:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(str(script))
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            publisher = item.get("publisher") if isinstance(item, dict) else None
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                return _clean(publisher["name"])
    return None


def _language(tree: lxml.html.HtmlElement) -> str | None:
    found = [*tree.xpath("/html/@lang"), *tree.xpath("/html/@xml:lang"),
             *tree.xpath("//meta[translate(@http-equiv, 'CONTENT-LAGU', "
                         "'content-lagu')='content-language']/@content"),
             *tree.xpath("//meta[@property='og:locale']/@content")]
    for value in found:
        tag = str(value).strip().replace("_", "-").split(",")[0].strip()
        if _LANGUAGE.match(tag):
            return tag
    return None
