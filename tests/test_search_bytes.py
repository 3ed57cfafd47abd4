# ruff: noqa: F811  (the browser fixtures, imported, are parameters by name)
"""What a reader's search fetches, in real Chromium on the seed site: nothing for a prefix of
one or two letters typed on the way, and a two-letter query once the reader stops."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest

from test_browser import base_url, browser, page  # noqa: F401 (pytest fixtures)

pytestmark = pytest.mark.browser

CLAIM = "claims/ceasefire-initiated-by-moscow/"


def open_search(page: object, base_url: str) -> list[tuple[int, str]]:
    """Open the dialog on a claim page; the list it returns gets (letters typed, path) for
    every index chunk and result fragment fetched from then on."""
    fetched: list[tuple[int, str]] = []
    page.typed = 0  # type: ignore[attr-defined]
    page.on("request", lambda r: fetched.append((page.typed, urlparse(r.url).path))  # type: ignore[attr-defined]
            if "/pagefind/index/" in r.url or "/pagefind/fragment/" in r.url else None)
    page.goto(base_url + CLAIM)  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.locator("dialog.fc-search input.fc-search-input:focus").wait_for()  # type: ignore[attr-defined]
    return fetched


def type_slowly(page: object, text: str, delay_ms: int) -> None:
    """One key at a time, as a reader on a phone types: each pause is longer than the one
    after which the dialog searches."""
    for n, key in enumerate(text, start=1):
        page.typed = n  # type: ignore[attr-defined]
        page.keyboard.type(key)  # type: ignore[attr-defined]
        page.wait_for_timeout(delay_ms)  # type: ignore[attr-defined]


def results(page: object) -> list[str]:
    found = page.locator("dialog.fc-search .fc-search-result a.fc-search-link")  # type: ignore[attr-defined]
    found.first.wait_for(timeout=15_000)
    return list(found.evaluate_all("links => links.map(a => a.pathname)"))


def test_a_one_or_two_letter_prefix_is_not_searched_while_the_reader_types(
        page: object, base_url: str) -> None:
    fetched = open_search(page, base_url)
    type_slowly(page, "peacekeepers", 400)
    assert any("/claims/" in path for path in results(page))
    early = [(n, path) for n, path in fetched if n < 3]
    assert not early, f"fetched for a prefix of one or two letters: {early}"
    assert any("/index/" in path for _, path in fetched)


def test_a_query_of_two_letters_is_searched_once_the_reader_stops(page: object,
                                                                  base_url: str) -> None:
    fetched = open_search(page, base_url)
    page.typed = 2  # type: ignore[attr-defined]
    page.keyboard.type("EU", delay=60)  # type: ignore[attr-defined]
    stopped = time.monotonic()
    assert results(page)
    assert time.monotonic() - stopped < 5
    assert any("/index/" in path for _, path in fetched)
