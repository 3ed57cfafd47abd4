"""Split a source body into passages with markdown-it-py, keeping line numbers.

Every block that holds text becomes a passage, so nothing an article says is lost
from its page; raw HTML is refused because a source is text, not markup.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import normalize
from markdown_it.rules_core.state_core import StateCore

from generator.diagnostics import Report
from generator.model import Passage


def _normalize(state: StateCore) -> None:
    """markdown-it's line-ending and NUL rule, which rewrites every line break even when
    there is nothing to change: bodies are read with LF line endings already."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


# Passages are the text of blocks: the inline parse (emphasis, links, …) is not needed.
_md = MarkdownIt("commonmark").disable(["inline", "text_join"])
_md.core.ruler.at("normalize", _normalize)

_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading", "th_open": "cell",
          "td_open": "cell"}


def split_passages(body: str, body_line: int, report: Report) -> tuple[Passage, ...]:
    passages: list[Passage] = []
    parent = "paragraph"
    for token in _md.parse(body):
        line = body_line + (token.map[0] if token.map else 0)
        if token.type in _KINDS:
            parent = _KINDS[token.type]
        elif token.type == "html_block":
            report.error(line, 1, "raw HTML in a source body; store the article's text only, "
                                  "without markup")
        elif token.type in ("inline", "code_block", "fence"):
            text = token.content.strip("\n") if token.type != "inline" else token.content
            if text.strip():
                kind = parent if token.type == "inline" else "block"
                n = len(passages) + 1
                passages.append(Passage(f"p{n}", n, text, line, kind))
            parent = "paragraph"
    return tuple(passages)
