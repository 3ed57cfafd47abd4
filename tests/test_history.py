"""Corrections from history: a verdict or evidence changed in git shows on the built site."""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from generator.check import run_check
from generator.history import git as git_module
from generator.history.revisions import Change, read_history
from generator.model import PartialDate
from generator.site.pages import generate
from gitrepo import ACCUSATION, DENIAL, FAILURE, Repo, claim_text
from siteutil import article, build, copy_project, soup

CORRECTION = """\
corrections:
  - date: 2026-11-25
    note: We removed a quote that the report attributes to Armenian officials, not to its reporter.
"""

SUMMARY = "The peacekeepers did not prevent or stop the offensive; Moscow disputes the blame."


def day(text: str) -> PartialDate:
    found = PartialDate.parse(text)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """One claim published as mixed, re-rated with new evidence, then corrected; one claim
    whose analysis alone changes."""
    repo = Repo(tmp_path_factory.mktemp("history") / "project")
    repo.claim(claim_text("mixed", FAILURE), "offensive")
    repo.claim(claim_text("unproven", DENIAL), "denial")
    repo.commit("Publish two fact checks", "2026-11-20T09:00:00+00:00")
    repo.claim(claim_text("mostly-true", FAILURE, ACCUSATION), "offensive")
    repo.commit("Re-rate: a second source", "2026-11-22T10:00:00+00:00")
    repo.claim(claim_text("mostly-true", FAILURE, ACCUSATION).replace(
        "The analysis.", "The analysis, expanded."), "offensive")
    repo.commit("Expand the analysis", "2026-11-22T16:00:00+00:00")
    repo.claim(claim_text("unproven", DENIAL).replace("The analysis.", "Reworded."), "denial")
    repo.commit("Reword", "2026-11-23T10:00:00+00:00")
    repo.claim(claim_text("mostly-true", ACCUSATION, corrections=CORRECTION), "offensive")
    repo.commit("Correction: drop a quote", "2026-11-25T08:00:00+00:00")
    return repo


@pytest.fixture(scope="module")
def site(repo: Repo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(repo.root, tmp_path_factory.mktemp("site"))


def test_history_finds_each_days_verdict_and_evidence_changes(repo: Repo) -> None:
    history = read_history(repo.root, "content/claims")
    assert history.available and not history.shallow
    assert history.of("denial") == ()  # its analysis changed, nothing a reader is owed
    changes = history.of("offensive")
    assert [(c.date, c.verdict_from, c.verdict_to, c.added, c.removed) for c in changes] == [
        (day("2026-11-22"), "mixed", "mostly-true", ("lavrov-mirzoyan-talks",), ()),
        (day("2026-11-25"), "mostly-true", "mostly-true", (), ("russia-urges-talks",)),
    ]
    # Two commits on 22 November make one change, dated by the later one.
    assert changes[0].commit == repo.git("rev-parse", "HEAD~2").strip()


def test_the_claim_page_shows_a_dated_updated_note(site: Path) -> None:
    page = soup(site / "claims" / "offensive" / "index.html")
    body = article(page)
    # Under the verdict, a line that says when and links to the foot, where the notes are.
    note = body.select_one(".fc-verdict-card p.fc-updated")
    assert note is not None
    assert note.select_one("time")["datetime"] == "2026-11-25"
    assert " ".join(note.get_text().split()) == "Corrected on 25 November 2026"
    link = note.select_one("a")
    assert link["href"] == "#updates-and-corrections"
    headings = [h["id"] for h in body.select("h2[id]")]
    assert headings[-1] == "updates-and-corrections", headings
    assert headings.index("in-short") < headings.index("updates-and-corrections")
    assert body.find(id="updates-and-corrections") is not None
    items = [" ".join(li.get_text().split()) for li in body.select("ul.fc-corrections li")]
    assert items == [
        "25 November 2026: We removed a quote that the report attributes to Armenian "
        "officials, not to its reporter.",
        "22 November 2026: Verdict changed from Mixed to Mostly true; evidence added from "
        "“Russia says its ready to help normalise relations between arch-rivals Armenia and "
        "Azerbaijan”.",
    ]
    facts = {dt.get_text(): dd for dt, dd in zip(body.select("dl.fc-facts dt"),
                                                 body.select("dl.fc-facts dd"), strict=True)}
    assert facts["Updated"].select_one("time")["datetime"] == "2026-11-25"
    review = json.loads(page.find("script", type="application/ld+json").string)
    assert review["datePublished"] == "2026-11-20"
    assert review["dateModified"] == "2026-11-25"


def test_an_unchanged_claim_has_no_updated_note(site: Path) -> None:
    page = soup(site / "claims" / "denial" / "index.html")
    assert article(page).select_one("p.fc-updated") is None
    assert not article(page).select("ul.fc-corrections")
    review = json.loads(page.find("script", type="application/ld+json").string)
    assert "dateModified" not in review


def test_the_corrections_page_lists_every_change_newest_first(site: Path) -> None:
    body = article(soup(site / "corrections" / "index.html"))
    assert body.select_one(".fc-history-note") is None
    items = body.select("ul.fc-corrections li")
    assert [li.select_one("time")["datetime"] for li in items] == ["2026-11-25", "2026-11-22"]
    assert [li.select_one("a")["href"] for li in items] == ["../claims/offensive/"] * 2
    assert "Verdict changed from Mixed to Mostly true" in items[1].get_text()
    assert "We removed a quote" in items[0].get_text()


def test_dates_are_author_dates_in_utc_not_the_committers_clock(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    repo.claim(claim_text("mixed", FAILURE), "offensive")
    repo.commit("Publish", "2026-11-20T09:00:00+00:00")
    repo.claim(claim_text("mostly-false", FAILURE), "offensive")
    # 23:30 in New York on 30 November is 1 December in UTC.
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Re-rate", "--date", "2026-11-30T23:30:00-05:00",
             date="2027-03-03T00:00:00+00:00")
    (change,) = read_history(repo.root, "content/claims").of("offensive")
    assert change.date == day("2026-12-01")
    assert (change.verdict_from, change.verdict_to) == ("mixed", "mostly-false")


def test_merged_branches_count_once_on_the_main_line(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    repo.claim(claim_text("mixed", FAILURE), "offensive")
    repo.commit("Publish", "2026-11-20T09:00:00+00:00")
    repo.git("checkout", "-q", "-b", "re-rate")
    repo.claim(claim_text("mostly-false", FAILURE), "offensive")
    repo.commit("Re-rate", "2026-11-21T09:00:00+00:00")
    repo.claim(claim_text("mostly-false", FAILURE, DENIAL), "offensive")
    repo.commit("Add a denial", "2026-11-22T09:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge re-rate", "re-rate",
             date="2026-11-24T09:00:00+00:00")
    (change,) = read_history(repo.root, "content/claims").of("offensive")
    assert change == Change(day("2026-11-24"), repo.git("rev-parse", "HEAD").strip(),
                            "mixed", "mostly-false", ("lavrov-mirzoyan-talks",), ())


def test_a_removed_and_restored_claim_and_a_broken_version_are_not_changes(tmp_path: Path
                                                                          ) -> None:
    repo = Repo(tmp_path / "project")
    path = repo.claim(claim_text("mixed", FAILURE), "offensive")
    repo.commit("Publish", "2026-11-20T09:00:00+00:00")
    repo.write(path, "---\nverdict: [unclosed\n---\n")
    repo.commit("Broken for a day", "2026-11-21T09:00:00+00:00")
    repo.claim(claim_text("[mixed]", FAILURE), "offensive")  # a list: refused
    repo.commit("Broken again", "2026-11-21T12:00:00+00:00")
    repo.claim(claim_text("mixed", FAILURE), "offensive")
    repo.commit("Fixed", "2026-11-22T09:00:00+00:00")
    (repo.root / path).unlink()
    repo.commit("Withdrawn", "2026-11-23T09:00:00+00:00")
    repo.claim(claim_text("false", DENIAL), "offensive")
    repo.commit("Published anew", "2026-11-24T09:00:00+00:00")
    assert read_history(repo.root, "content/claims").of("offensive") == ()


def test_git_runs_a_fixed_number_of_times_whatever_the_history(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "project")
    verdicts = ["mixed", "mostly-false", "misleading", "disputed", "unproven", "mostly-true"]
    for n, verdict in enumerate(verdicts):
        for slug in ("a", "b", "c", "d", "e"):
            repo.claim(claim_text(verdict, FAILURE), slug)
        repo.commit(f"Round {n}", f"2026-11-{10 + n}T09:00:00+00:00")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real_run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(git_module.subprocess, "run", counting_run)
    history = read_history(repo.root, "content/claims")
    assert len(history.of("c")) == len(verdicts) - 1
    assert len(calls) == 3, calls  # rev-parse, log, cat-file: not one call per claim or commit


def test_without_git_history_the_site_is_built_and_says_so(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = copy_project(tmp_path / "project", claims=False)  # a tarball: no .git anywhere
    (root / "content" / "claims" / "offensive.md").write_text(
        claim_text("mostly-true", FAILURE, corrections=CORRECTION), encoding="utf-8")
    result = run_check(root)
    assert result.ok, result.diagnostics
    with caplog.at_level(logging.WARNING, logger="factcheck.history"):
        files = generate(result.corpus, root / "content")
    assert any("no git history" in r.getMessage() for r in caplog.records), caplog.text
    page = files["corrections.md"]
    assert isinstance(page, str)
    assert '<p class="fc-history-note" role="note">This copy of the site was built without its ' \
           "git history" in page
    # Written corrections are still listed, on the corrections page and on the claim.
    assert '<time datetime="2026-11-25">25 November 2026</time>: <a href="../claims/offensive/">' \
           in page
    claim = files["claims/offensive/index.md"]
    assert isinstance(claim, str)
    assert ('<p class="fc-updated" role="note"><a href="#updates-and-corrections">Corrected on '
            '<time datetime="2026-11-25">') in claim


def test_a_shallow_clone_is_read_and_said_to_be_partial(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    repo.claim(claim_text("mixed", FAILURE), "offensive")
    repo.commit("Publish", "2026-11-20T09:00:00+00:00")
    repo.claim(claim_text("mostly-true", FAILURE), "offensive")
    repo.commit("Re-rate", "2026-11-22T09:00:00+00:00")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    history = read_history(clone, "content/claims")
    assert history.available and history.shallow
    assert history.of("offensive") == ()  # the re-rating's parent is not in the clone
    result = run_check(clone)
    page = generate(result.corpus, clone / "content", history)["corrections.md"]
    assert isinstance(page, str)
    assert "built from part of its git history" in page


def feed_entry(site: Path, slug: str) -> ElementTree.Element:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(site / "feed.xml").getroot()
    found = [e for e in feed.findall("a:entry", ns)
             if e.find("a:id", ns).text.endswith(f"/claims/{slug}/")]
    assert len(found) == 1, slug
    return found[0]


def sitemap_lastmod(site: Path) -> dict[str, str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    return {urlsplit(u.find("s:loc", ns).text).path.lstrip("/"): u.find("s:lastmod", ns).text
            for u in root.findall("s:url", ns)}


@pytest.mark.site
def test_a_verdict_changed_in_a_commit_reaches_the_feed_and_the_sitemap(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    repo.claim(claim_text("disputed", FAILURE, DENIAL), "offensive")
    repo.claim(claim_text("unproven", DENIAL), "denial")
    repo.commit("Publish", "2026-11-20T09:00:00+00:00")
    repo.claim(claim_text("unproven", FAILURE, DENIAL), "offensive")
    repo.commit("Re-rate", "2026-11-27T15:00:00+00:00")
    site = build(repo.root, tmp_path / "site")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = feed_entry(site, "offensive")
    assert entry.find("a:published", ns).text == "2026-11-20T00:00:00Z"
    assert entry.find("a:updated", ns).text == "2026-11-27T00:00:00Z"
    summary = entry.find("a:summary", ns).text
    # The verdict in short first; what changed at the end.
    assert summary.startswith(SUMMARY), summary
    assert summary.endswith("Corrected 27 November 2026: Verdict changed from Disputed to "
                            "Unproven."), summary
    assert entry.find("a:title", ns).text.startswith("Unproven: ")
    unchanged = feed_entry(site, "denial")
    assert unchanged.find("a:updated", ns).text == "2026-11-20T00:00:00Z"
    assert unchanged.find("a:summary", ns).text.startswith(SUMMARY)
    assert unchanged.find("a:summary", ns).text.endswith(" New.")
    # The most recently changed first, and the feed dated by it.
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert feed.find("a:updated", ns).text == "2026-11-27T00:00:00Z"
    ids = [e.find("a:id", ns).text for e in feed.findall("a:entry", ns)]
    assert ids[0].endswith("/claims/offensive/")
    # The sitemap, the page's "Updated" note and its link-preview date say the same day.
    lastmod = sitemap_lastmod(site)
    assert lastmod["claims/offensive/"] == "2026-11-27"
    assert lastmod["claims/denial/"] == "2026-11-20"
    assert lastmod["claims/"] == "2026-11-27"  # the listing shows the change
    assert lastmod[""] == "2026-11-27"  # so does the home page's latest list
    page = soup(site / "claims" / "offensive" / "index.html")
    note = article(page).select_one("p.fc-updated")
    assert note.select_one("time")["datetime"] == "2026-11-27"
    assert note.get_text() == "Corrected on 27 November 2026"
    assert "Verdict changed from Disputed to Unproven" in article(page).select_one(
        "ul.fc-corrections").get_text()
    assert page.find("meta", property="article:modified_time")["content"] == "2026-11-27"


def test_a_long_note_shows_its_first_sentence_and_folds_the_rest(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    long_note = ("corrections:\n  - date: 2026-11-25\n    note: >-\n      Verdict changed from Mixed to "
                 "Unproven after a quote was removed. The report attributes it to officials, "
                 "not to its reporter. A second reviewer agreed.\n")
    repo.claim(claim_text("unproven", FAILURE, corrections=long_note), "offensive")
    repo.commit("Publish", "2026-11-25T09:00:00+00:00")
    site = build(repo.root, tmp_path / "site")
    body = article(soup(site / "claims" / "offensive" / "index.html"))
    [item] = body.select("ul.fc-corrections li")
    more = item.select_one("details.fc-note-more")
    assert more is not None and more.select_one("summary").get_text() == (
        "More on this correction")
    shown = " ".join(item.find_all(string=True, recursive=False)).split()
    assert " ".join(shown) == ": Verdict changed from Mixed to Unproven after a quote was removed."
    assert more.select_one("p").get_text() == ("The report attributes it to officials, not to "
                                                "its reporter. A second reviewer agreed.")


def test_two_corrections_of_one_day_are_both_shown(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    notes = ("corrections:\n  - date: 2026-11-25\n    note: A quote was removed.\n"
             "  - date: 2026-11-25\n    note: The summary now names the outlet.\n")
    repo.claim(claim_text("unproven", FAILURE, corrections=notes), "offensive")
    repo.commit("Publish", "2026-11-25T09:00:00+00:00")
    site = build(repo.root, tmp_path / "site")
    body = article(soup(site / "claims" / "offensive" / "index.html"))
    items = [" ".join(li.get_text().split()) for li in body.select("ul.fc-corrections li")]
    assert items == ["25 November 2026: A quote was removed.",
                     "25 November 2026: The summary now names the outlet."]
