"""The structure that keeps a big site cheap, on a generated corpus of 200 claims: the
navigation does not grow with the claims, every claim is reachable from the listings, and
the search index holds every claim with its verdict filter."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from siteutil import REPO, SEED, build, soup

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import write_corpus

pytestmark = pytest.mark.site

PAGES = ("index.md", "methodology.md", "corrections.md", "about.md", "contributing.md")


def corpus(root: Path, claims: int) -> Path:
    write_corpus(root, claims, config=SEED / "mkdocs.yml")
    for name in PAGES:
        shutil.copy(SEED / "content" / name, root / "content" / name)
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    out = {}
    for claims in (8, 200):
        root = corpus(tmp_path_factory.mktemp(f"corpus-{claims}"), claims)
        out[claims] = build(root, tmp_path_factory.mktemp(f"site-{claims}"))
    return out


def nav_links(page: Path) -> int:
    return len(soup(page).select("nav.md-nav--primary a"))


def test_navigation_does_not_grow_with_the_claims(sites: dict[int, Path]) -> None:
    small, big = sites[8], sites[200]
    for page in ("index.html", "claims/index.html", "sources/index.html"):
        assert nav_links(small / page) == nav_links(big / page), page
    claim_navs = set()
    for site in (small, big):
        for claim in json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]:
            claim_navs.add(nav_links(site / "claims" / claim["slug"] / "index.html"))
    assert len(claim_navs) == 1, "every claim page, in either site, has the same navigation"


def test_every_claim_is_reachable_from_the_listings(sites: dict[int, Path]) -> None:
    site = sites[200]
    claims = {c["slug"] for c in json.loads((site / "claims.json").read_text())["claims"]}
    assert len(claims) == 200
    for kind in ("claims", "verdicts", "topics", "people"):
        reached = set()
        for page in (site / kind).rglob("index.html"):
            reached |= {a["href"].rstrip("/").rsplit("/", 1)[-1]
                        for a in soup(page).select("ol.fc-list .fc-item-head a")}
        assert reached >= claims, (kind, sorted(claims - reached)[:5])
        if kind == "claims":
            assert (site / "claims" / "page" / "10" / "index.html").is_file()


def test_the_search_index_holds_every_claim_and_its_verdict(sites: dict[int, Path]) -> None:
    from test_browser import CHROMIUM, serve

    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and os.environ.get("CI") != "true":
        pytest.skip("Debian's chromium is not installed")
    site = sites[200]
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    expected = Counter(c["verdict_label"] for c in claims)
    with serve(site) as base, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(base)
        counts = page.evaluate("""async () => {
            const pagefind = await import("/pagefind/pagefind.js");
            await pagefind.init();
            const filters = await pagefind.filters();
            const claims = await pagefind.search(null, {filters: {verdict: {any:
                Object.keys(filters.verdict)}}});
            const urls = await Promise.all(claims.results.map(async r => (await r.data()).url));
            return {verdict: filters.verdict, urls};
        }""")
        browser.close()
    assert Counter(counts["verdict"]) == expected
    indexed = {u.rstrip("/").rsplit("/", 1)[-1] for u in counts["urls"]}
    assert indexed == {c["slug"] for c in claims}


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """The CBOR item at `at` (the definite-length kinds Pagefind writes) and where it ends."""
    major, info, at = data[at] >> 5, data[at] & 31, at + 1
    if info >= 24:
        size = 1 << (info - 24)
        info, at = int.from_bytes(data[at:at + size], "big"), at + size
    if major == 0:
        return info, at
    if major == 1:
        return -1 - info, at
    if major in (2, 3):
        raw = data[at:at + info]
        return (raw.decode() if major == 3 else raw), at + info
    assert major == 4, f"unexpected CBOR major type {major}"
    items = []
    for _ in range(info):
        item, at = _cbor(data, at)
        items.append(item)
    return items, at


def test_index_chunks_stay_small(sites: dict[int, Path]) -> None:
    """A query downloads every index chunk holding one of its words: Pagefind is run with
    chunks of INDEX_CHUNK_SIZE postings, so a chunk holds little besides a common word."""
    import gzip

    from generator.search.pagefind import INDEX_CHUNK_SIZE
    from generator.search.pfmeta import SIGNATURE

    def postings(word: list) -> int:  # about Pagefind's measure: pages, positions, variants
        pages = [*word[1], *(p for variant in word[2] for p in variant[1])]
        return sum(len(p[1]) + len(p[2]) + 1 for p in pages) + len(word[2])

    chunks = sorted((sites[200] / "pagefind" / "index").glob("*.pf_index"))
    total = 0
    for path in chunks:
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE)
        words = _cbor(data, len(SIGNATURE))[0][0]  # type: ignore[index]
        sizes = [postings(word) for word in words]
        total += sum(sizes)
        # A chunk closes once it reaches the size: all but its last word stay about under it
        # (with Pagefind's default of 20,000 they reach three times this bound).
        assert sum(sizes[:-1]) < INDEX_CHUNK_SIZE * 5 // 4, path.name
    assert len(chunks) >= total // (4 * INDEX_CHUNK_SIZE), "the index is cut into chunks"
