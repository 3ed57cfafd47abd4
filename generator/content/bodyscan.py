"""Scan a claim's analysis for what may not reach the site: raw HTML and unsafe links."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.diagnostics import Report

_md = MarkdownIt("commonmark")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
SAFE_SCHEMES = ("http", "https", "mailto")
# Inline link targets, autolinks and reference definitions.
_INLINE_TARGET = r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)"
_LINK_TARGET = re.compile(
    _INLINE_TARGET
    + r"|<([a-z][a-z0-9+.\-]*:[^>\s]*)>"
    r"|^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# Without `<` and `]:` only inline links can match, and alone their pattern is found fast.
_INLINE_LINK_TARGET = re.compile(_INLINE_TARGET)


_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)")


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see, once entities are decoded and the characters it
    ignores (controls, white space) are removed."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def is_safe_url(url: str) -> bool:
    scheme = link_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def _walk(tokens: list[Token], line: int) -> Iterator[tuple[Token, int]]:
    for token in tokens:
        here = line + token.map[0] if token.map else line
        yield token, here
        if token.children:
            # Inline tokens carry no line of their own: count the breaks before them.
            inline = here
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    inline += 1
                yield child, inline


def scan_body(body: str, body_line: int, report: Report) -> None:
    if "<" not in body and "](" not in body and "]:" not in body:
        return  # no HTML, no link, no image: nothing to parse for
    bad_links: dict[str, int] = {}
    if "<" not in body:
        # No HTML and no autolink can be here: the patterns below find every link target
        # and image, without the cost of a full parse (most analyses link to something).
        for m in _IMAGE.finditer(body):
            if link_scheme(m.group(1)) is not None:
                line = body_line + body.count("\n", 0, m.start())
                report.error(line, 1, f"image from `{m.group(1)[:60]}`: pages load nothing "
                                      "from other hosts; link to it instead")
    tokens = _walk(_md.parse(body), body_line) if "<" in body else iter(())
    for token, line in tokens:
        if token.type in ("html_block", "html_inline"):
            snippet = token.content.strip().splitlines()[0][:60] if token.content.strip() else ""
            report.error(line, 1, f"raw HTML `{snippet}` in the analysis; write Markdown "
                                  "instead (HTML is not published)")
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not is_safe_url(href):
                bad_links.setdefault(href, line)
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            if link_scheme(src) is not None:
                report.error(line, 1, f"image from `{src[:60]}`: pages load nothing from "
                                      "other hosts; link to it instead")
    # markdown-it drops links it deems unsafe (javascript:, data:, …) silently; catch them.
    targets = _LINK_TARGET if "<" in body or "]:" in body else _INLINE_LINK_TARGET
    for m in targets.finditer(body):
        url = next(filter(None, m.groups()), "")
        if url and not is_safe_url(url):
            line = body_line + body.count("\n", 0, m.start())
            bad_links[url] = min(line, bad_links.get(url, line))
    for url, line in sorted(bad_links.items(), key=lambda kv: (kv[1], kv[0])):
        report.error(line, 1, f"link to `{url[:60]}`: links may only be http, https, "
                              "mailto or relative")


# Fenced code blocks and code spans: their text is shown, not linked.
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)|(`+)[^`\n].*?\2",
                   re.MULTILINE | re.DOTALL)


def relative_links(body: str, body_line: int) -> list[tuple[str, int]]:
    """Each relative link target of an analysis outside code, with its line: the links
    between the site's own pages, which a deleted or renamed page would break."""
    if "](" not in body and "]:" not in body:
        return []
    found = _relative_targets(body)
    if found and ("`" in body or "~~~" in body):  # code is blanked only when it matters
        body = _CODE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
        found = _relative_targets(body)
    return [(url, body_line + body.count("\n", 0, start)) for url, start in found]


def _relative_targets(body: str) -> list[tuple[str, int]]:
    targets = _LINK_TARGET if "<" in body or "]:" in body else _INLINE_LINK_TARGET
    found = []
    for m in targets.finditer(body):
        url = next(filter(None, m.groups()), "")
        if url and not url.startswith(("#", "/")) and link_scheme(url) is None:
            found.append((url, m.start()))
    return found
