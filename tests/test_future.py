"""Dates that cannot be, and fact checks scheduled for a later day.

A claim made in the future, a claim made after its fact check was published, a fact check
dated to the month only, an update or correction before publication, a source published
in the future: each is an error at its line. A fact check whose `published` day is after
today is checked, told of in a note, and left out of everything the site publishes until
that day, as Hugo does; `--build-future` (or the `build_future` option) builds it now.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checkutil import (
    VALID_CLAIM,
    Project,
    line_of,
    register_people,
    register_topics,
    replace_line,
    run_cli,
)
from generator import clock
from generator.check import run_check
from generator.content.fields import DAY_PATTERN
from generator.diagnostics import Diagnostic, Severity
from generator.model import PartialDate
from generator.site.census import take_census
from siteutil import copy_project

# `path:line:col: severity: message` with the note severity (checkutil knows two).
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|"
                  r"note): (?P<message>.+)$")
TODAY = dt.date(2026, 12, 4)


def epoch(day: dt.date, hour: int = 12) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC).timestamp()))


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Today is 4 December 2026 for the check, as a reproducible build would set it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))
    return TODAY


def lines(out: str) -> list[tuple[str, int, int, str, str]]:
    found = []
    for text in out.splitlines():
        m = LINE.match(text)
        assert m, text
        found.append((m["path"], int(m["line"]), int(m["col"]), m["severity"], m["message"]))
    return found


def claim(**values: str | None) -> str:
    """VALID_CLAIM without `updated` and corrections, with the given keys set (None: left
    out)."""
    text = replace_line(VALID_CLAIM, "updated:", "")
    text = text.replace("corrections:\n  - date: 2026-11-24\n    note: Verdict changed from mixed "
                        "to mostly-true after a second source was added.\n", "")
    for key, value in values.items():
        if key in ("updated", "corrections") and value is not None:
            text = text.replace("evidence:\n", f"{key}:{value}\nevidence:\n", 1)
        elif f"\n{key}:" in text:
            text = replace_line(text, f"{key}:", "" if value is None else f"{key}: {value}")
    return text


def errors(project: Project, text: str) -> list[tuple[int, int, str]]:
    project.claim(text)
    result = project.check()
    return [(line, col, message) for path, line, col, severity, message in lines(result.out)
            if path == "content/claims/the-claim.md" and severity == "error"]


# -- today -------------------------------------------------------------------------------

def test_today_is_the_utc_day_of_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15 08:00 UTC
    assert clock.today() == dt.date(2027, 1, 15)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(dt.date(2026, 12, 31), hour=23))
    assert clock.today() == dt.date(2026, 12, 31)  # 23:00 UTC, whatever the machine's zone


def test_without_source_date_epoch_today_is_the_clocks_utc_day(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).date()
    got = clock.today()
    assert got in (before, dt.datetime.now(dt.UTC).date())


def test_a_malformed_source_date_epoch_is_said_and_the_clock_used(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with caplog.at_level(logging.WARNING, logger="factcheck.clock"):
        got = clock.today()
    assert got in (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1),
                   dt.datetime.now(dt.UTC).date())
    assert "SOURCE_DATE_EPOCH is `yesterday`, not a whole number of seconds" in caplog.text


# -- impossible dates --------------------------------------------------------------------

@pytest.mark.parametrize(("made", "future"), [
    ("2027-01", True), ("2027", True), ("2026-12-05", True),
    ("2026-12", False), ("2026", False), ("2026-12-04", False),
])
def test_a_claim_made_in_the_future_is_an_error_at_claim_date(
        project: Project, today: dt.date, made: str, future: bool) -> None:
    text = claim(claim_date=made, published="2026-12-04")
    got = errors(project, text)
    if future:
        assert got == [(line_of(text, "claim_date:"), 13,
                        f"`claim_date` is {made}, after today (2026-12-04): a claim cannot be "
                        "made in the future; correct the date")]
    else:
        assert got == []


@pytest.mark.parametrize(("made", "published", "impossible"), [
    ("2026-11", "2026-11-05", False),  # some day of November: it may be before the 5th
    ("2026", "2026-01-01", False),
    ("2026-11-05", "2026-11-05", False),
    ("2026-11-06", "2026-11-05", True),
    ("2026-12", "2026-11-30", True),
    ("2027", "2026-12-04", True),  # in the future too: that error is the one said
])
def test_a_claim_made_after_its_fact_check_was_published(
        project: Project, today: dt.date, made: str, published: str, impossible: bool) -> None:
    text = claim(claim_date=made, published=published)
    got = errors(project, text)
    if not impossible:
        assert got == []
        return
    assert [(line, col) for line, col, _ in got] == [(line_of(text, "claim_date:"), 13)]
    if made != "2027":
        assert got[0][2] == (f"`claim_date` ({made}) is after `published` ({published}): a "
                             "claim is made before its fact check is published; correct one of "
                             "the dates")


@pytest.mark.parametrize(("value", "known"), [("2026-11", "a month"), ("2026", "a year")])
def test_the_fact_checks_own_dates_are_known_to_the_day(project: Project, value: str,
                                                        known: str) -> None:
    for key in ("published", "updated"):
        text = claim(**{key: value if key == "published" else f" {value}"})
        if key == "updated":
            text = replace_line(text, "updated:", f"updated: {value}")
        got = errors(project, text)
        assert got == [(line_of(text, f"{key}:"), len(key) + 3,
                        f"`{key}` is `{value}`, {known} only: the fact check's own dates are "
                        "known to the day; write it in full as YYYY-MM-DD")], key


def test_an_update_after_today_or_before_publication(project: Project, today: dt.date) -> None:
    text = claim(updated=" 2026-12-05")
    assert errors(project, text) == [(line_of(text, "updated:"), 10,
                                      "`updated` is 2026-12-05, after today (2026-12-04): date "
                                      "a change on the day it was made")]
    text = claim(updated=" 2026-11-21")
    assert errors(project, text) == [(line_of(text, "updated:"), 10,
                                      "`updated` (2026-11-21) is before `published` "
                                      "(2026-11-22); correct one of the dates")]


def test_corrections_before_publication_or_after_today(project: Project, today: dt.date
                                                       ) -> None:
    text = claim(corrections="\n  - date: 2026-11-22\n    note: Fine, the day it went out."
                             "\n  - date: 2026-10\n    note: A month before it went out."
                             "\n  - date: 2026-12-24\n    note: Not yet.")
    got = errors(project, text)
    assert got == [
        (line_of(text, "  - date: 2026-10"), 11, "`date` of item 2 of `corrections` (2026-10) "
         "is before `published` (2026-11-22): a correction follows publication; correct one "
         "of the dates"),
        (line_of(text, "  - date: 2026-12-24"), 11, "`date` of item 3 of `corrections` is "
         "2026-12-24, after today (2026-12-04): date a correction on the day it was made"),
    ]


SOURCE = """\
---
title: A headline
published: {published}
retrieved: {retrieved}
---
The article's only paragraph.
"""


@pytest.mark.parametrize(("published", "retrieved", "wrong"), [
    ("2026-12", "2026-12-04T10:00:00Z", None),  # partial: it may be a day of December so far
    ("2026-12-05", "2026-12-04", "published"),
    ("2027", "2026-12-04", "published"),
    ("2026-11-30", "2026-12-05T00:00:00Z", "retrieved"),
])
def test_a_source_published_or_retrieved_in_the_future(project: Project, today: dt.date,
                                                       published: str, retrieved: str,
                                                       wrong: str | None) -> None:
    text = SOURCE.format(published=published, retrieved=retrieved)
    path = project.source(text, "the-source")
    result = project.check()
    got = [(line, col, message) for p, line, col, severity, message in lines(result.out)
           if p == path and severity == "error"
           and "sources.lock" not in message and "pin" not in message]
    if wrong is None:
        assert got == []
        return
    value = published if wrong == "published" else retrieved[:10]
    what = ("an article cannot be published in the future" if wrong == "published"
            else "a copy cannot be taken in the future")
    assert got == [(line_of(text, f"{wrong}:"), len(wrong) + 3,
                    f"`{wrong}` is {value}, after today (2026-12-04): {what}; correct the "
                    "date")]


def test_the_schema_asks_the_fact_check_for_a_day_and_the_source_for_any_date(
        project: Project) -> None:
    result = project.run("schema")
    assert result.code == 0
    claim_schema, source_schema, _ = (json.loads(Path(p).read_text(encoding="utf-8"))
                                      for p in result.out.split())
    for key in ("published", "updated"):
        prop = claim_schema["properties"][key]
        value = prop if key == "published" else prop["anyOf"][0]
        assert value["type"] == "string" and value["pattern"] == DAY_PATTERN, key
    assert "integer" in json.dumps(source_schema["properties"]["published"])


@pytest.mark.parametrize("year", [1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999])
def test_the_day_pattern_takes_the_days_the_check_takes(year: int) -> None:
    pattern = re.compile(DAY_PATTERN)
    texts = [f"{year:04d}", *(f"{year:04d}-{m:02d}" for m in range(14)),
             *(f"{year:04d}-{m:02d}-{d:02d}" for m in range(14) for d in range(33))]
    for text in texts:
        parsed = PartialDate.parse(text)
        assert bool(pattern.match(text)) == (parsed is not None and parsed.day > 0), text


# -- scheduled fact checks: the check ------------------------------------------------------

def test_a_fact_check_published_after_today_is_a_note_and_exit_0(project: Project) -> None:
    text = claim(published="2999-01-01")
    project.claim(text)
    result = project.check()
    assert result.code == 0, result.out
    notes = [d for d in lines(result.out) if d[3] == "note"]
    assert notes == [("content/claims/the-claim.md", line_of(text, "published:"), 12, "note",
                      f"`published` is 2999-01-01, after today ({clock.today()}): this fact "
                      "check will be published on 1 January 2999 and is left out of the site "
                      "until then; `factcheck build --build-future` (or `build_future: true` "
                      "in the plugin's settings) builds it now")]
    assert not [d for d in lines(result.out) if d[3] == "error"]
    assert result.err.strip().endswith("; 0 error(s), 1 note(s)")


@pytest.mark.parametrize(("published", "noted"), [("2026-12-05", True), ("2026-12-04", False),
                                                  ("2026-12-03", False)])
def test_a_fact_check_is_scheduled_only_until_its_day(project: Project, today: dt.date,
                                                      published: str, noted: bool) -> None:
    project.claim(claim(published=published))
    result = project.check()
    assert result.code == 0
    assert any(d[3] == "note" for d in lines(result.out)) is noted
    assert ("1 note(s)" in result.err) is noted


def test_a_note_is_a_notice_for_github(project: Project) -> None:
    text = claim(published="2999-01-01")
    project.claim(text)
    result = project.check("--format", "github")
    assert result.code == 0
    assert (f"::notice file=content/claims/the-claim.md,line={line_of(text, 'published:')},"
            "col=12::`published` is 2999-01-01") in result.out
    d = Diagnostic("x.md", 3, 12, Severity.NOTE, "soon")
    assert d.format_text() == "x.md:3:12: note: soon"


def test_a_scheduled_fact_check_is_still_checked(project: Project) -> None:
    text = claim(published="2999-01-01").replace("failure to prevent or stop", "failure to halt")
    project.claim(text)
    result = project.check()
    assert result.code == 1
    got = lines(result.out)
    assert [d[3] for d in got if d[0] == "content/claims/the-claim.md"] == ["note", "error"]
    assert any(d[1] == line_of(text, "    quote:") and "the quote is not in source" in d[4]
               for d in got)


def test_with_build_future_set_the_note_says_it_is_built(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      desk:\n", "      build_future: true\n      desk:\n", 1), encoding="utf-8")
    project.claim(claim(published="2999-01-01"))
    result = project.check()
    assert result.code == 0
    (note,) = [d for d in lines(result.out) if d[3] == "note"]
    assert note[4].endswith("built all the same, as future fact checks are built "
                            "(`--build-future` or `build_future: true`)")


def test_build_future_must_be_true_or_false(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      desk:\n", "      build_future: soon\n      desk:\n", 1)
    config.write_text(text, encoding="utf-8")
    result = project.check()
    assert result.code == 1
    assert ("mkdocs.yml", line_of(text, "      build_future:"), 21, "error",
            "`build_future` is `soon`: expected `true` or `false`") in lines(result.out)


# -- scheduled fact checks: the site -------------------------------------------------------

SLUG = "scheduled-claim"
CLAIMANT = "Scheduled Ministry"


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project with one more fact check, published on 1 January 2999, whose
    claimant and topic no other claim has."""
    root = copy_project(tmp_path_factory.mktemp("scheduled"))
    register_topics(root, ["Scheduled topic"])
    register_people(root, [CLAIMANT])
    text = claim(published="2999-01-01", claimant=CLAIMANT, tags="[Scheduled topic]")
    (root / "content" / "claims" / f"{SLUG}.md").write_text(text, encoding="utf-8")
    return root


def texts(site: Path) -> dict[str, bytes]:
    """Every file of a site, gzip-compressed ones (Pagefind's, the sitemap's) opened."""
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(site).as_posix()] = (
                gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return out


def slugs(site: Path) -> set[str]:
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    return {c["slug"] for c in data["claims"]}


@pytest.mark.site
def test_a_scheduled_fact_check_reaches_no_page_feed_sitemap_search_or_claims_json(
        scheduled: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_cli(["build", "--root", str(scheduled), "--site-dir", str(site)])
    assert result.code == 0, result.err
    assert f"{SLUG}.md:" in result.out and ": note: `published` is 2999-01-01" in result.out
    assert "; 1 more claim file(s) left out until their publication day" in result.err
    assert not (site / "claims" / SLUG).exists()
    assert not (site / "topics" / "topic-0").exists()
    # The registry is published as it is, so its entry has a page, with no claim on it.
    registry = {"people/index.html", "people/registered-0/index.html", "people.json"}
    leaks = [name for name, data in texts(site).items() if SLUG.encode() in data
             or (CLAIMANT.encode() in data and name not in registry)]
    assert leaks == []
    person = (site / "people" / "registered-0" / "index.html").read_text(encoding="utf-8")
    assert "No claim by Scheduled Ministry has been checked." in person
    assert SLUG not in slugs(site) and len(slugs(site)) >= 23
    # The source it cites is published, with the other claims' backlinks only.
    source = (site / "sources" / "russia-urges-talks" / "index.html").read_text(encoding="utf-8")
    assert "peacekeepers-failed-to-stop-2023-offensive" in source


@pytest.mark.site
def test_build_future_builds_it_and_everything_links_to_it(scheduled: Path, tmp_path: Path
                                                           ) -> None:
    site = tmp_path / "site"
    result = run_cli(["build", "--root", str(scheduled), "--site-dir", str(site),
                      "--build-future"])
    assert result.code == 0, result.err
    assert "left out until" not in result.err
    assert (site / "claims" / SLUG / "index.html").is_file()
    assert SLUG in slugs(site)
    for page in ("people/registered-0/index.html", "topics/topic-0/index.html",
                 "sources/russia-urges-talks/index.html", "claims/index.html", "feed.xml"):
        assert f"{SLUG}/" in (site / page).read_text(encoding="utf-8"), page
    # A census that left it out would find it built, and say so.
    corpus = run_check(scheduled).site_corpus
    assert corpus.left_out == {SLUG}
    census = take_census(corpus, site)
    assert census.problems == [f"claims left out until their day were built: {SLUG}"]


@pytest.mark.site
def test_mkdocs_build_takes_the_build_future_option(scheduled: Path, tmp_path: Path) -> None:
    """The plugin's option builds it; its note is news, which does not fail `--strict`."""
    config = scheduled / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    try:
        config.write_text(original.replace("      desk:\n", "      build_future: true\n"
                                           "      desk:\n", 1), encoding="utf-8")
        site = tmp_path / "site"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
            cwd=scheduled, capture_output=True, text=True, check=False)
    finally:
        config.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "note: `published` is 2999-01-01" in result.stderr
    assert (site / "claims" / SLUG / "index.html").is_file()
