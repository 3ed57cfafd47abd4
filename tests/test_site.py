"""The seed site as a reader gets it: built for real, then read as HTML."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from checkutil import register_people
from generator.anchoring.normalize import normalise_text, split_pieces
from generator.search.pfmeta import SIGNATURE, read_pages
from siteutil import SEED, article, build, copy_project, soup


def claim_files() -> list[Path]:
    return sorted((SEED / "content" / "claims").glob("*.md"))


def resolve(site: Path, page_dir: Path, href: str) -> tuple[Path, str]:
    """The file and fragment an href on the page in page_dir points at."""
    base = "file://" + page_dir.as_posix() + "/"
    url = urlparse(urljoin(base, href))
    path = Path(unquote(url.path))
    if path.is_dir() or url.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(url.fragment)


def test_every_claim_file_has_a_page_an_entry_and_one_claimreview(site: Path, claims: list[dict]
                                                                  ) -> None:
    slugs = {p.stem for p in claim_files()}
    assert slugs, "the repository has claims"
    assert {c["slug"] for c in claims} == slugs
    for slug in slugs:
        page = soup(site / "claims" / slug / "index.html")
        blocks = page.find_all("script", type="application/ld+json")
        entry = next(c for c in claims if c["slug"] == slug)
        # ClaimReview is for rated claims; an opinion, a forecast or an intention has none.
        assert len(blocks) == (1 if entry["claim_review"] else 0), slug
        if not blocks:
            assert entry["verdict"] == "not-rated" and entry["kind"] != "statement", slug
            continue
        review = json.loads(blocks[0].string)
        assert review["@type"] == "ClaimReview"
        assert review["url"].endswith(f"/claims/{slug}/")
        assert review["claimReviewed"]
        assert review["datePublished"]
        assert review["author"]["name"]
        rating = review["reviewRating"]
        assert rating["alternateName"]
        entry = next(c for c in claims if c["slug"] == slug)
        if entry["rating"] is not None:
            assert rating["ratingValue"] == entry["rating"]
            assert rating["bestRating"] == 5 and rating["worstRating"] == 1
        else:
            assert "ratingValue" not in rating
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] and item["datePublished"]
        # Typed and named as the claimant's registry entry says.
        person = (SEED / "content" / "people" / f"{entry['claimant_slug']}.md").read_text(
            encoding="utf-8")
        declared = re.search(r"^type: (\w+)$", person, re.MULTILINE)
        assert declared is not None, slug
        assert item["author"]["@type"] == {"person": "Person", "organization": "Organization"}[
            declared.group(1)], slug
        assert entry["claimant_type"] == declared.group(1), slug
        assert f"name: {item['author']['name']}\n" in person, slug
        assert "sameAs" not in item["author"], "the seed registry names no identifier"


def test_every_evidence_link_lands_on_a_span_holding_the_quote(site: Path, claims: list[dict]
                                                               ) -> None:
    checked = 0
    for entry in claims:
        page_dir = site / "claims" / entry["slug"]
        page = article(soup(page_dir / "index.html"))
        links = [a["href"] for a in page.select("figure.fc-excerpt figcaption a")
                 if "fc-original" not in (a.get("class") or [])]
        assert len(links) == len(entry["evidence"]), entry["slug"]
        by_anchor = {ev["anchor"]: ev for ev in entry["evidence"]}
        for href in links:
            target, fragment = resolve(site, page_dir, href)
            ev = by_anchor.pop(fragment)
            source = article(soup(target))
            mark = source.find(id=fragment)
            assert mark is not None, href
            passage = mark.find_parent(class_="fc-passage")
            assert passage is not None and passage["id"] == ev["passage"]
            text = normalise_text(passage.select_one(".fc-passage-text").get_text())
            at = 0
            for piece in split_pieces(ev["quote"]):
                at = text.find(piece, at)
                assert at >= 0, (entry["slug"], piece)
            # The highlighted parts of this citation hold the quote's words.
            cited = " ".join(m.get_text() for m in source.select("mark.fc-hl")
                             if fragment in m.get("data-cites", "").split())
            assert split_pieces(ev["quote"])[0][:20] in normalise_text(cited)
            checked += 1
        assert by_anchor == {}, "every evidence item has its link"
    assert checked >= len(claims)


def test_every_cited_passage_lists_its_citing_claims(site: Path, claims: list[dict]) -> None:
    expected: dict[tuple[str, str], set[str]] = {}
    for entry in claims:
        for ev in entry["evidence"]:
            for span in ev["spans"]:
                expected.setdefault((ev["source"], span["passage"]), set()).add(entry["slug"])
    for (source, passage), slugs in expected.items():
        page = soup(site / "sources" / source / "index.html")
        block = page.find(id=passage)
        assert "fc-cited" in block["class"]
        linked = {a["href"].rstrip("/").split("/")[-1]
                  for a in block.select(".fc-backlinks a")}
        assert linked == slugs, (source, passage)


def test_claim_page_shows_what_a_reader_needs(site: Path, claims: list[dict]) -> None:
    entry = claims[0]
    page = article(soup(site / "claims" / entry["slug"] / "index.html"))
    text = page.get_text(" ")
    assert entry["verdict_label"] in page.select_one(".fc-verdict .fc-badge").get_text()
    assert page.select_one(".fc-verdict .fc-icon").get_text().strip()
    assert entry["claimant"] in text
    assert page.select_one(".fc-summary").get_text(" ").split()[:5] == entry["summary"].split()[:5]
    assert page.select("section.fc-column") and len(page.select("section.fc-column")) == 3
    assert page.find("h2", id="analysis")
    assert page.select("time")


def test_source_pages_anchor_every_paragraph_and_say_what_is_unknown(site: Path) -> None:
    for path in sorted((SEED / "sources").glob("*.md")):
        page = article(soup(site / "sources" / path.stem / "index.html"))
        ids = [d["id"] for d in page.select("div.fc-passage")]
        assert ids == [f"p{i}" for i in range(1, len(ids) + 1)]
        assert "not recorded" in page.select_one(".fc-source-meta").get_text()


def test_listings_and_machine_readable_output(site: Path, claims: list[dict]) -> None:
    for listing in ("claims", "verdicts", "kinds", "topics", "claimants", "sources", "people"):
        assert (site / listing / "index.html").is_file()
    methodology = article(soup(site / "methodology" / "index.html"))
    labels = [td.get_text(" ").strip() for td in methodology.select("table.fc-scale td:first-child")]
    assert len(labels) == 9 and any("Disputed" in x for x in labels)
    assert any("Not rated" in x for x in labels)
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == min(len(claims), 50)
    assert (site / "sitemap.xml").is_file()
    assert (site / "corrections" / "index.html").is_file()
    home = article(soup(site / "index.html"))
    assert len(home.select("ol.fc-latest li")) == min(len(claims), 10)


def test_generated_pages_in_the_nav_keep_their_nav_titles(site: Path) -> None:
    home = soup(site / "index.html")
    labels = {" ".join(a.get_text(" ").split()) for a in home.select("nav.md-nav--primary a")}
    assert {"Latest", "By verdict", "By topic", "By claimant", "Sources"} <= labels
    listing = soup(site / "claims" / "index.html")
    assert listing.title is not None and listing.title.get_text().startswith("All fact checks")
    assert article(listing).select_one("h1").get_text(strip=True) == "All fact checks"


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    foreign = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
    for path in site.rglob("*.html"):
        page = soup(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"),
                          ("iframe", "src"), ("source", "src"), ("video", "src"),
                          ("audio", "src"), ("embed", "src"), ("object", "data")):
            for el in page.find_all(tag):
                value = el.get(attr)
                if not value:
                    continue
                if tag == "link" and not set(el.get("rel", [])) & {
                        "stylesheet", "preload", "preconnect", "icon", "modulepreload",
                        "dns-prefetch"}:
                    continue
                assert not foreign.match(value), f"{path}: <{tag} {attr}={value}>"
    for path in site.rglob("*.css"):
        css = path.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|url\(\s*['\"]?https?://", css), path


@pytest.mark.site
def test_mkdocs_build_strict_passes(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
         str(root / "mkdocs.yml"), "-d", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "claims.json").is_file()


@pytest.mark.site
def test_text_fragment_link_to_the_original(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", claims=False)
    source = root / "sources" / "russia-urges-talks.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "---\ntitle:", "---\nurl: https://news.example/story?id=1&x=2\ntitle:", 1),
        encoding="utf-8")
    (root / "content" / "claims" / "contingent.md").write_text("""---
claim: About 2,000 Russian peacekeepers remain in Karabakh.
claimant: Azatutyun.am
claim_date: 2024
verdict: unproven
summary: Only one article says so.
published: 2026-11-22
evidence:
  - source: russia-urges-talks
    quote: "The 2,000 or so peacekeepers remain deployed in Karabakh in accordance with a Russian-brokered ceasefire"
    stance: supports
---
Analysis.
""", encoding="utf-8")
    site = build(root, tmp_path / "site")
    page = article(soup(site / "claims" / "contingent" / "index.html"))
    link = page.select_one("a.fc-original")["href"]
    base, _, directive = link.partition("#:~:text=")
    assert base == "https://news.example/story?id=1&x=2"
    start, end = directive.split(",")
    assert start.startswith("The%202%2C000%20or")  # `,` is encoded, the split is ours
    assert "-" not in directive and "&" not in directive
    quote = ("The 2,000 or so peacekeepers remain deployed in Karabakh in accordance with a "
             "Russian-brokered ceasefire")
    assert quote.startswith(unquote(start)) and quote.endswith(unquote(end))
    assert "%2D" in end  # the hyphen of "Russian-brokered"


@pytest.mark.site
def test_listings_paginate_and_the_nav_does_not_grow(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", claims=False)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("per_page: 20", "per_page: 2"),
                      encoding="utf-8")
    register_people(root, ["Claimant 0", "Claimant 1"])
    navs = []
    for count in (1, 5):
        claims_dir = root / "content" / "claims"
        for i in range(count):
            (claims_dir / f"claim-{i}.md").write_text(f"""---
claim: Claim number {i} about peacekeepers.
claimant: Claimant {i % 2}
claim_date: 2023
verdict: unproven
summary: Summary {i}.
published: 2026-11-{10 + i}
tags: [peacekeepers]
evidence:
  - source: sochi-summit-broker-peace
    quote: "about two thousand Russian peacekeepers"
    stance: context
---
Analysis {i}.
""", encoding="utf-8")
        site = build(root, tmp_path / f"site-{count}")
        page = soup(site / "sources" / "index.html")
        navs.append(len(page.select("nav.md-nav--primary a")))
    assert navs[0] == navs[1]
    assert (site / "claims" / "page" / "3" / "index.html").is_file()
    assert (site / "topics" / "peacekeepers" / "page" / "3" / "index.html").is_file()
    # Claimant 0 made claims 0, 2 and 4: its record runs over two pages, the newest first.
    person = site / "people" / "registered-0"
    assert [[a["href"].rstrip("/").split("/")[-1] for a in soup(page).select("ol.fc-list a")]
            for page in (person / "index.html", person / "page" / "2" / "index.html")] == [
        ["claim-4", "claim-2"], ["claim-0"]]
    listed = set()
    for path in (site / "claims").rglob("index.html"):
        if "page" in path.parts or path.parent == site / "claims":
            listed |= {a["href"].rstrip("/").split("/")[-1]
                       for a in soup(path).select("ol.fc-list a")}
    assert listed == {f"claim-{i}" for i in range(5)}


def test_every_page_carries_a_strict_content_security_policy(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    for path in pages:
        meta = soup(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        policy = meta["content"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "object-src 'none'" in policy


def _fragments(site: Path) -> dict[str, dict]:
    """Every result fragment of the search bundle, by page path, via its metadata."""
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert not list((bundle / "fragment").glob("*.pf_fragment")), "every fragment renamed"
    out = {}
    for index in entry["languages"].values():
        meta = gzip.decompress((bundle / f"pagefind.{index['hash']}.pf_meta").read_bytes())
        pages = read_pages(meta)[0]
        assert len(pages) == index["page_count"]
        for name, _ in pages:
            assert re.fullmatch(r"[0-9a-f]{8}/[0-9a-z]+", name), name
            raw = (bundle / "fragment" / f"{name}.pf_fragment").read_bytes()
            fragment = json.loads(gzip.decompress(raw)[len(SIGNATURE):])
            out[urlparse(fragment["url"]).path] = fragment
    return out


def test_search_indexes_claims_and_passages_not_chrome(site: Path, claims: list[dict]) -> None:
    fragments = _fragments(site)
    kinds = {path.split("/")[1] for path in fragments}
    assert kinds == {"claims", "sources", "people"}, "only claims, sources and people"
    person = fragments["/people/nikol-pashinyan/"]
    assert person["meta"]["kind"] == "Person"
    assert "Pashinian" in person["content"] and "Никол Пашинян" in person["content"]
    assert not any(path.startswith("/people/page/") for path in fragments)
    for entry in claims:
        fragment = fragments[f"/claims/{entry['slug']}/"]
        content = " ".join(fragment["content"].split())
        page = article(soup(site / "claims" / entry["slug"] / "index.html"))
        # Results' excerpts come from the claim, the summary and the quotes ...
        assert content.startswith(" ".join(entry["claim"].split()))
        assert " ".join(entry["summary"].split()) in content
        for quote in page.select("figure.fc-excerpt blockquote"):
            assert " ".join(quote.get_text().split()) in content, "the quotes are indexed"
        for cite in page.select("figure.fc-excerpt .fc-cite"):
            assert " ".join(cite.get_text().split()) not in content, "where they are from is not"
        assert "What supports the claim" not in content
        # ... and what describes the claim is metadata, shown as such.
        assert "Verdict:" not in content
        # The result's title says when the claim was made.
        title = fragment["meta"]["title"]
        assert title.startswith(f"{entry['title']} (claimed ") and title.endswith(")")
        assert str(entry["claim_date"])[:4] in title
        assert fragment["meta"]["claimant"] == entry["claimant"]
        assert fragment["meta"].get("topics", "") == ", ".join(
            t["name"] for t in entry["topics"])
        assert fragment["filters"]["verdict"] == [entry["verdict_label"]]
        assert fragment["filters"]["topic"] == [t["name"] for t in entry["topics"]]
        # Each source the claim cites, once: the filter counts fact checks.
        titles = {a.get_text() for a in page.select("[data-pagefind-filter='source']")}
        assert len(titles) == len(page.select("[data-pagefind-filter='source']"))
        assert sorted(fragment["filters"]["source"]) == sorted(titles)
        assert len(titles) == len({ev["source"] for ev in entry["evidence"]})
        assert fragment["meta"]["verdict"] == entry["verdict_label"]
        assert fragment["meta"]["verdict_key"] == entry["verdict"]
    for path in sorted((SEED / "sources").glob("*.md")):
        fragment = fragments[f"/sources/{path.stem}/"]
        passages = [a["id"] for a in fragment["anchors"] if a["element"] == "h3"]
        assert passages and passages[0] == "p1-h", "passages give sub-results"
        assert "source" not in fragment["filters"], "the source filter finds fact checks"


def test_the_verdict_badge_links_to_its_definition(site: Path, claims: list[dict]) -> None:
    for entry in claims:
        page_dir = site / "claims" / entry["slug"]
        badge = article(soup(page_dir / "index.html")).select_one(".fc-verdict a.fc-badge")
        assert badge is not None and entry["verdict_label"] in badge.get_text()
        target, fragment = resolve(site, page_dir, badge["href"])
        row = article(soup(target)).find(id=fragment)
        assert row is not None and row.name == "tr" and fragment == f"verdict-{entry['verdict']}"
        assert entry["verdict_label"] in row.get_text()


def test_an_article_has_one_name_on_a_claim_page(site: Path, claims: list[dict]) -> None:
    # The article without a recorded outlet speaks as its registry entry: where it speaks
    # for itself and as the claimant it has the entry's one name, and its links the title.
    title = "Russia says its ready to help normalise relations between arch-rivals Armenia and Azerbaijan"
    voice = "Unattributed article (outlet not recorded)"
    entry = next(c for c in claims if c["slug"] == "baku-full-control-as-armenians-fled")
    page = article(soup(site / "claims" / entry["slug"] / "index.html"))
    names = set()
    for i, ev in enumerate(entry["evidence"]):
        if ev["source"] == "lavrov-mirzoyan-talks" and "as reported" not in ev["account"]:
            header = page.find("figure", id=f"e{i + 1}").find_parent(class_="fc-account").h4
            names.add(header.find(string=True, recursive=False).strip())
    claimant = page.select_one(".fc-facts a[href*='people/']")
    assert claimant["href"].endswith("people/unattributed-article/")
    assert names == {claimant.get_text()} == {voice}
    links = {a.get_text().rsplit(", paragraph ", 1)[0]
             for a in page.select(".fc-cite a:not(.fc-original), .fc-facts a")
             if "sources/lavrov-mirzoyan-talks/" in a["href"]}
    assert links == {title}


def test_an_excerpt_is_its_own_words_with_the_sentence_around_folded(site: Path,
                                                                      claims: list[dict]) -> None:
    # p13 holds one sentence that one claim cites twice: once to support, once to dispute.
    entry = next(c for c in claims if c["slug"] == "peacekeepers-failed-to-stop-2023-offensive")
    page = article(soup(site / "claims" / entry["slug"] / "index.html"))
    cited = [(i, ev) for i, ev in enumerate(entry["evidence"])
             if ev["source"] == "lavrov-mirzoyan-talks" and ev["passage"] == "p13"]
    assert {ev["stance"] for _, ev in cited} == {"supports", "refutes"}
    quotes = []
    for i, ev in cited:
        figure = page.find("figure", id=f"e{i + 1}")
        quote = " ".join(figure.select_one("blockquote").get_text().split())
        assert normalise_text(quote) == normalise_text(ev["quote"])
        context = figure.select_one("details.fc-in-context")
        assert context.select_one("summary").get_text() == "In context"
        assert quote in " ".join(context.get_text().split()) and len(context.get_text()) > len(quote)
        quotes.append(quote)
    assert len(set(quotes)) == 2, "two pieces of evidence, not one sentence twice"


def test_listings_say_published_empty_ones_say_so_and_sources_show_their_facts(
        site: Path, claims: list[dict]) -> None:
    used = {c["verdict"] for c in claims}
    empty = [p for p in (site / "verdicts").iterdir() if p.is_dir() and p.name not in used]
    assert empty, "the seed leaves some verdict unused"
    for folder in (site / "verdicts").iterdir():
        if folder.is_dir():
            text = article(soup(folder / "index.html")).get_text(" ")
            said = "There are no fact checks with this verdict yet." in text
            assert said == (folder.name not in used), folder.name
    listing = article(soup(site / "claims" / "index.html"))
    metas = [m.get_text() for m in listing.select(".fc-item-meta")]
    assert metas and all(" · published " in m and "checked" not in m for m in metas)
    sources = article(soup(site / "sources" / "index.html")).select("ul.fc-groups > li")
    assert len(sources) == len(list((SEED / "sources").glob("*.md")))
    for item in sources:
        text = item.get_text(" ")
        outlet = item.select_one("a")["href"].rstrip("/")
        front = (SEED / "sources" / f"{outlet}.md").read_text(encoding="utf-8").split("\n---", 1)[0]
        has_outlet = re.search(r"^outlet: (.+)$", front, re.MULTILINE)
        assert (has_outlet.group(1).strip('"') in text) if has_outlet else (
            "outlet not recorded" in text)
        assert ("published " in text) if re.search(r"^published:", front, re.MULTILINE) else (
            "publication date not recorded" in text)


def test_no_page_calls_a_paragraph_by_its_anchor(site: Path) -> None:
    """Readers count paragraphs: "paragraph 13", never the anchor's "passage p13", in any
    text or label a reader or a screen reader meets."""
    jargon = re.compile(r"passage\s+p\d+", re.IGNORECASE)
    found = []
    for path in sorted(site.rglob("*.html")):
        page = soup(path)
        texts = [page.get_text(" ")] + [v for tag in page.find_all(True)
                                         for k, v in tag.attrs.items()
                                         if k in ("aria-label", "title", "alt")
                                         and isinstance(v, str)]
        found += [(path.relative_to(site).as_posix(), m.group()) for t in texts
                  for m in jargon.finditer(t)]
    assert found == []
