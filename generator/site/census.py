"""After every build, count what reached the site: nothing a contributor wrote is lost.

claim files = claim pages = claims.json entries = share cards (each a 1200×630 PNG that
its page names as `og:image`), and a ClaimReview block for each rated one; every evidence
item anchored; every cited passage showing its backlinks; registry files = people pages =
people.json entries, and every claim listed on its claimant's page. Any mismatch names what
is missing. A claim the corpus leaves out (a fact check scheduled for a later day) is
counted apart, and must have reached neither a page nor claims.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.anchoring.resolve import Corpus
from generator.content.load import markdown_files
from generator.site.cards import HEIGHT, WIDTH, card_path
from generator.site.urls import claim_url, person_url, source_url

_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
_PASSAGE = re.compile(r'<div class="fc-passage[^"]*" id="(p\d+)">')
_BACKLINKS = re.compile(r'<aside class="fc-backlinks".*?</aside>', re.DOTALL)
_HREF = re.compile(r'href="([^"]+)"')
_OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]*)"')
PNG = b"\x89PNG\r\n\x1a\n"


@dataclass
class Census:
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        c = self.counts
        later = c.get("claims left out", 0)
        return (f"census: {c['claim files']} claim files, {c['claim pages']} claim pages, "
                f"{c['claims.json entries']} claims.json entries, {c['ClaimReview blocks']} "
                f"ClaimReview blocks; {c['evidence anchored']}/{c['evidence items']} evidence "
                f"items anchored; {c['passages with backlinks']}/{c['cited passages']} cited "
                f"passages show their backlinks; {c['people files']} people files, "
                f"{c['people pages']} people pages, {c['people.json entries']} people.json "
                f"entries; {c['claims on claimant pages']}/{c['claims on claimants']} claims "
                f"listed on their claimant's page; {c['share cards']}/{c['claim pages']} share "
                "cards"
                + (f"; {later} more claim file(s) left out until their publication day"
                   if later else ""))


def _missing(label: str, expected: set[str], found: set[str]) -> list[str]:
    lost = sorted(expected - found)
    return [f"{label}: missing {', '.join(lost[:20])}" + (" …" if len(lost) > 20 else "")
            ] if lost else []


def png_size(path: Path) -> tuple[int, int] | None:
    """A PNG file's width and height, from its header; None for anything else."""
    try:
        with path.open("rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(PNG) or head[12:16] != b"IHDR":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _card(site_dir: Path, slug: str, html: str, census: Census) -> bool:
    """A claim's share card is a 1200×630 PNG that its page names as `og:image`."""
    path = card_path(slug)
    size = png_size(site_dir / path)
    if size is None:
        return False
    if size != (WIDTH, HEIGHT):
        census.problems.append(f"{path} is {size[0]}×{size[1]}, not {WIDTH}×{HEIGHT}")
        return False
    named = _OG_IMAGE.search(html)
    if named is None or not named.group(1).endswith(path):
        census.problems.append(f"claims/{slug}/ does not name its share card as og:image")
        return False
    return True


def _slugs(data: Path) -> set[str]:
    """The slugs a data file (claims.json, people.json) lists; none when it is missing.
    Both hold an entry a line (`feeds.py`), read a line at a time: claims.json is 40 MB at
    10,000 claims, and parsed whole it would be the build's peak of memory."""
    if not data.is_file():
        return set()
    slugs: set[str] = set()
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            text = line.strip().removesuffix(",")
            if text.startswith('{"slug": '):
                slugs.add(json.loads(text)["slug"])
    return slugs


def take_census(corpus: Corpus, site_dir: Path) -> Census:
    settings = corpus.settings
    census = Census()
    every = {p.stem for p in markdown_files(settings.root / settings.claims_dir)}
    files = every - corpus.left_out
    pages: set[str] = set()
    reviews: set[str] = set()
    cards: set[str] = set()
    for slug in files:
        page = site_dir / claim_url(slug) / "index.html"
        if not page.is_file():
            continue
        pages.add(slug)
        html = page.read_text(encoding="utf-8")
        if _card(site_dir, slug, html, census):
            cards.add(slug)
        blocks = [b for b in _LD.findall(html) if '"ClaimReview"' in b]
        claim = corpus.claims.get(slug)
        if claim is not None and not claim.rated:
            if blocks:  # ClaimReview is for rated claims
                census.problems.append(f"claims/{slug}/ is not rated but has a ClaimReview")
        elif len(blocks) == 1:
            reviews.add(slug)
        elif blocks:
            census.problems.append(f"claims/{slug}/ has {len(blocks)} ClaimReview blocks")
    entries = _slugs(site_dir / "claims.json")
    census.problems += _missing("claim pages", files, pages)
    census.problems += _missing("claims.json entries", files, entries)
    rated = {s for s in files if s not in corpus.claims or corpus.claims[s].rated}
    census.problems += _missing("ClaimReview blocks", rated, reviews)
    census.problems += _missing("share cards", pages, cards)
    census.problems += _missing("loaded claims", files, set(corpus.claims))
    leaked = sorted(s for s in corpus.left_out
                    if (site_dir / claim_url(s) / "index.html").is_file() or s in entries)
    if leaked:
        census.problems.append("claims left out until their day were built: "
                               + ", ".join(leaked[:20]) + (" …" if len(leaked) > 20 else ""))

    expected_items = {f"{slug}#{i + 1}" for slug, c in corpus.claims.items()
                      for i in range(len(c.evidence))}
    anchored = {f"{slug}#{e.index + 1}" for slug, items in corpus.evidence.items()
                for e in items}
    census.problems += _missing("anchored evidence items", expected_items, anchored)

    shown: set[str] = set()
    by_source: dict[str, dict[str, set[str]]] = {}
    for (sid, pid), cites in corpus.citations.items():
        by_source.setdefault(sid, {})[pid] = {c.claim for c in cites}
    for sid, passages in by_source.items():
        page = site_dir / source_url(sid) / "index.html"
        html = page.read_text(encoding="utf-8") if page.is_file() else ""
        chunks = dict(zip(_PASSAGE.findall(html), _PASSAGE.split(html)[2::2], strict=False))
        for pid, claims in passages.items():
            block = _BACKLINKS.search(chunks.get(pid, ""))
            linked = {h.rstrip("/").rsplit("/", 1)[-1]
                      for h in _HREF.findall(block.group())} if block else set()
            if claims <= linked:
                shown.add(f"{sid}#{pid}")
    cited = {f"{sid}#{pid}" for sid, ps in by_source.items() for pid in ps}
    census.problems += _missing("backlinks on cited passages", cited, shown)

    people = _people(corpus, site_dir, census)

    census.counts = {
        "claim files": len(files), "claim pages": len(pages),
        "claims.json entries": len(entries), "ClaimReview blocks": len(reviews),
        "share cards": len(cards),
        "evidence items": len(expected_items), "evidence anchored": len(anchored),
        "cited passages": len(cited), "passages with backlinks": len(shown),
        "claims left out": len(every & corpus.left_out), **people,
    }
    return census


def _people(corpus: Corpus, site_dir: Path, census: Census) -> dict[str, int]:
    """Every entry of the registry has a page and a people.json entry, and every claim is
    listed on its claimant's page (over all its pages)."""
    settings = corpus.settings
    files = {p.stem for p in markdown_files(settings.root / settings.people_dir)}
    pages = {slug for slug in files if (site_dir / person_url(slug) / "index.html").is_file()}
    entries = _slugs(site_dir / "people.json")
    census.problems += _missing("people pages", files, pages)
    census.problems += _missing("people.json entries", files, entries)
    expected: set[str] = set()
    listed: set[str] = set()
    by_claimant: dict[str, set[str]] = {}
    for slug, claimant in corpus.claimants.items():
        by_claimant.setdefault(claimant, set()).add(slug)
        expected.add(slug)
    for person, claims in by_claimant.items():
        folder = site_dir / person_url(person)
        linked = {h.rstrip("/").rsplit("/", 1)[-1] for page in folder.glob("**/index.html")
                  for h in _HREF.findall(page.read_text(encoding="utf-8"))
                  if "claims/" in h}
        listed |= claims & linked
    census.problems += _missing("claims on their claimant's page", expected, listed)
    return {"people files": len(files), "people pages": len(pages),
            "people.json entries": len(entries), "claims on claimants": len(expected),
            "claims on claimant pages": len(listed)}
