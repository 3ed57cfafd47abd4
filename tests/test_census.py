"""The census after every build: a page the generator drops fails the build, by name."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.anchoring.resolve import Corpus
from generator.commands.cli import main
from generator.model import Claim, Person
from generator.site import cards
from generator.site.census import png_size
from generator.site.pages import SitePlanner, people
from generator.site.pages import claim as claim_pages
from siteutil import copy_project

pytestmark = pytest.mark.site

CLAIM = """---
claim: About two thousand Russian peacekeepers supported the ceasefire.
claimant: EU Reporter
claim_date: 2021
verdict: unproven
summary: One article says so.
published: 2026-11-22
evidence:
  - source: sochi-summit-broker-peace
    quote: "the ceasefire in Karabakh has been supported by about two thousand Russian peacekeepers"
    stance: supports
---
Analysis.
"""


def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p", claims=False)
    for slug in ("kept-claim", "dropped-claim"):
        (root / "content" / "claims" / f"{slug}.md").write_text(CLAIM, encoding="utf-8")
    return root


def test_a_clean_build_reports_its_counts(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err
    assert ("census: 2 claim files, 2 claim pages, 2 claims.json entries, "
            "2 ClaimReview blocks; 2/2 evidence items anchored; 1/1 cited passages") in err
    assert "claims listed on their claimant's page; 2/2 share cards\n" in err


def test_a_dropped_claim_page_fails_the_build_and_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path)
    original = claim_pages.claim_page

    def drop_one(site: SitePlanner, claim: Claim) -> None:
        if claim.slug != "dropped-claim":
            original(site, claim)

    monkeypatch.setattr(claim_pages, "claim_page", drop_one)
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "lost content" in err
    assert "claim pages: missing dropped-claim" in err
    assert "ClaimReview blocks: missing dropped-claim" in err
    assert "kept-claim" not in err.split("lost content", 1)[1]


def test_a_dropped_backlink_fails_the_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path)
    # A bug in the source pages: they see no citations, though the corpus has them.
    monkeypatch.setattr(Corpus, "cited_by", lambda self, source_id, passage_id: ())
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 1
    assert "backlinks on cited passages: missing sochi-summit-broker-peace#p10" in (
        capsys.readouterr().err)


def test_a_dropped_person_page_fails_the_build_and_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    original = people.person_pages

    def drop_one(site: SitePlanner, person: Person, claims: list[Claim],
                 uses: list[people.Use]) -> None:
        if person.slug != "eu-reporter":
            original(site, person, claims, uses)

    monkeypatch.setattr(people, "person_pages", drop_one)
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "people pages: missing eu-reporter" in err
    # Both claims are EU Reporter's, and no page lists them now.
    assert "claims on their claimant's page: missing dropped-claim, kept-claim" in err


def test_a_share_card_of_the_wrong_size_fails_the_build_and_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)

    def small(text: cards.CardText) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (600, 315), "white").save(out, "PNG")
        return out.getvalue()

    monkeypatch.setattr(cards, "draw", small)
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "claims/kept-claim/card.png is 600×315, not 1200×630" in err
    assert "share cards: missing dropped-claim, kept-claim" in err


def test_the_census_reads_a_pngs_size_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "card.png"
    path.write_bytes(cards.draw(cards.CardText("True", "✔", "#1b7f3b", "A claim.", "Someone",
                                               2024, "Fact checks")))
    assert png_size(path) == (1200, 630)
    path.write_bytes(b"GIF89a" + bytes(40))
    assert png_size(path) is None
    assert png_size(tmp_path / "missing.png") is None
