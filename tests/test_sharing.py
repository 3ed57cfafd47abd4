"""Time, sharing and the desk on the seed site as built: every claim says when it was made,
every page carries link-preview tags and the feed, and what the seed desk has not set is
said to be not set, never filled in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from test_site import _fragments

from generator.model import PartialDate
from generator.site.text import SHARE_CHARS, claimed
from siteutil import article, soup


def when(entry: dict) -> str:
    date = PartialDate.parse(entry["claim_date"])
    assert date is not None
    return claimed(date)


def meta(page: object, attr: str, name: str) -> str:
    found = page.find("meta", attrs={attr: name})  # type: ignore[attr-defined]
    assert found is not None, name
    return str(found["content"])


def pages(site: Path) -> list[Path]:
    found = sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)
    assert len(found) > 50
    return found


def test_claimed_says_year_month_or_day() -> None:
    assert claimed(PartialDate(2021)) == "in 2021"
    assert claimed(PartialDate(2023, 9)) == "in September 2023"
    assert claimed(PartialDate(2021, 5, 3)) == "on 3 May 2021"


def test_every_claim_says_when_it_was_made_in_its_headline_and_verdict(
        site: Path, claims: list[dict]) -> None:
    for entry in claims:
        page = soup(site / "claims" / entry["slug"] / "index.html")
        body = article(page)
        h1 = " ".join(body.select_one("h1").get_text().split())
        assert h1 == f"{entry['title']} (claimed {when(entry)})", entry["slug"]
        verdict = body.select_one("p.fc-verdict")
        text = " ".join(verdict.get_text().split())
        assert text.startswith(f"Verdict on a claim made {when(entry)}:"), text
        assert text.endswith(entry["verdict_label"])
        assert verdict.select_one("time")["datetime"] == entry["claim_date"]
        title = page.find("title").get_text()
        assert title.startswith(f"{entry['title']} (claimed {when(entry)}) - ")


def test_listings_say_when_each_claim_was_made(site: Path, claims: list[dict]) -> None:
    by_title = {e["title"]: e for e in claims}
    for listing in (site / "claims" / "index.html", site / "index.html",
                    site / "verdicts" / "unproven" / "index.html"):
        items = article(soup(listing)).select("li.fc-item")
        assert items, listing
        for item in items:
            head = item.select_one("p.fc-item-head")
            entry = by_title[head.select_one("a").get_text()]
            assert head.select_one(".fc-when").get_text() == f"(claimed {when(entry)})"


def test_search_results_are_titled_with_when_the_claim_was_made(site: Path,
                                                               claims: list[dict]) -> None:
    fragments = _fragments(site)
    for entry in claims:
        title = fragments[f"/claims/{entry['slug']}/"]["meta"]["title"]
        assert " ".join(title.split()) == f"{entry['title']} (claimed {when(entry)})"


def test_every_page_has_link_preview_tags_and_the_feed(site: Path) -> None:
    for path in pages(site):
        page = soup(path)
        for prop in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
            assert meta(page, "property", prop).strip(), (path, prop)
        assert meta(page, "name", "twitter:card") == "summary"
        assert meta(page, "property", "og:site_name") == "South Caucasus Fact Check"
        canonical = page.find("link", rel="canonical")
        assert meta(page, "property", "og:url") == canonical["href"], path
        kind = "article" if path.parent.parent.name == "claims" else "website"
        assert meta(page, "property", "og:type") == kind, path
        (feed,) = page.find_all("link", rel="alternate", type="application/atom+xml")
        assert feed["title"] == "South Caucasus Fact Check: new and updated fact checks"
        target = urlparse(urljoin(path.as_uri(), feed["href"])).path
        assert Path(target) == site / "feed.xml", path


def test_claim_descriptions_name_the_verdict_and_year_and_are_short(
        site: Path, claims: list[dict]) -> None:
    for entry in claims:
        page = soup(site / "claims" / entry["slug"] / "index.html")
        description = meta(page, "property", "og:description")
        assert description == meta(page, "name", "description")
        assert len(description) <= SHARE_CHARS, description
        assert description.startswith(f"Verdict: {entry['verdict_label']}. ")
        assert f"claimed {when(entry)}: “" in description
        assert entry["summary"] not in description
        assert meta(page, "property", "article:published_time") == entry["published"]
        modified = page.find("meta", property="article:modified_time")
        if entry["claim_review"]:
            review = json.loads(page.find("script", type="application/ld+json").string)
            assert (modified["content"] if modified else None) == review.get("dateModified")


def test_the_seed_desk_is_shown_as_not_set_never_invented(site: Path) -> None:
    about = article(soup(site / "about" / "index.html"))
    facts = {dt.get_text(): dd.get_text()
             for dt, dd in zip(about.select("dl.fc-desk dt"), about.select("dl.fc-desk dd"),
                               strict=True)}
    assert facts == {"Run by": "not published", "Editors": "not published",
                     "Funding": "not published", "Contact": "not published",
                     "Repository": "not set"}
    for path in (site / "index.html", site / "about" / "index.html",
                 site / "claims" / "about-two-thousand-russian-peacekeepers" / "index.html"):
        footer = soup(path).select_one("footer .fc-footer-desk")
        text = " ".join(footer.get_text().split())
        assert text.startswith("Run by: not published · Editors: not published · Funding: not "
                               "published · Contact: not published · Repository: not set")
    page = soup(site / "claims" / "about-two-thousand-russian-peacekeepers" / "index.html")
    report = article(page).select_one("p.fc-report")
    assert "names no repository and publishes no contact" in report.get_text()
    assert report.select_one("a")["href"] == "../../corrections/"
    assert page.select_one(".md-header__source") is None, "no repository link is made up"
    corrections = article(soup(site / "corrections" / "index.html")).select_one("p.fc-report")
    assert "names no repository" in corrections.get_text()


def test_the_guide_says_no_repository_is_set_rather_than_invent_one(site: Path) -> None:
    guide = article(soup(site / "contributing" / "index.html"))
    first = guide.select_one("div.highlight pre code")
    assert first.get_text().splitlines()[0] == "git clone <repository-url> factcheck"
    assert "names no repository (repo_url is not set in mkdocs.yml)" in " ".join(
        guide.get_text().split())


def test_the_guides_code_blocks_are_highlighted_by_pygments(site: Path) -> None:
    html = (site / "contributing" / "index.html").read_text(encoding="utf-8")
    guide = article(soup(site / "contributing" / "index.html"))
    blocks = guide.select("div.highlight > pre > code")
    assert len(blocks) >= 10
    # No fence is left as inline code starting with its language's name.
    for code in guide.select("p > code"):
        assert not re.match(r"(sh|yaml|text)\b", code.get_text()), code
    # YAML keys and shell words are Pygments' tokens, styled by class: the CSP allows no
    # inline style.
    yaml_block = next(b for b in blocks if b.select("span.nt"))
    assert "claim" in [s.get_text() for s in yaml_block.select("span.nt")]
    shell = next(b for b in blocks if b.get_text().startswith("factcheck suggest"))
    assert shell.select("span"), "the shell example is tokenised"
    assert ' style="' not in html.split("<article", 1)[1].split("</article>", 1)[0]
