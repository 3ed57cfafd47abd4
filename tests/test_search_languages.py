# ruff: noqa: F811  (the browser fixtures, imported, are parameters by name)
"""Search in the site's language: Pagefind stems words by `theme.language`, and one index
covers every page, whatever the language of the quotes and sources on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checkutil import run_cli
from siteutil import build, copy_project
from test_browser import browser, page, serve  # noqa: F401 (pytest fixtures)

pytestmark = pytest.mark.browser

# A fixture written for this test, not a real article: a Russian source whose passage says
# "демаркация" (nominative), and a claim citing it.
SOURCE = """\
---
title: Тестовая статья о границе
language: ru
notes: A test fixture written for the search tests; not a real article.
---
Стороны обсудили демаркация границы и открытие дорог.

Переговоры продолжатся в следующем месяце.
"""
CLAIM = """\
---
claim: {claim}
claimant: Nikol Pashinyan
claim_date: 2024
verdict: unproven
summary: A test fixture's claim; the fixture source gives context only.
published: 2026-11-22
evidence:
  - source: border-fixture
    quote: "Стороны обсудили демаркация границы"
    stance: context{translation}
---
The fixture's analysis.
"""


def _site(tmp: Path, language: str) -> Path:
    # The seed's sources (English pages on a Russian site too) and one claim of its own.
    root = copy_project(tmp / "project", claims=False)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  language: en\n" in text
    config.write_text(text.replace("  language: en\n", f"  language: {language}\n"),
                      encoding="utf-8")
    (root / "sources" / "border-fixture.md").write_text(SOURCE, encoding="utf-8")
    claim = ("Стороны обсудили демаркацию." if language == "ru" else
             "The sides discussed demarcation.")
    translation = ("" if language == "ru" else
                   '\n    translation: "The sides discussed the demarcation of the border"')
    (root / "content" / "claims" / "border-fixture-claim.md").write_text(
        CLAIM.format(claim=claim, translation=translation), encoding="utf-8")
    assert run_cli(["pin", "--all", "--root", str(root)]).code == 0
    return build(root, tmp / "site")


@pytest.fixture(scope="module")
def russian_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(_site(tmp_path_factory.mktemp("ru"), "ru")) as url:
        yield url


@pytest.fixture(scope="module")
def english_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(_site(tmp_path_factory.mktemp("en"), "en")) as url:
        yield url


def _search(page, base_url: str, query: str) -> set[str]:
    page.goto(base_url)
    return set(page.evaluate("""async q => {
        const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI));
        const search = await pagefind.search(q);
        const data = await Promise.all(search.results.map(r => r.data()));
        return data.map(d => new URL(d.url, document.baseURI).pathname);
    }""", query))


def test_a_russian_site_stems_russian_and_still_finds_english_pages(page, russian_url: str
                                                                    ) -> None:
    # "демаркации" (genitive) finds the passage and the claim that quote "демаркация".
    found = _search(page, russian_url, "демаркации")
    assert {"/claims/border-fixture-claim/", "/sources/border-fixture/"} <= found, found
    # One index covers the English pages of the same site.
    assert "/sources/russia-urges-talks/" in _search(page, russian_url, "peacekeepers")
    assert page.console_errors == []


def test_an_english_site_finds_a_russian_word_as_written_but_does_not_stem_it(
        page, english_url: str) -> None:
    assert "/sources/border-fixture/" in _search(page, english_url, "демаркация")
    # English stemming leaves the Russian genitive alone: the proof that the Russian site's
    # match above is the Russian stemmer's.
    assert "/sources/border-fixture/" not in _search(page, english_url, "демаркации")
