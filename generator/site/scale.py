"""The verdict scale as readers see it: the default scale's labels and definitions in the
site's language. A desk's own scale is its own words: `_()` finds no entry for them in the
catalogue and gives them back unchanged."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from generator import i18n
from generator.content.settings import Settings, Verdict
from generator.i18n import _


@cache
def _shown(verdict: Verdict, language: str) -> Verdict:
    return replace(verdict, label=_(verdict.label), definition=_(verdict.definition))


def shown(verdict: Verdict) -> Verdict:
    """A verdict with its label and definition in the site's language."""
    return _shown(verdict, i18n.language())


def verdict(settings: Settings, key: str) -> Verdict:
    """The verdict of a key, as readers see it."""
    return shown(settings.verdict(key))
