"""`factcheck capture --id ID --replace`: a page captured again under its own id keeps the
desk's notes and what was written by hand, and is refused, with nothing written, when a
quote that cites the source would no longer anchor in the new text."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from captureutil import news_server, page_bytes, tree_state
from checkutil import DIAGNOSTIC, SEED, assert_no_traceback, line_of, run_cli
from siteutil import copy_project

CLAIM = """\
---
claim: The border commission's third round ended without an agreed text.
claimant: Armenian authorities
claim_date: 2024-03
verdict: unproven
summary: The report says the round ended without a text.
published: 2026-11-22
{appearance}evidence:
{evidence}---
The analysis.
"""
# Quotes from the wordpress.html fixture page, as `evidence` items.
FIRST = """\
  - source: border
    quote: "left the border commission’s third round on Thursday without agreeing a single line of text"
    stance: supports
"""
MINUTES = """\
  - source: border
    quote: "did not publish it’s minutes"
    stance: context
    passage: p3
"""
MAPS = """\
  - source: border
    quote: "exchanged maps and discussed the principles of delimitation"
    stance: context
"""
FIRST_SENTENCE = ("without agreeing a single line of text — the third such failure since "
                  "January")


@pytest.fixture()
def served() -> Iterator[tuple[str, dict[str, bytes]]]:
    """The news server, and the pages it serves changed from their fixtures."""
    edited: dict[str, bytes] = {}
    with news_server(edited) as base:
        yield base, edited


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", claims=False)


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli([*args, "--root", str(root)])
    assert_no_traceback(result)
    return result.code, result.out, result.err


def front_matter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


def claim(root: Path, slug: str, *evidence: str, appearance: str = "") -> Path:
    path = root / "content" / "claims" / f"{slug}.md"
    path.write_text(CLAIM.format(evidence="".join(evidence), appearance=appearance),
                    encoding="utf-8")
    return path


def edit_page(edited: dict[str, bytes], base: str, name: str, *changes: tuple[str, str]
              ) -> bytes:
    """Serve `name` with each (old, new) text replaced, as its outlet updated it."""
    data = page_bytes(name, base)
    for old, new in changes:
        assert old.encode() in data, old
        data = data.replace(old.encode(), new.encode())
    edited[f"/{name}"] = data
    return data


def test_a_recapture_keeps_the_id_the_notes_and_what_was_added_by_hand(
        served: tuple[str, dict[str, bytes]], project: Path) -> None:
    base, edited = served
    assert run(project, "capture", f"{base}/opengraph.html", "--id", "exchange")[0] == 0
    source = project / "sources" / "exchange.md"
    # The desk adds a note and the byline of the print edition, which the page lacks.
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\n---\n", "\nauthor: Lilit Grigoryan\nnotes: >-\n  The "
                                   "byline is the print edition's; the web page has none.\n"
                                   "  Checked by the desk on 2 December.\n---\n", 1),
                      encoding="utf-8")
    assert run(project, "pin", "exchange")[0] == 0
    before = front_matter(source)
    claim(project, "exchange-claim", """\
  - source: exchange
    quote: "five soldiers"
    stance: context
""")
    page = edit_page(edited, base, "opengraph.html",
                     ("Prisoner exchange brings five soldiers home",
                      "Prisoner exchange brings five soldiers home, officials say"))

    code, out, err = run(project, "capture", f"{base}/opengraph.html", "--id", "exchange",
                         "--replace")
    assert (code, err) == (0, ""), err
    assert "replaced sources/exchange.md" in out
    assert "kept from the stored file: author, notes" in out
    assert "1 claim(s) cite `exchange`; all 1 quote(s) still anchor" in out
    after = front_matter(source)
    assert after["notes"] == before["notes"] and after["author"] == "Lilit Grigoryan"
    assert after["title"] == "Prisoner exchange brings five soldiers home, officials say"
    assert isinstance(after["retrieved"], dt.datetime)
    assert isinstance(before["retrieved"], dt.datetime)
    assert after["retrieved"] >= before["retrieved"]
    assert after["snapshot"] != before["snapshot"]
    snapshot = project / "sources" / "snapshots" / "exchange.html.gz"
    assert gzip.decompress(snapshot.read_bytes()) == page
    assert {p.name for p in (project / "sources").iterdir()} == {
        p.name for p in (SEED / "sources").iterdir()} | {"exchange.md", "snapshots"}
    result = run_cli(["check", "--root", str(project)])
    assert result.code == 0 and not result.errors, result.out


def test_a_recapture_that_would_break_a_quote_writes_nothing(
        served: tuple[str, dict[str, bytes]], project: Path) -> None:
    base, edited = served
    assert run(project, "capture", f"{base}/wordpress.html", "--id", "border")[0] == 0
    first = claim(project, "first", FIRST, MAPS)
    minutes = claim(project, "minutes", MINUTES)
    claim(project, "named", MAPS, appearance="appearance: [border]\n")
    assert run_cli(["check", "--root", str(project)]).code == 0
    # The outlet rewrote its first paragraph and added one before the third.
    edit_page(edited, base, "wordpress.html",
              ("without agreeing a single line of text", "without agreeing on any text"),
              ("<p>The commision,", "<p>Update: the ministry has since commented.</p>"
                                    "<p>The commision,"))
    before = tree_state(project)

    code, out, err = run(project, "capture", f"{base}/wordpress.html", "--id", "border",
                         "--replace")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == ("factcheck capture: error: re-capturing `border` would break 2 of "
                        "the 4 quote(s) citing it (below), so nothing was written; keep the "
                        "stored version, or capture the new one under another id and move "
                        "each claim to it once its quotes match")
    diags = [DIAGNOSTIC.match(line) for line in lines[1:]]
    assert all(diags) and len(diags) == 2, lines
    first_line = line_of(first.read_text(encoding="utf-8"), "    quote: \"left the")
    minutes_line = line_of(minutes.read_text(encoding="utf-8"), "    quote:")
    assert [(m["path"], int(m["line"])) for m in diags if m] == [
        ("content/claims/first.md", first_line), ("content/claims/minutes.md", minutes_line)]
    assert "would no longer anchor in the new text of `border`" in lines[1]
    assert "Closest passage is p1" in lines[1] and "without agreeing on any text" in lines[1]
    assert "not with the given `passage`" in lines[2]
    assert tree_state(project) == before


def test_a_quote_broken_already_does_not_stop_a_recapture(
        served: tuple[str, dict[str, bytes]], project: Path) -> None:
    base, _ = served
    assert run(project, "capture", f"{base}/wordpress.html", "--id", "border")[0] == 0
    claim(project, "broken", FIRST.replace("single line", "single word"), MAPS)
    code, out, err = run(project, "capture", f"{base}/wordpress.html", "--id", "border",
                         "--replace")
    assert (code, err) == (0, "")
    assert "1 quote(s) citing `border` did not anchor in the stored text either" in out
    assert "the text is unchanged" in out


def test_a_failed_write_puts_the_stored_source_back(
        served: tuple[str, dict[str, bytes]], project: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    base, edited = served
    assert run(project, "capture", f"{base}/wordpress.html", "--id", "border")[0] == 0
    edit_page(edited, base, "wordpress.html",
              ("12 kilometres of road", "twelve kilometres of road"))
    replace = os.replace

    def failing(src: str, dst: str | Path) -> None:
        if Path(dst).name == "sources.lock":
            raise PermissionError(13, "Permission denied", str(dst))
        replace(src, dst)

    before = tree_state(project)
    monkeypatch.setattr("generator.capture.write.os.replace", failing)
    code, _, err = run(project, "capture", f"{base}/wordpress.html", "--id", "border",
                       "--replace")
    assert code == 1 and "nothing was written" in err and err.count("\n") == 1
    assert tree_state(project) == before


@pytest.mark.parametrize(("args", "status", "says"), [
    (["--replace"], 2, "--replace needs --id to name the stored source"),
    (["--id", "russia-urges-talk", "--replace"], 1,
     "there is no sources/russia-urges-talk.md; did you mean `russia-urges-talks`?"),
    (["--id", "nothing-like-it", "--replace"], 1,
     "there is no sources/nothing-like-it.md; to add the page as a new source, leave out "
     "--replace"),
])
def test_replace_needs_a_stored_source(served: tuple[str, dict[str, bytes]], project: Path,
                                       args: list[str], status: int, says: str) -> None:
    base, _ = served
    before = tree_state(project)
    code, out, err = run(project, "capture", f"{base}/wordpress.html", *args)
    assert (code, out) == (status, "")
    assert err.count("\n") == 1 and err.startswith("factcheck capture: error: "), err
    assert says in err
    assert tree_state(project) == before


def test_a_stored_source_with_errors_is_not_replaced(served: tuple[str, dict[str, bytes]],
                                                     project: Path) -> None:
    base, _ = served
    path = project / "sources" / "russia-urges-talks.md"
    path.write_text(path.read_text(encoding="utf-8").replace("language: en", "language: 12"),
                    encoding="utf-8")
    code, _, err = run(project, "capture", f"{base}/wordpress.html", "--id",
                       "russia-urges-talks", "--replace")
    assert code == 1 and err.count("\n") == 1
    assert re.search(r"sources/russia-urges-talks\.md has errors \(line \d+: .+\); fix them "
                     "first", err), err


def test_already_captured_names_the_id_to_cite_and_the_replace_command(
        served: tuple[str, dict[str, bytes]], project: Path) -> None:
    base, _ = served
    target = f"{base}/wordpress.html"
    assert run(project, "capture", target, "--id", "border")[0] == 0
    mirror, other = f"{base}/mirror/wordpress.html", f"{base}/opengraph.html"
    for args, says in (
            ((target,), "already captured: sources/border.md has the same URL "
                        f"({base}/2024/03/14/border-commission-third-round/); cite it as "
                        f"`border`, or re-capture it with `factcheck capture {target} --id "
                        "border --replace`"),
            ((mirror,), "already captured: sources/border.md has the same text; cite it as "
                        f"`border`, or re-capture it with `factcheck capture {mirror} --id "
                        "border --replace`"),
            ((other, "--id", "border"),
             "sources/border.md already exists; give this page another id with --id, or if "
             "it is a new version of `border`, re-capture it with `factcheck capture "
             f"{other} --id border --replace`")):
        before = tree_state(project)
        code, out, err = run(project, "capture", *args)
        assert (code, out, err) == (1, "", f"factcheck capture: error: {says}\n")
        assert tree_state(project) == before
