"""The search dialog's words (generator/site/assets/search.js), in the site's language.

The script carries its English words; a site in another language gets them from the
catalogue, as a JSON block on every page (`#fc-search-words`) that the script reads. A
count's words are given for each of the language's plural categories (CLDR's, which the
browser's `Intl.PluralRules` answers), each taken from the catalogue's plural form for a
number of that category.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from generator import i18n
from generator.i18n import N_, _, ngettext
from generator.site.jsonld import script_json

# The script's keys, with the English it shows (search.js has the same as its defaults).
WORDS = {
    "open": N_("Search (press /)"),
    "open_title": N_("Search (/)"),
    "placeholder": N_("Search claims and sources"),
    "input": N_("Search"),
    "close": N_("Close search"),
    "dialog": N_("Search fact checks and sources"),
    "filters": N_("Filters"),
    "filters_active": N_("Filters (%(count)s)"),
    "filter_verdict": N_("Verdict"),
    "filter_claim_kind": N_("Kind of claim"),
    "filter_topic": N_("Topic"),
    "filter_source": N_("Source"),
    "any_verdict": N_("Any verdict"),
    "any_claim_kind": N_("Any kind of claim"),
    "any_topic": N_("Any topic"),
    "any_source": N_("Any source"),
    "prompt": N_("Type to search claims and sources"),
    "unavailable": N_("Search is unavailable"),
    "filters_unavailable": N_("Filters are unavailable"),
    "no_results": N_("No results"),
    "showing": N_(", showing %(count)s"),
    "more": N_("More results"),
    "claimant": N_("Claimant"),
    "topics": N_("Topics"),
    "passage": N_("Passage %(id)s"),
}


@cache
def _samples(language: str) -> dict[str, int]:
    """A whole number of each plural category of a language: {"one": 1, "few": 2, ...}."""
    rule = Locale.parse(i18n.primary(language)).plural_form
    found: dict[str, int] = {}
    for n in range(0, 200):
        found.setdefault(rule(n), n)
    return found


def words() -> dict[str, object]:
    """Every word of the dialog in the site's language; `results` by plural category."""
    out: dict[str, object] = {key: _(text) for key, text in WORDS.items()}
    out["results"] = {category: ngettext("%(count)s result", "%(count)s results", n)
                      for category, n in _samples(i18n.language()).items()}
    return out


def search_words() -> str:
    """The JSON block's text for the site's language; empty for English (the script's
    own words), so an English page carries no block."""
    return script_json(words()) if i18n.translated() else ""
