"""Ids proposed from text: a captured source's from its headline, and a name typed
for `factcheck new` that is not an id. A headline in Cyrillic, Armenian, Georgian or
Azerbaijani gives its words romanized by a named standard (`content/romanize.py`)."""

from __future__ import annotations

import re
import urllib.parse

from generator.content.romanize import slug as slug
from generator.content.romanize import words as _words
from generator.model import is_id

MAX_WORDS = 6
MAX_CHARS = 60
_SKIP = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "as", "at", "by", "is",
         "are", "was", "with", "from", "its", "it", "s", "that", "this"}


def propose(title: str | None, url: str | None) -> str | None:
    """A short lowercase id from the headline's first words, else from the URL's last
    path segment; None when neither gives one."""
    for text in (title or "", _last_segment(url)):
        kept = [w for w in _words(text) if w not in _SKIP]
        proposal = ""
        for word in kept[:MAX_WORDS]:
            if len(proposal) + len(word) + 1 > MAX_CHARS:
                break
            proposal = f"{proposal}-{word}" if proposal else word
        if proposal and is_id(proposal):
            return proposal
    return None


def _last_segment(url: str | None) -> str:
    if not url:
        return ""
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    segment = urllib.parse.unquote(path.rpartition("/")[2])
    return re.sub(r"\.[a-z]{2,5}$", "", segment)
