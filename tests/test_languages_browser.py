"""The multilingual fixture's site in real Chromium: Pagefind finds a claim by a word of the
desk's translation alone, and axe (its `valid-lang` rule among the others) passes on the
claim, source and person pages, whose parts carry the languages of their words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from test_browser import _axe, browser, serve  # noqa: F401  (browser: a fixture)

pytestmark = pytest.mark.browser

PAGES = ("claims/russia-ready-to-assist-demarcation/", "claims/armenia-peace-talks-continue/",
         "claims/azerbaijan-delimitation-talks-continue/", "sources/ru-fixture-briefing/",
         "sources/hy-fixture-statement/", "sources/az-fixture-statement/",
         "people/georgian-foreign-ministry/", "people/nikol-pashinyan/", "sources/")

SEARCH = """async q => {
    const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI));
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.map(r => r.data()));
    return data.map(d => new URL(d.url, document.baseURI).pathname);
}"""


@pytest.fixture(scope="module")
def multilingual_url(multilingual_site: Path) -> Iterator[str]:
    with serve(multilingual_site) as url:
        yield url


def test_a_word_of_the_desks_translation_alone_finds_the_claim(
        browser: object, multilingual_url: str) -> None:  # noqa: F811
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(multilingual_url)
    # "cartographic" is only in the translation of a Russian quote; the quote's own words
    # and the claim's Russian original are indexed too.
    assert page.evaluate(SEARCH, "cartographic") == ["/claims/russia-ready-to-assist-demarcation/"]
    found = page.evaluate(SEARCH, "картографической")
    assert "/claims/russia-ready-to-assist-demarcation/" in found
    assert "/claims/russia-ready-to-assist-demarcation/" in page.evaluate(SEARCH, "Азербайджаном")
    assert page.evaluate(SEARCH, "zebra") == []  # the search does not answer everything
    page.close()


def test_axe_and_valid_lang_pass_on_the_multilingual_pages(
        browser: object, multilingual_url: str) -> None:  # noqa: F811
    # axe is injected as an inline script, which the site's own CSP rightly refuses.
    context = browser.new_context(bypass_csp=True)  # type: ignore[attr-defined]
    page = context.new_page()
    report = {}
    for path in PAGES:
        page.goto(multilingual_url + path)
        report[path] = [(v["id"], v["help"], len(v["nodes"])) for v in _axe(page)]
        # The language rules ran on elements with a `lang` of their own, and passed.
        checked = page.evaluate("""() => axe.run(document, {runOnly: ['valid-lang',
            'html-has-lang', 'html-lang-valid']}).then(r => ({
                passes: r.passes.map(p => [p.id, p.nodes.length]),
                violations: r.violations.map(v => v.id)}))""")
        assert checked["violations"] == [], path
        assert dict(checked["passes"]).get("valid-lang", 0) >= 1, path
    context.close()
    assert report == {path: [] for path in PAGES}
