"""The desk's translation of each quote: required where the source's language is not the
site's, so that no reader meets a quote they cannot read without the desk's English (or
whatever the site's language is) beneath it; needless where the languages agree.

Languages are compared by their primary subtag: `en-GB` and `en` are one language. A source
whose `language` is not recorded is not judged: the check cannot tell what it is in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator import i18n
from generator.content.settings import Settings
from generator.diagnostics import Diagnostic, Severity, display_path
from generator.i18n import primary
from generator.model import Claim, Draft, Source


def language_name(tag: str) -> str:
    """A language tag as a contributor reads it: `Russian (ru)`; the tag alone when it
    names no language the CLDR knows."""
    name = i18n.language_name(tag)
    return f"{name} ({tag})" if name else f"`{tag}`"


def foreign(language: str | None, site_language: str) -> bool:
    """Whether text in `language` is in another language than the site's (False when the
    language is not known)."""
    return language is not None and primary(language) != primary(site_language)


def check_translations(claims: Iterable[Claim | Draft], sources: Mapping[str, Source],
                       settings: Settings) -> list[Diagnostic]:
    """An error for each quote from a source in another language that has no
    `translation:`, and a warning for each translation of a quote already in the site's
    language."""
    site = settings.language
    diags: list[Diagnostic] = []
    for claim in claims:
        for ev in claim.evidence:
            source = sources.get(ev.source)
            if source is None or source.language is None:
                continue
            if foreign(source.language, site) and not ev.translation:
                diags.append(Diagnostic(
                    display_path(claim.path, settings.root), ev.line, ev.col, Severity.ERROR,
                    f"source `{source.id}` is in {language_name(source.language)} and the "
                    f"site is in {language_name(site)}: add `translation:` with the desk's "
                    f"{_bare_name(site)} translation of the quote, shown to readers beneath "
                    "the original"))
            elif ev.translation and not foreign(source.language, site):
                line, col = ev.translation_at if ev.translation_at[0] else (ev.line, ev.col)
                diags.append(Diagnostic(
                    display_path(claim.path, settings.root), line, col, Severity.WARNING,
                    f"source `{source.id}` is in {language_name(source.language)}, the site's "
                    f"language ({site}): the quote needs no translation; remove "
                    "`translation:`"))
    return diags


def _bare_name(tag: str) -> str:
    """`English` of `en`, for "the desk's English translation"; the tag when unknown."""
    return i18n.language_name(tag) or f"`{tag}`"
