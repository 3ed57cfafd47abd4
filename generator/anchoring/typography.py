"""What quote matching treats as typography, language by language: the one declaration the
matcher folds by (`normalize.folding_for`) and the methodology prints as a table.

A quote is compared with its source under the source's `language` (its primary subtag).
Every language gets the conventions of `EVERYWHERE`; a language listed in a later
convention gets that convention's too. Each rule reads characters as one: every character
of a group is compared as the group's first, or, when the rule is `dropped`, not compared
at all (like the invisible characters, so a word that holds one is the same word without
it). Letter case, runs of white space and Unicode composition (NFC) are forgiven in every
language as well; they are not character lists, so `ALWAYS` names them for readers.

A rule reads one character as one character, never as two: a match must map back to the
original a character at a time. So the Armenian ligature `և`, whose capital is two
letters, is not read as `ԵՎ`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from generator.i18n import N_, SOURCE_LANGUAGE, _, language, language_name, primary


@dataclass(frozen=True)
class Rule:
    """Characters read as one: each group is compared as its first character; or, when
    `dropped`, not compared at all."""

    groups: tuple[str, ...]
    what: str  # for readers, marked for the catalogue; its characters are in `groups`
    dropped: bool = False
    # The language the characters are written in, for their `lang` on the page; None for
    # marks that belong to no one language.
    script: str | None = None


@dataclass(frozen=True)
class Convention:
    """The rules of the languages named by their primary subtags; `()` for every language."""

    languages: tuple[str, ...]
    rules: tuple[Rule, ...]


# Unicode's Quotation_Mark property (PropList.txt), plus the primes, accents and modifier
# letters typed for quotation marks and apostrophes. Each mark is single or double by its
# use: the corner brackets 「」 open a quotation in Chinese and Japanese, as “ does in
# English, and 『』 a quotation inside it, as ‘ does. An apostrophe is a single mark, so
# single and double marks stay two kinds: `Armenia's` never matches `Armenia"s`.
SINGLE = "'‘’‚‛‹›′`´ʼʹ‵『』﹃﹄＇"
DOUBLE = '"“”„‟«»″‶⹂「」﹁﹂｢｣〝〞〟＂'
DASHES = "-‐‑‒–—―−⁃﹘﹣－"
# Soft hyphen, zero-width space and joiners, word joiner, byte order mark: layout, not text.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

EVERYWHERE = Convention((), (
    Rule((SINGLE,), N_("Single quotation marks and apostrophes, of every style, are one "
                       "mark")),
    Rule((DOUBLE,), N_("Double quotation marks, of every style, are one mark")),
    Rule((DASHES,), N_("Hyphens, dashes and the minus sign are one mark")),
    # str.lower() writes a final sigma at word ends; one sigma for all keeps cut quotes equal.
    Rule(("σςΣ",), N_("Greek sigma, final or not, is one letter"), script="el"),
    Rule((INVISIBLE,), N_("Invisible formatting characters (soft hyphen, zero-width space "
                          "and joiners, word joiner, byte order mark) are not counted"),
         dropped=True),
))

# Turkish and Azerbaijani are the languages of Unicode's SpecialCasing.txt rules for I;
# Crimean Tatar and Gagauz write the same two pairs in their Latin alphabets.
TURKIC = ("az", "tr", "crh", "gag")

CONVENTIONS = (
    EVERYWHERE,
    Convention(("ru", "uk", "be"), (
        Rule(("её", "ЕЁ"), N_("Yo is read as ye, small and capital, as print often writes "
                              "it"), script="ru"),
    )),
    Convention(TURKIC, (
        Rule(("iİ", "ıI"), N_("Dotted and dotless i are two letters, each with its own "
                              "capital: the capital of dotted i has a dot"), script="az"),
    )),
    Convention(("hy",), (
        Rule(("\u055b\u055c\u055e",), N_("The emphasis, exclamation and question marks "
                                         "written over a word are not counted"),
             dropped=True, script="hy"),
        Rule((":։", "'՚", "-֊"), N_("The full stop and the colon typed for it are one mark; "
                                   "so are the apostrophes, and the hyphens"), script="hy"),
    )),
)

# Forgiven in every language, by the matcher's code rather than a list of characters.
ALWAYS = (
    N_("Letter case, by the language's own rules where they differ (below)"),
    N_("Runs of spaces, tabs and line breaks are one space"),
    N_("A letter typed as a base letter and a combining accent is the letter with the "
       "accent (Unicode composition, NFC)"),
)


def conventions_of(language: str | None) -> tuple[Convention, ...]:
    """The conventions a source in `language` is compared under, `EVERYWHERE` first; a
    source that records no language is compared as English."""
    code = primary(language or SOURCE_LANGUAGE)
    return tuple(c for c in CONVENTIONS if not c.languages or code in c.languages)


@dataclass(frozen=True)
class Row:
    """One line of the methodology's table, in the site's language."""

    what: str
    # Each group's characters, each as itself or, if it has no glyph, as its code point.
    shown: tuple[tuple[str, ...], ...]
    script: str | None


@dataclass(frozen=True)
class Group:
    languages: str  # the languages' names, or "Every language"
    rows: tuple[Row, ...]


def table() -> tuple[Group, ...]:
    """The declaration as the methodology prints it, in the site's active language."""
    return tuple(
        Group(_languages(c.languages),
              tuple(Row(_(r.what), tuple(tuple(_shown(ch) for ch in g) for g in r.groups),
                        r.script) for r in c.rules)
              + (tuple(Row(_(what), (), None) for what in ALWAYS) if not c.languages
                 else ()))
        for c in CONVENTIONS)


def _shown(ch: str) -> str:
    """A character as a reader can see it: itself, or its code point if it has no glyph."""
    return f"U+{ord(ch):04X}" if unicodedata.category(ch) in ("Cf", "Mn", "Me") else ch


def _languages(codes: tuple[str, ...]) -> str:
    if not codes:
        return _("Every language")
    names = ((language_name(code, language()) or code) for code in codes)
    return ", ".join(f"{_capitalised(name)} ({code})" for name, code in zip(names, codes,
                                                                          strict=True))


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]
