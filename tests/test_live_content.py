"""The desk's own content, and a desk's ordinary day on it.

The only tests that read the live `content/`, `sources/` and `sources.lock`. They say of it
only what holds for any content a desk could add, remove or edit (contentcheck.py): a pull
request that adds a source and the claims quoting it, or removes claims, keeps them green.
Every other test runs on fixtures of its own (`tests/fixtures/seed/` and smaller ones).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from captureutil import news_server
from checkutil import REPO, run_cli
from contentcheck import assert_content_checks_pass
from siteutil import copy_project

pytestmark = pytest.mark.site

CAPTURED = "border-talks-third-round"
PAGES = ("wordpress.html", "jsonld.html", "opengraph.html", "br-cms.html", "latin-utf-8.html")


def test_the_live_content_passes_the_content_checks(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", origin=REPO)
    assert_content_checks_pass(root, tmp_path)


def paragraphs(path: Path) -> list[str]:
    """The plain paragraphs of a source's body (no headings, fences or lists)."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return [p for p in body.split("\n\n") if p and p[0].isalnum()]


def first_words(paragraph: str, n: int = 9) -> str:
    return " ".join(paragraph.split()[:n])


def new_claim(slug: str, claim: str, quote: str, stance: str) -> str:
    return f"""\
---
claim: {claim}
claimant: The Caspian Ledger
claimant_type: organization
claim_date: 2024-03
verdict: unproven
summary: >-
  Only the outlet's own report is stored, so the claim rests on it alone.
published: 2026-12-01
evidence:
  - source: {CAPTURED}
    quote: {json.dumps(quote, ensure_ascii=False)}
    stance: {stance}
---
What the stored sources do not establish: an account independent of the outlet.
"""


def test_a_desks_day_keeps_the_content_checks_green(tmp_path: Path) -> None:
    """Capture a page, add two claims quoting it, delete two claims, edit a source and pin
    it again: the pull request a desk opens on an ordinary day."""
    root = copy_project(tmp_path / "project", origin=REPO)
    claims = sorted((root / "content" / "claims").glob("*.md"))

    # The first fixture page the desk has not stored yet (a page already stored is refused).
    refusals = []
    with news_server() as base:
        for page in PAGES:
            captured = run_cli(["capture", "--root", str(root), f"{base}/{page}",
                                "--id", CAPTURED])
            if captured.code == 0:
                break
            refusals.append(captured.err)
    assert captured.code == 0, refusals
    source = root / "sources" / f"{CAPTURED}.md"
    first, second = paragraphs(source)[:2]
    (root / "content" / "claims" / "talks-ended-without-text.md").write_text(
        new_claim("talks-ended-without-text", "The third round ended without an agreed text.",
                  first_words(first), "supports"), encoding="utf-8")
    (root / "content" / "claims" / "a-delegate-spoke-to-reporters.md").write_text(
        new_claim("a-delegate-spoke-to-reporters", "A delegate spoke to reporters.",
                  first_words(second), "context"), encoding="utf-8")

    # Two claims no other page links to (a desk that deletes a linked claim fixes the links).
    pages = [p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.md")]
    unlinked = [c for c in claims if not any(f"/{c.stem}/" in text for text in pages)]
    for path in unlinked[:2]:
        path.unlink()

    # A hand-stored source (not captured: its snapshot would no longer match) gains a
    # subheading and a paragraph at its end, so no passage anchor of a citing claim moves.
    hand_stored = [p for p in sorted((root / "sources").glob("*.md"))
                   if not re.search(r"^snapshot:", p.read_text(encoding="utf-8"), re.M)]
    if not hand_stored:  # every live source is captured: a desk stores one by hand first
        made = run_cli(["new", "source", "hand-stored", "--root", str(root)])
        assert made.code == 0, made.err
        hand_stored = [root / "sources" / "hand-stored.md"]
    edited = hand_stored[0]
    text = edited.read_text(encoding="utf-8").rstrip("\n")
    edited.write_text(text + "\n\n## Editor’s addendum\n\nA paragraph the desk added, "
                      "with the words zyxwv qutrop, which no quote holds.\n", encoding="utf-8")
    pinned = run_cli(["pin", edited.stem, "--root", str(root)])
    assert pinned.code == 0, pinned.err

    assert_content_checks_pass(root, tmp_path)
