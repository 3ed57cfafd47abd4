"""The article and its metadata from a page's HTML, with trafilatura (and htmldate).

trafilatura finds the article among the page's furniture and hands back its blocks as
XML (read by `blocks`); each block is then held to the page's visible text (`visible`),
so that it is stored as the page shows it: nothing glued, no word left out inside it.
Metadata is taken only from what the page shows:
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

from generator.capture import pullquotes, visible
from generator.capture.blocks import Block, read_blocks
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
# The stored text is said to be short below this share of the page's article element
# (which holds its furniture too: share bars, related links, comments) and this many
# characters short of it; below `RETRY_SHARE` and `RETRY_GAP`, trafilatura's default
# extraction is tried too. Measured on trafilatura's corpus: the warning fires on 2% of
# its pages (on 9% at half and 1,000 characters, mostly where nothing was missing).
SHORT_SHARE = 0.25
SHORT_GAP = 2000
RETRY_SHARE = 0.5
RETRY_GAP = 1000
# Inline elements that may be taken out when empty: no text, no children, no id a link
# could point at.
_EMPTIABLE = ("strong", "b", "em", "i", "u", "s", "small", "mark", "span", "font", "sup",
              "sub", "abbr", "cite", "q", "code")


@dataclass(frozen=True)
class Article:
    title: str | None
    blocks: tuple[Block, ...]
    outlet: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    canonical: str | None = None  # the URL the page names for itself
    language: str | None = None
    # Blocks whose text does not stand in the page's visible text: a bug, never written.
    unseen: tuple[str, ...] = ()
    # Characters of text in the page's article element (`<article>`, `<main>`, …), white
    # space folded; None when the page marks none.
    page_chars: int | None = None


def extract(html: str, url: str | None, fold: Callable[[str], str]) -> Article:
    """The article of a page; `url` is where it was fetched (None for a saved file).
    `fold` is how quotes are compared with the text (the check's normalisation), by
    which a pull quote is known to repeat the article."""
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.fromstring(html) if html.strip() else None
    except (etree.ParserError, ValueError):
        tree = None
    if tree is None:
        return Article(title=None, blocks=())
    if _drop_empty_inline(tree):
        html = str(lxml.html.tostring(tree, encoding="unicode"))
    doc = _bare(html, url) or _bare(html, url, precise=False)
    if doc is None:
        return Article(title=_title(tree), blocks=())
    title = _headline(_clean(doc.title) or _title(tree), tree)
    page = visible.Page(tree)
    blocks = _article(doc, tree, url, title, fold, page, precise=True)
    page_chars = _article_chars(tree)
    if (not blocks or not all(page.occurs(b.text) for b in blocks)
            or _short(blocks, page_chars, RETRY_SHARE, RETRY_GAP) is not None):
        # No text, text the page does not show, or much less than the article element
        # holds: trafilatura's default may do better.
        log.info("trying trafilatura's default extraction")
        other = _bare(html, url, precise=False)
        again = () if other is None else _article(other, tree, url, title, fold, page,
                                                  precise=False)
        if again and all(page.occurs(b.text) for b in again) and (
                not blocks or not all(page.occurs(b.text) for b in blocks)
                or _chars(again) > _chars(blocks)):
            blocks = again
    canonical = _canonical(tree, url)
    if not doc.date:
        log.info("trafilatura found no date; asking htmldate")
    date = doc.date or htmldate.find_date(tree, url=canonical or url, extensive_search=False,
                                          original_date=True)
    return Article(
        title=title, blocks=blocks, outlet=_outlet(doc.sitename, tree, html, canonical or url),
        author=_clean(doc.author), published=PartialDate.parse(date) if date else None,
        canonical=canonical, language=_language(tree),
        unseen=tuple(b.text for b in blocks if not page.occurs(b.text)),
        page_chars=page_chars)


def shortfall(article: Article) -> tuple[int, int] | None:
    """The characters stored and about how many the page's article element holds, when
    the stored text is much the shorter (less than `SHORT_SHARE` of it, and at least
    `SHORT_GAP` characters fewer): words of the article may have been left behind."""
    return _short(article.blocks, article.page_chars, SHORT_SHARE, SHORT_GAP)


def _short(blocks: tuple[Block, ...], whole: int | None, share: float, gap: int
           ) -> tuple[int, int] | None:
    stored = _chars(blocks)
    if whole is None or stored >= whole * share or whole - stored < gap:
        return None
    return stored, round(whole, -2) if whole >= 1000 else whole


def _chars(blocks: tuple[Block, ...]) -> int:
    return sum(len(visible.fold(b.text)) for b in blocks)


def _as_shown(blocks: tuple[Block, ...], page: visible.Page) -> tuple[Block, ...]:
    """The blocks with the page's own white space: where trafilatura joined two of the
    page's blocks, with or without a space, spaced what the page does not, or left out
    words inside a block, the words are taken again from the page's text (`visible`)."""
    out: list[Block] = []
    for block in blocks:
        again = None
        if (block.kind not in ("row", "code") and not page.in_line(block.text)) or (
                not page.occurs(block.text)):
            again = page.as_shown(block.text, block.kind)
            if again:
                log.info("taken again from the page: %r is %r", block.text, again)
        out += [Block(block.kind, t) for t in again] if again else [block]
    return tuple(out)


def _article_chars(tree: lxml.html.HtmlElement) -> int | None:
    """The size of the page's largest article element: what a reader takes for the
    article, furniture inside it included."""
    found = tree.xpath("//article | //main | //*[@role='main'] | //*[@itemprop='articleBody']")
    sizes = [len(visible.page_text(e).folded) for e in found]
    return max(sizes) if sizes else None


def _drop_empty_inline(tree: lxml.html.HtmlElement) -> bool:
    """Take out inline elements that hold nothing (`<strong></strong>`, `<em></em>`):
    they show nothing, and trafilatura's precise extraction can drop the rest of a
    sentence after one. Whether any was found."""
    found = False
    for element in reversed(list(tree.iter(*_EMPTIABLE))):  # the innermost first
        if not len(element) and not (element.text or "").strip() and not element.get("id"):
            element.drop_tag()  # its tail (the words after it) stays where it was
            found = True
    return found


def _article(doc: Document, tree: lxml.html.HtmlElement, url: str | None,
             title: str | None, fold: Callable[[str], str], page: visible.Page,
             precise: bool) -> tuple[Block, ...]:
    blocks = _as_shown(_without_pull_quotes(tree, url, title, read_blocks(doc.body, title), fold,
                                            precise), page)
    if blocks and title and _same(blocks[0].text, title):
        blocks = blocks[1:]  # the headline, parted from the lede it was joined to
    return blocks


def _bare(html: str, url: str | None, precise: bool = True) -> Document | None:
    """trafilatura's extraction. `precise` (`favor_precision`) is the default: measured on
    trafilatura's own corpus it leaks less furniture, and words it drops inside a
    paragraph are taken again from the page (`_as_shown`)."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, favor_precision=precise,
        date_extraction_params=dict(_DATES))
    return doc if isinstance(doc, Document) else None


def _without_pull_quotes(tree: lxml.html.HtmlElement, url: str | None, title: str | None,
                         blocks: tuple[Block, ...], fold: Callable[[str], str],
                         precise: bool) -> tuple[Block, ...]:
    """The article's blocks without the call-outs that repeat it (`pullquotes`): each is
    compared with the article extracted without any call-out, and the page is extracted
    again without those that repeat it."""
    found = pullquotes.callouts(tree)
    if not found:
        return blocks
    plain = _body(pullquotes.without(tree, [e for e, _ in found]), url, title, precise)
    pulled = [e for e, parts in found if pullquotes.repeats(parts, [b.text for b in plain],
                                                            fold)]
    log.info("%d call-out(s) on the page, %d repeating the article", len(found), len(pulled))
    if not pulled:
        return blocks
    if len(pulled) == len(found):
        return plain
    return _body(pullquotes.without(tree, pulled), url, title, precise)


def _body(html: str, url: str | None, title: str | None, precise: bool
          ) -> tuple[Block, ...]:
    doc = _bare(html, url, precise)
    return read_blocks(doc.body, title) if doc is not None else ()


def _clean(text: str | None) -> str | None:
    text = _SPACE.sub(" ", text or "").strip()
    return text or None


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
