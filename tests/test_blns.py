"""The Big List of Naughty Strings in every text value, quote and body: never a crash.

Each test writes one file per string into one project and runs `factcheck check` once:
it must exit 0 or 1, print no traceback, and print only `path:line:col: severity: ...`
lines that point into the files it was given.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from checkutil import (
    SUMMARY,
    TESTS,
    Diag,
    Project,
    Result,
    assert_no_traceback,
    register_people,
    register_topics,
    run_cli,
)

BLNS: list[str] = json.loads((TESTS / "data" / "blns.json").read_text(encoding="utf-8"))
QUOTE = "Russian peacekeepers’ failure to prevent or stop Azerbaijan’s September 19-20"
BODY = "The Russian side emphasized the urgent need for an early resumption of talks."


def plain(s: str) -> bool:
    """Text any text field must accept: words within every limit, no markup, no controls."""
    text = s.strip()
    return (0 < len(text) <= 60 and not set(text) & set("<>&")
            and all(unicodedata.category(c)[0] != "C" for c in text))


def front_matter(data: dict[str, Any], body: str) -> str:
    dumped = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                       width=10**6)
    assert yaml.load(dumped, Loader=yaml.CSafeLoader) == data  # the value arrives as written
    return f"---\n{dumped}---\n{body}\n"


def claim(**values: Any) -> dict[str, Any]:
    evidence = {"source": "russia-urges-talks", "quote": QUOTE, "stance": "supports"}
    evidence.update(values.pop("evidence", {}))
    data: dict[str, Any] = {
        "claim": "Russian peacekeepers failed.", "claimant": "Armenian authorities",
        "claim_date": "2023-09", "verdict": "mostly-true", "summary": "In short.",
        "published": "2026-11-22",
    }
    data.update(values)
    data["evidence"] = [evidence]
    return data


def checked(project: Project, written: dict[str, str]) -> Result:
    """`factcheck check` on the project; every diagnostic points into a file that was written."""
    result = project.check()
    assert_no_traceback(result)
    assert result.code in (0, 1), result.err
    assert SUMMARY.match(result.err.strip().splitlines()[-1]), result.err
    texts = {path: (project.root / path).read_text(encoding="utf-8", errors="replace")
             for path in written}
    for d in result.diags:
        assert d.path in written, d
        assert "\r" not in d.message, d
        assert d.line <= texts[d.path].count("\n") + 1, d
    return result


def by_path(result: Result) -> dict[str, list[Diag]]:
    out: dict[str, list[Diag]] = {}
    for d in result.errors:
        out.setdefault(d.path, []).append(d)
    return out


def test_the_list_is_the_one_we_think() -> None:
    assert len(BLNS) > 500
    assert (TESTS / "data" / "blns.LICENSE").read_text(encoding="utf-8").startswith(
        "The MIT License")


def test_every_string_as_every_text_value_of_a_claim(project: Project) -> None:
    # Every string a claim's text takes is a topic's name too, so tags meet them all.
    register_topics(project.root, [s.strip() for s in BLNS if plain(s)])
    # And the name of a person: all but those with no letters or digits, which name nobody.
    nameless = register_people(project.root, [s.strip() for s in BLNS if plain(s)])
    written = {}
    for i, s in enumerate(BLNS):
        # The claimant's own account is all the evidence, which a verdict of `unproven`
        # allows: only the text itself is under test.
        data = claim(claim=s, title=s, claimant=s, summary=s, tags=[s], verdict="unproven",
                     evidence={"account": s, "note": s})
        written[project.claim(front_matter(data, "The analysis."), f"blns-{i:03d}")] = s
    result = checked(project, written)
    errors = by_path(result)
    for path, s in written.items():
        if plain(s) and s.strip() in nameless:
            assert [d.message.split("`, which names no person")[0] for d in errors[path]] == [
                f"`claimant` is `{s.strip()}", f"`account` is `{s.strip()}"], s
        elif plain(s):
            assert path not in errors, (s, [d.message for d in errors[path]])
        elif not s.strip():
            assert any("is empty" in d.message for d in errors[path]), s
    assert result.code == 1  # the empty strings at least are errors


def test_every_string_raw_in_front_matter_keeps_later_lines_right(project: Project) -> None:
    """Pasted unquoted, a string may break the YAML; a later error keeps its own line."""
    written = {}
    for i, s in enumerate(BLNS):
        text = ("---\n"
                f"title: {s}\n"
                "claim: Russian peacekeepers failed.\nclaimant: Armenian authorities\n"
                "claim_date: 2023-09\nverdict: mostly-ture\nsummary: In short.\n"
                "published: 2026-11-22\nevidence:\n  - source: russia-urges-talks\n"
                f"    quote: \"{QUOTE}\"\n    stance: supports\n---\nThe analysis.\n")
        written[project.claim(text, f"blns-{i:03d}")] = s
    result = checked(project, written)
    assert result.code == 1
    for path, diags in by_path(result).items():
        assert diags, path
        for d in diags:
            if "mostly-ture" in d.message:
                assert (d.line, d.col) == (6, 10), (written[path], d)


def test_every_string_as_a_quote_and_as_the_analysis(project: Project) -> None:
    written = {}
    for i, s in enumerate(BLNS):
        text = front_matter(claim(evidence={"quote": s}), s)
        written[project.claim(text, f"blns-{i:03d}")] = s
    result = checked(project, written)
    assert result.code == 1
    errors = by_path(result)
    for path in written:
        text = (project.root / path).read_text(encoding="utf-8")
        quote_line = text.split("\n").index(next(
            line for line in text.split("\n") if line.startswith("  quote:")
            or line.startswith("    quote:") or line.startswith("  - quote:"))) + 1
        body_line = text.split("\n").index("---", 1) + 2
        for d in errors.get(path, []):
            assert d.line == quote_line or d.line >= body_line, (written[path], d)


def test_every_string_as_verdict_stance_source_passage_prefix_and_suffix(project: Project
                                                                         ) -> None:
    written = {}
    for i, s in enumerate(BLNS):
        data = claim(verdict=s, evidence={"stance": s, "passage": s, "prefix": s, "suffix": s,
                                          "source": s})
        written[project.claim(front_matter(data, "The analysis."), f"blns-{i:03d}")] = s
    result = checked(project, written)
    assert result.code == 1
    assert set(by_path(result)) == set(written)  # no string is a verdict, stance and source


def test_every_string_in_every_text_value_and_the_body_of_a_source(project: Project) -> None:
    nameless = register_people(project.root, [s.strip() for s in BLNS if plain(s)])
    written = {}
    for i, s in enumerate(BLNS):
        data = {"title": s, "outlet": s, "author": s, "notes": s, "language": "en"}
        written[project.source(front_matter(data, f"{BODY}\n\n{s}"), f"blns-{i:03d}")] = s
    pinned = run_cli(["pin", "--all", "--root", str(project.root)])
    assert pinned.code == 0, pinned.err
    result = checked(project, written)
    errors = by_path(result)
    for path, s in written.items():
        if plain(s) and s.strip() in nameless:
            assert [d.message.split("`, which names no person")[0] for d in errors[path]] == [
                f"`outlet` is `{s.strip()}"], s
        elif plain(s):
            assert path not in errors, (s, [d.message for d in errors[path]])
        elif not s.strip():
            assert any("`title` is empty" in d.message for d in errors[path]), s


def test_every_string_as_a_quote_of_a_source_that_holds_it(project: Project) -> None:
    written = {}
    for i, s in enumerate(BLNS):
        sid = f"blns-{i:03d}"
        written[project.source(front_matter({"title": "Naughty"}, f"{BODY}\n\n{s}"), sid)] = s
        data = claim(evidence={"source": sid, "quote": s})
        written[project.claim(front_matter(data, "The analysis."), sid)] = s
    assert run_cli(["pin", "--all", "--root", str(project.root)]).code == 0
    result = checked(project, written)
    errors = by_path(result)
    anchored = [p for p in written if p.startswith("content/") and p not in errors]
    # Most strings are found where they were put; none is matched anywhere else.
    assert len(anchored) > len(BLNS) // 2


def test_a_naughty_root_path_is_reported_not_raised(tmp_path: Path) -> None:
    for s in BLNS[::5]:
        if "\x00" in s or "/" in s or not s.strip() or len(s.encode()) > 200:
            continue
        root = tmp_path / s
        if root.exists():  # "." and the like
            continue
        result = run_cli(["check", "--root", str(root)])
        assert result.code == 2, s
        assert result.err == f"factcheck: --root {root} is not a folder\n"
