"""Time, sharing and the desk on the seed site as built: every claim says when it was made,
every page carries link-preview tags and the feed, every claim page its own share card and a
description that never cuts the claim, and what the seed desk has not set is said to be not
set, never filled in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from PIL import Image
from test_preview import dirty_build
from test_site import _fragments

from generator.check import run_check
from generator.model import PartialDate
from generator.site import cards
from generator.site.cards import rgb
from generator.site.dates import claimed
from generator.site.pages import generate
from generator.site.text import CLAIM_CHARS, share_description
from siteutil import article, build, copy_project, soup


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
        assert meta(page, "property", "og:site_name") == "South Caucasus Fact Check"
        canonical = page.find("link", rel="canonical")
        assert meta(page, "property", "og:url") == canonical["href"], path
        fact_check = path.parent.parent.name == "claims"
        kind = "article" if fact_check else "website"
        assert meta(page, "property", "og:type") == kind, path
        # A fact check shows its share card large; other pages have none.
        assert meta(page, "name", "twitter:card") == (
            "summary_large_image" if fact_check else "summary"), path
        assert (page.find("meta", property="og:image") is not None) == fact_check, path
        (feed,) = page.find_all("link", rel="alternate", type="application/atom+xml")
        assert feed["title"] == "South Caucasus Fact Check: new and updated fact checks"
        target = urlparse(urljoin(path.as_uri(), feed["href"])).path
        assert Path(target) == site / "feed.xml", path


def test_a_description_is_the_claim_where_it_fits_else_the_headline_never_cut() -> None:
    when = PartialDate(2023, 9)
    short = "Peacekeepers   failed to stop the offensive."
    assert share_description("Mostly true", "Armenian authorities", when, short,
                             "Did peacekeepers stop it?") == (
        "Verdict: Mostly true. “Peacekeepers failed to stop the offensive.” "
        "(Armenian authorities, 2023)")
    exactly = "x" * CLAIM_CHARS
    assert f"“{exactly}”" in share_description("False", "A", when, exactly, "T?")
    # One character more, and the headline stands for the claim, whole.
    long = "The claim, " + "and so on " * 30 + "can be safely refuted."
    headline = "Can the claim " + "really " * 40 + "be refuted?"
    described = share_description("Unproven", "Maria Zakharova", when, long, headline)
    assert described == f"Verdict: Unproven. {headline} (Maria Zakharova, 2023)"
    # A claim with no headline of its own is its own headline: whole, however long.
    assert long in share_description("Unproven", "Maria Zakharova", when, long, long)


def test_claim_descriptions_name_the_verdict_and_never_cut_the_claim(
        site: Path, claims: list[dict]) -> None:
    long_ones = 0
    for entry in claims:
        page = soup(site / "claims" / entry["slug"] / "index.html")
        description = meta(page, "property", "og:description")
        assert description == meta(page, "name", "description")
        assert description.startswith(f"Verdict: {entry['verdict_label']}. ")
        year = entry["claim_date"][:4]
        assert description.endswith(f" ({entry['claimant']}, {year})"), description
        claim = " ".join(entry["claim"].split())
        if len(claim) <= CLAIM_CHARS:
            assert f"“{claim}”" in description
        else:
            long_ones += 1
            assert " ".join(entry["title"].split()) in description, description
        assert "…" not in description.replace(claim, "").replace(entry["title"], "")
        assert entry["summary"] not in description
        assert meta(page, "property", "article:published_time") == entry["published"]
        modified = page.find("meta", property="article:modified_time")
        if entry["claim_review"]:
            review = json.loads(page.find("script", type="application/ld+json").string)
            assert (modified["content"] if modified else None) == review.get("dateModified")
    assert long_ones, "the seed has claims longer than a description holds"


def card_of(site: Path, page_path: Path) -> tuple[Path, str]:
    """The file a claim page names as its og:image, and the image's words."""
    page = soup(page_path)
    address = meta(page, "property", "og:image")
    assert address.startswith("http://127.0.0.1:8000/"), "absolute, as og:url is"
    return site / urlparse(address).path.lstrip("/"), meta(page, "property", "og:image:alt")


def test_every_claim_page_has_its_own_share_card_showing_its_verdict(
        site: Path, claims: list[dict]) -> None:
    seen: dict[bytes, str] = {}
    by_verdict: dict[str, bytes] = {}
    scale = verdict_colours(site)
    for entry in claims:
        path = site / "claims" / entry["slug"] / "index.html"
        page = soup(path)
        card, alt = card_of(site, path)
        assert card == site / "claims" / entry["slug"] / "card.png"
        assert meta(page, "property", "og:image:width") == "1200"
        assert meta(page, "property", "og:image:height") == "630"
        assert meta(page, "property", "og:image:type") == "image/png"
        assert alt.startswith(f"Verdict: {entry['verdict_label']}. “")
        assert " ".join(entry["claim"].split()) in alt
        assert f"— {entry['claimant']}, {entry['claim_date'][:4]}" in alt
        data = card.read_bytes()
        assert data not in seen, (entry["slug"], seen.get(data))
        seen[data] = entry["slug"]
        with Image.open(card) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
            colours = {c for _, c in image.convert("RGB").getcolors(1 << 16)}
        # The verdict's colour is the band's: it is in the picture.
        assert rgb(scale[entry["verdict"]]) in colours, entry["slug"]
        by_verdict.setdefault(entry["verdict"], data)
    assert len(by_verdict) >= 3, "the seed has claims of several verdicts"
    assert len(set(by_verdict.values())) == len(by_verdict)


def verdict_colours(site: Path) -> dict[str, str]:
    """Each verdict's colour, as the site's stylesheet gives it."""
    css = (site / "assets" / "verdicts.css").read_text(encoding="utf-8")
    return dict(re.findall(r"\.fc-verdict-([\w-]+) \{ --fc-colour: ([^;]+); \}", css))


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


EDITED = "peacekeepers-failed-to-stop-2023-offensive"


def edit_claim(root: Path, slug: str) -> None:
    """Change the words of a claim (and so its card)."""
    path = root / "content" / "claims" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert "\n  Moscow's peacekeepers," in text
    path.write_text(text.replace("\n  Moscow's peacekeepers,", "\n  Moscow's own peacekeepers,"),
                    encoding="utf-8")


def card_files(site: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in sorted(site.glob("claims/*/card.png"))}


def test_a_card_is_drawn_once_kept_by_what_it_shows_and_the_same_on_any_machine(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "p")
    kept = root / ".cache" / "factcheck" / "cards"
    drawn: list[str] = []
    real = cards.draw

    def counting(text: cards.CardText) -> bytes:
        drawn.append(text.claim)
        return real(text)

    monkeypatch.setattr(cards, "draw", counting)
    first = card_files(build(root, tmp_path / "one"))
    claim_files = list((root / "content" / "claims").glob("*.md"))
    assert len(drawn) == len(first) == len(claim_files)
    stamps = {p.name: p.stat().st_mtime_ns for p in kept.iterdir()}
    assert len(stamps) == len(first)

    # A second build draws nothing: every card is found under its key, untouched.
    drawn.clear()
    assert card_files(build(root, tmp_path / "two")) == first
    assert drawn == []
    assert {p.name: p.stat().st_mtime_ns for p in kept.iterdir()} == stamps

    # The session's build of the same content, with a cache of its own: the same bytes.
    assert card_files(site) == first

    # A changed claim is drawn again, and it alone.
    drawn.clear()
    edit_claim(root, EDITED)
    changed = card_files(build(root, tmp_path / "four"))
    assert len(drawn) == 1 and drawn[0].startswith("Moscow's own peacekeepers")
    assert [s for s in first if changed[s] != first[s]] == [EDITED]


def test_the_preview_copies_a_card_again_only_when_it_changed(tmp_path: Path) -> None:
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"
    gone = "moscow-taking-sides-with-azerbaijan"
    dirty_build(root, site, start=True)

    def stamps() -> dict[str, int]:
        return {p.parent.name: p.stat().st_mtime_ns for p in site.glob("claims/*/card.png")}

    before = stamps()
    assert EDITED in before and gone in before
    edit_claim(root, EDITED)
    (root / "content" / "claims" / f"{gone}.md").unlink()
    dirty_build(root, site)
    after = stamps()
    assert gone not in after, "a deleted claim's card leaves the preview"
    assert [s for s in after if after[s] != before[s]] == [EDITED]


@pytest.mark.site
def test_the_engine_independent_output_has_the_cards_too(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    result = run_check(root)
    files = generate(result.corpus, root / "content")
    for slug in result.corpus.claims:
        card = files[f"claims/{slug}/card.png"]
        assert isinstance(card, bytes) and card.startswith(b"\x89PNG")
        page = files[f"claims/{slug}/index.md"]
        assert isinstance(page, str)
        assert f"\nimage: \"claims/{slug}/card.png\"\n---\n" in page
    assert not (root / ".cache").exists(), "the core keeps nothing between builds"
