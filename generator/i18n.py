"""The site's own words in the reader's language: a gettext catalogue per language.

Every string the generator shows readers is written in English in the code and the
templates, marked with `_()` (or `ngettext()` when it counts something), and looked up in
`generator/locale/<language>/LC_MESSAGES/factcheck.po` for the site's `theme.language`.
English needs no catalogue: its words are the message ids. The catalogues are read as
`.po` text and compiled in memory, so the repository holds no compiled binaries.

A process builds one site at a time, so the language is the build's: `activate()` sets it
when a build starts, and every later `_()` answers in it. Contributor-facing messages
(`check`, `explain`) are not marked: they stay English.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import cache
from pathlib import Path

DOMAIN = "factcheck"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def primary(language: str) -> str:
    """The language subtag of a BCP 47 tag: `ru` of `ru-RU`, lowercased."""
    return language.replace("_", "-").split("-")[0].lower()


@cache
def language_name(tag: str, reader: str = SOURCE_LANGUAGE) -> str | None:
    """A language's name in the reader's language, as the CLDR writes it (`Russian` to an
    English reader, `русский` to a Russian one); None when the tag names no language the
    CLDR knows."""
    from babel import Locale, UnknownLocaleError  # only for a page or message that names one

    try:
        names = Locale.parse(primary(reader)).languages
    except (ValueError, UnknownLocaleError):
        names = Locale(SOURCE_LANGUAGE).languages
    name = names.get(primary(tag))
    return str(name) if name else None


def available() -> tuple[str, ...]:
    """The languages the site's own words can be shown in."""
    shipped = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(code for code in shipped if code != SOURCE_LANGUAGE))


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of a language (by its primary subtag); English, or a language with no
    catalogue, gets the message ids themselves."""
    path = catalogue_path(primary(language))
    if primary(language) == SOURCE_LANGUAGE or not path.is_file():
        return _gettext.NullTranslations()
    # Babel only for a site in another language: an English build and `check` need none.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=primary(language), domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def activate(language: str) -> None:
    """Show the site's own words in `language` from now on (the build's `theme.language`)."""
    global _active, _language
    _active = translations(language)
    _language = language


def language() -> str:
    """The active language, as the site's `theme.language` gives it."""
    return _language


def translated() -> bool:
    """Whether the site's words are shown from a catalogue: False for English, and for a
    language with no catalogue (its words, and so its dates, stay English)."""
    return type(_active) is not _gettext.NullTranslations


def gettext(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for the catalogue where it is declared (a module constant), to be
    translated with `_()` where it is shown."""
    return message
