"""What quote matching treats as typography, language by language: the one declaration the
matcher folds by (`normalize.folding_for`) and the methodology prints as a table.

A quote is compared with its source under the source's `language` (its primary subtag).
Every language gets the conventions of `EVERYWHERE`; a language listed in a later
convention gets that convention's too. Each rule reads characters as one: every character
it lists is compared as its first, or, when it is `dropped`, not compared at all (like the
invisible characters, so a word that holds one is the same word without it). Letter case,
runs of white space and Unicode composition (NFC) are forgiven in every language as well;
they are not character lists, so `ALWAYS` names them for readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n import N_, SOURCE_LANGUAGE, primary


@dataclass(frozen=True)
class Rule:
    """Characters compared as one (the first of `chars`), or, `dropped`, not compared."""

    chars: str
    what: str  # for readers, marked for the catalogue
    dropped: bool = False
    # The language the characters are written in, for their `lang` on the page; None for
    # marks that belong to no one language.
    script: str | None = None

    @property
    def reads_as(self) -> str:
        return "" if self.dropped else self.chars[0]


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
    Rule(SINGLE, N_("Single quotation marks and apostrophes, of every style")),
    Rule(DOUBLE, N_("Double quotation marks, of every style")),
    Rule(DASHES, N_("Hyphens, dashes and the minus sign")),
    # str.lower() writes a final sigma at word ends; one sigma for all keeps cut quotes equal.
    Rule("σςΣ", N_("Greek sigma, final or not"), script="el"),
    Rule(INVISIBLE, N_("Invisible formatting characters (soft hyphen, zero-width space and "
                       "joiners, word joiner, byte order mark) are not counted"), dropped=True),
))

# Turkish and Azerbaijani are the languages of Unicode's SpecialCasing.txt rules for I;
# Crimean Tatar and Gagauz write the same two pairs in their Latin alphabets.
TURKIC = ("az", "tr", "crh", "gag")

CONVENTIONS = (
    EVERYWHERE,
    Convention(("ru", "uk", "be"), (
        Rule("её", N_("ё is read as е, as Russian print does"), script="ru"),
        Rule("ЕЁ", N_("Ё is read as Е"), script="ru"),
    )),
    Convention(TURKIC, (
        Rule("iİ", N_("Dotted İ is the capital of i"), script="az"),
        Rule("ıI", N_("Dotless I is the capital of ı, so I and i differ"), script="az"),
    )),
    Convention(("hy",), (
        Rule("\u055b\u055c\u055e", N_("The emphasis, exclamation and question marks written "
                                       "over a word (՛ ՜ ՞) are not counted"),
             dropped=True, script="hy"),
        Rule(":։", N_("The full stop ։ and the colon : typed for it are one mark"),
             script="hy"),
        Rule("'՚", N_("The apostrophe ՚ and ' are one mark"), script="hy"),
        Rule("-֊", N_("The hyphen ֊ and - are one mark"), script="hy"),
    )),
)

# Forgiven in every language, by the matcher's code rather than a list of characters.
ALWAYS = (
    N_("Letter case (by the language's own rules where they differ, below)"),
    N_("Runs of spaces, tabs and line breaks, which count as one space"),
    N_("Unicode composition: a letter typed as a base and a combining accent is the "
       "precomposed letter (NFC)"),
)


def conventions_of(language: str | None) -> tuple[Convention, ...]:
    """The conventions a source in `language` is compared under, `EVERYWHERE` first; a
    source that records no language is compared as English."""
    code = primary(language or SOURCE_LANGUAGE)
    return tuple(c for c in CONVENTIONS if not c.languages or code in c.languages)
