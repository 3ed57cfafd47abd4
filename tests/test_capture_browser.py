"""Text fragments go live: a claim page's "in the original" link opens the captured page,
served on 127.0.0.1, scrolled to the quoted passage, in real Chromium."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from captureutil import news_server
from checkutil import run_cli
from siteutil import build, copy_project
from test_browser import browser, serve

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the Chromium fixture, shared with the site's browser tests

QUOTE = ("the commission would meet again “no later than June”, and that the disputed section "
         "of road would be surveyed")
CLAIM = f"""\
---
claim: The border commission will meet again by June.
claimant: Syunik Today
claim_date: 2024-04
verdict: unproven
summary: >-
  A council chairman is reported to have said so; no date has been announced.
published: 2026-12-01
evidence:
  - source: town-meetings
    quote: "{QUOTE}"
    stance: context
---
The chairman's words are reported by the outlet; nothing else in the stored sources dates
the next meeting.
"""


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    with news_server() as base:
        yield base


@pytest.fixture(scope="module")
def claim_url(pages: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("project"), claims=False)
    result = run_cli(["capture", "--root", str(root), f"{pages}/long-article.html",
                      "--id", "town-meetings"])
    assert result.code == 0, result.err
    (root / "content" / "claims" / "town-meetings-june.md").write_text(CLAIM, encoding="utf-8")
    site = build(root, tmp_path_factory.mktemp("site"))
    with serve(site) as url:
        yield url + "claims/town-meetings-june/"


def test_the_claim_links_the_original_with_a_text_fragment(claim_url: str, pages: str
                                                           ) -> None:
    with urllib.request.urlopen(claim_url, timeout=10) as response:
        page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
    link = page.select_one("a.fc-original")
    assert link is not None
    assert str(link["href"]).startswith(f"{pages}/long-article.html#:~:text=")


def test_the_source_page_shows_where_and_when_it_was_captured(claim_url: str, pages: str
                                                              ) -> None:
    source_url = claim_url.replace("claims/town-meetings-june/", "sources/town-meetings/")
    with urllib.request.urlopen(source_url, timeout=10) as response:
        page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
    facts = {dt.get_text(): dd for dt, dd in zip(page.select(".fc-source-meta dt"),
                                                 page.select(".fc-source-meta dd"),
                                                 strict=True)}
    original = facts["Original"].select_one("a")
    assert original is not None and original["href"] == f"{pages}/long-article.html"
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", facts["Retrieved"].get_text())
    snapshot_sha256 = facts["Snapshot of the page as fetched"].get_text()
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", snapshot_sha256)
    provenance = page.select_one(".fc-provenance")
    assert provenance is not None
    assert "snapshots/town-meetings.html.gz" in provenance.get_text()
    assert snapshot_sha256 in provenance.get_text()


def test_the_text_fragment_scrolls_the_original_to_the_quote(browser, claim_url: str,  # type: ignore[no-untyped-def]
                                                            pages: str) -> None:
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    try:
        page.goto(claim_url)
        link = page.locator("a.fc-original").first
        assert link.is_visible()
        link.click()  # a reader's click: Chromium honours text fragments on user navigation
        page.wait_for_url(f"{pages}/long-article.html*")
        page.wait_for_function("window.scrollY > 0", timeout=10_000)
        where = page.evaluate("""quote => {
            const p = [...document.querySelectorAll('p')].find(
                el => el.textContent.includes('no later than June'));
            const box = p.getBoundingClientRect();
            const centre = document.elementFromPoint(innerWidth / 2, box.top + box.height / 2);
            return {top: box.top, bottom: box.bottom, height: innerHeight,
                    scrolled: scrollY, total: document.documentElement.scrollHeight,
                    hit: centre === p || p.contains(centre)};
        }""", QUOTE)
        assert where["total"] > 2 * where["height"], "the page is long enough to need scrolling"
        assert where["scrolled"] > where["height"], "the page is scrolled past its first screen"
        assert where["top"] >= 0 and where["bottom"] <= where["height"], where
        assert where["hit"], "the quoted paragraph is what the reader sees there"
    finally:
        context.close()
