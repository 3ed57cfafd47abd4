"""Ids proposed from text: a captured source's from its headline, and a name typed
for `factcheck new` that is not an id."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse

from generator.model import is_id

MAX_WORDS = 6
MAX_CHARS = 60
_SKIP = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "as", "at", "by", "is",
         "are", "was", "with", "from", "its", "it", "s", "that", "this"}
# Cyrillic headlines, transliterated so that their ids are still words.
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "yi", "ye", "g", "u"], strict=True))


def propose(title: str | None, url: str | None) -> str | None:
    """A short lowercase id from the headline's first words, else from the URL's last
    path segment; None when neither gives one."""
    for text in (title or "", _last_segment(url)):
        words = [w for w in _words(text) if w not in _SKIP]
        slug = ""
        for word in words[:MAX_WORDS]:
            if len(slug) + len(word) + 1 > MAX_CHARS:
                break
            slug = f"{slug}-{word}" if slug else word
        if slug and is_id(slug):
            return slug
    return None


def slug(text: str) -> str:
    """Every word of `text` as an id, transliterated as `propose` does but none left out:
    `Moscow sought to sideline West` -> `moscow-sought-to-sideline-west`; empty when no
    letter or digit is left."""
    return "-".join(_words(text))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _ascii(text))


def _ascii(text: str) -> str:
    lowered = "".join(_CYRILLIC.get(c, c) for c in text.lower())
    folded = unicodedata.normalize("NFKD", lowered)
    return folded.encode("ascii", "ignore").decode("ascii").replace("'", "")


def _last_segment(url: str | None) -> str:
    if not url:
        return ""
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    segment = urllib.parse.unquote(path.rpartition("/")[2])
    return re.sub(r"\.[a-z]{2,5}$", "", segment)
