"""Contributor Markdown to safe HTML: markdown-it renders, nh3 keeps only an allowlist."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.enable("table")

_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3",
    "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del", "sub",
    "sup",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow", strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """The analysis of a claim: headings shift down so the page keeps one h1."""
    rendered = _md.render(text).replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitise(rendered)
