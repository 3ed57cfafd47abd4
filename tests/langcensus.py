"""Every run of Cyrillic, Armenian or Georgian letters on a built page, with the `lang` of
the element it sits in: a test asserts each run's language matches its script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from generator.site.scripts import ARMENIAN, CYRILLIC, CYRILLIC_LANGUAGES, GEORGIAN

# Each script and the primary language subtags its letters may be marked with.
SCRIPTS = (("Cyrillic", re.compile(f"[{CYRILLIC}]+"), CYRILLIC_LANGUAGES),
           ("Armenian", re.compile(f"[{ARMENIAN}]+"), frozenset({"hy"})),
           ("Georgian", re.compile(f"[{GEORGIAN}]+"), frozenset({"ka"})))
# Elements whose text a reader is not shown as text (JSON-LD, the search index's scripts).
NOT_TEXT = frozenset({"script", "style", "template"})


@dataclass(frozen=True)
class Run:
    page: str
    script: str
    text: str
    lang: str | None  # the nearest `lang` around it
    element: str

    @property
    def marked(self) -> bool:
        langs = next(s[2] for s in SCRIPTS if s[0] == self.script)
        return self.lang is not None and self.lang.split("-")[0].lower() in langs


def nearest_lang(element: Tag | None) -> str | None:
    while element is not None:
        lang = element.get("lang") if isinstance(element, Tag) else None
        if isinstance(lang, str):
            return lang
        element = element.parent
    return None


def runs(site: Path) -> Iterator[Run]:
    """Every run of letters of the three scripts in the text of every HTML page of a site
    (the <title> included; attributes and scripts aside)."""
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for text in page.find_all(string=True):
            if not isinstance(text, NavigableString) or isinstance(text, Comment):
                continue
            parent = text.parent
            if parent is None or parent.name in NOT_TEXT:
                continue
            for script, letters, _ in SCRIPTS:
                for m in letters.finditer(str(text)):
                    yield Run(str(path.relative_to(site)), script, m.group(),
                              nearest_lang(parent), parent.name)
