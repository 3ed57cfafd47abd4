"""The language of a piece of text the site shows, for its `lang` attribute (WCAG 3.1.2,
"Language of Parts"): a screen reader reads a name in Armenian letters with Armenian
rules only when the element says `lang="hy"`.

Text whose language is recorded (a quote, a source's title: the source's `language`; a
claim's original: its `claim_language`) is marked with that language. A name has no
recorded language, so it is marked by its script:

- Armenian letters: `hy`; Georgian letters: `ka` (each script is written for one language
  here);
- Cyrillic letters: `ru`. Cyrillic is shared by Russian, Ukrainian, Belarusian, Bulgarian,
  Serbian, Kazakh and more; in the region the desks cover (Russia, Armenia, Azerbaijan) a
  name in Cyrillic is written as the Russian-language press writes it, so Russian is the
  default. Where the surrounding text is already in a Cyrillic language (a Ukrainian
  source's title, a site in Russian) nothing is added.
- Latin letters and anything else: no mark; their language cannot be told from the script.

A `lang` equal to the surrounding language is never repeated.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.i18n import primary

# The letters of each script that has a language of its own here (Unicode blocks: Cyrillic
# with its Supplement and Extended-A/B/C, Armenian, Georgian with Supplement and Mtavruli).
CYRILLIC = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
ARMENIAN = "\u0531-\u058a\ufb13-\ufb17"
GEORGIAN = "\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f"
_SCRIPTS = (("ru", re.compile(f"[{CYRILLIC}]")), ("hy", re.compile(f"[{ARMENIAN}]")),
            ("ka", re.compile(f"[{GEORGIAN}]")))
# Languages written in Cyrillic: text in Cyrillic letters inside one needs no mark.
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn",
                                "tt", "ba", "cv", "ce", "os", "ab", "sah", "rue", "cu"})
SCRIPT_LANGUAGES = {"ru": CYRILLIC_LANGUAGES, "hy": frozenset({"hy"}),
                    "ka": frozenset({"ka"})}


def by_script(text: str) -> str | None:
    """The language a name's letters say it is in (`ru`, `hy`, `ka`), or None: the first
    of those scripts the text uses."""
    for language, letters in _SCRIPTS:
        if letters.search(text):
            return language
    return None


def part_lang(language: str | None, around: str) -> str | None:
    """The `lang` a part in `language` needs inside text in `around`: None when it is
    unknown or the same language (by primary subtag)."""
    if not language or primary(language) == primary(around):
        return None
    return language


def name_lang(name: str, around: str) -> str | None:
    """The `lang` a name needs inside text in `around`, by its script."""
    language = by_script(name)
    if language is None or primary(around) in SCRIPT_LANGUAGES[language]:
        return None
    return language


def marked(text: str, language: str | None) -> Markup:
    """`text`, escaped, in a `<span lang>` when `language` is given."""
    if not language:
        return Markup.escape(text)
    return Markup('<span lang="{0}">{1}</span>').format(language, text)


def name(text: str, around: str) -> Markup:
    """A name, in a `<span lang>` when its script says it is in another language."""
    return marked(text, name_lang(text, around))


def titled(text: str, language: str | None, around: str) -> Markup:
    """A source's title (or other text in a recorded language), in a `<span lang>` when
    that is not the surrounding language."""
    return marked(text, part_lang(language, around))
