"""A throw-away project with the seed fixture's sources, and `factcheck check` run on it.

Shared by the core tests (validation, anchoring, malformed files, naughty strings, CLI);
the fixtures in conftest.py hand out a fresh `Project` per test.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.commands.cli import main
from generator.content.topics import topic_key

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
SEED = TESTS / "fixtures" / "seed"  # a frozen copy of the seed project (see siteutil)
SOURCES = SEED / "sources"

# `path:line:col: severity: message`, one line each.
DIAGNOSTIC = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): "
    r"(?P<severity>error|warning|note): (?P<message>\S.*)$"
)
SUMMARY = re.compile(r"^\d+ sources, \d+ claims, \d+ quotes anchored; \d+ error\(s\)$")

# A claim like the SPEC's example, every value real: it passes `factcheck check`.
VALID_CLAIM = """\
---
claim: >-
  Russian peacekeepers failed to stop Azerbaijan's September 2023 offensive in Nagorno-Karabakh.
title: Did Russian peacekeepers stop the 2023 offensive?
claimant: Armenian authorities
claim_date: 2023-09
appearance: lavrov-mirzoyan-talks
verdict: mostly-true
summary: >-
  The peacekeepers did not prevent or stop the offensive; Moscow disputes the blame.
published: 2026-11-22
updated: 2026-11-24
tags: [peacekeepers, September offensive]
corrections:
  - date: 2026-11-24
    note: Verdict changed from mixed to mostly-true after a second source was added.
evidence:
  - source: russia-urges-talks
    quote: "Russian peacekeepers’ failure to prevent or stop Azerbaijan’s September 19-20"
    stance: supports
    account: Azatutyun.am
    note: The report states the failure as fact.
---
The analysis, in Markdown, with a [link](https://example.org/report) and *emphasis*.
"""


@dataclass(frozen=True)
class Diag:
    path: str
    line: int
    col: int
    severity: str
    message: str

    @property
    def at(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def diags(self) -> list[Diag]:
        """Every stdout line as a diagnostic; a line that is not one fails the test."""
        found = []
        for line in self.out.split("\n"):
            if not line:
                continue
            m = DIAGNOSTIC.match(line)
            assert m, f"not a `path:line:col: severity: message` line: {line!r}\n{self.out}"
            found.append(Diag(m["path"], int(m["line"]), int(m["col"]), m["severity"],
                              m["message"]))
        return found

    @property
    def errors(self) -> list[Diag]:
        return [d for d in self.diags if d.severity == "error"]

    def errors_for(self, path: str) -> list[Diag]:
        return [d for d in self.errors if d.path == path]


SEED_DESK = """\
      desk:
        name:        # who runs the site
        editors: []  # the editors, by name
        funding:     # who pays for the work
        contact:     # an email or web address for readers
"""
SEED_REPO = "repo_url: !ENV [FACTCHECK_REPO_URL, null]\n"
TEST_DESK = """\
      desk:
        name: The Test Desk
        editors: [A. Editor, B. Editor]
        funding: Its readers' donations.
        contact: desk@example.org
"""
TEST_REPO = "repo_url: https://github.com/example-desk/factcheck\n"


def accountable(config: str) -> str:
    """mkdocs.yml with the desk's accountability settings filled in, so that a test of the
    content sees only the content's diagnostics (tests/test_desk.py tests the unset ones)."""
    assert SEED_DESK in config and SEED_REPO in config, "the seed's desk settings moved"
    return config.replace(SEED_DESK, TEST_DESK).replace(SEED_REPO, TEST_REPO)


class Project:
    """A project folder holding copies of the seed fixture's sources, mkdocs.yml,
    sources.lock and (unless `people` is false) its registry of people and organisations,
    and no claims."""

    def __init__(self, root: Path, *, people: bool = True) -> None:
        self.root = root
        shutil.copytree(SOURCES, root / "sources")
        if people:
            shutil.copytree(SEED / "content" / "people", root / "content" / "people")
        (root / "mkdocs.yml").write_text(
            accountable((SEED / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
        shutil.copy(SEED / "sources.lock", root / "sources.lock")
        self.claims = root / "content" / "claims"
        self.claims.mkdir(parents=True)

    def write(self, relpath: str, content: str | bytes) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    def claim(self, text: str, slug: str = "the-claim") -> str:
        """Write a claim file; returns its path as diagnostics show it."""
        self.write(f"content/claims/{slug}.md", text)
        return f"content/claims/{slug}.md"

    def source(self, text: str, sid: str = "the-source") -> str:
        self.write(f"sources/{sid}.md", text)
        return f"sources/{sid}.md"

    def run(self, *args: str) -> Result:
        """A `factcheck` command in-process, with --root pointing here."""
        return run_cli([*args, "--root", str(self.root)])

    def check(self, *args: str) -> Result:
        return self.run("check", *args)

    def check_claim(self, text: str, slug: str = "the-claim") -> tuple[Result, list[Diag]]:
        """Write one claim, check the project, and return the result and that file's errors."""
        path = self.claim(text, slug)
        result = self.check()
        return result, result.errors_for(path)

    def subprocess(self, *args: str, timeout: float = 60, cwd: Path | None = None) -> Result:
        """The same command in a fresh interpreter; the timeout guards against hangs only."""
        return run_subprocess([*args, "--root", str(self.root)], timeout=timeout,
                              cwd=cwd or self.root)


def run_cli(argv: Sequence[str]) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's bad-usage exit
            code = exc.code if isinstance(exc.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


def run_subprocess(argv: Sequence[str], *, timeout: float = 60, cwd: Path | None = None
                   ) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", *argv],
        capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=timeout, cwd=cwd, check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def assert_no_traceback(result: Result) -> None:
    """stderr holds the one-line summary (or a usage message), never a Python traceback."""
    assert "Traceback" not in result.err, result.err
    assert "Traceback" not in result.out, result.out


def replace_line(text: str, old: str, new: str) -> str:
    """The text with its one line starting with `old` replaced by `new` (or removed if None)."""
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith(old)]
    assert len(hits) == 1, (old, hits)
    lines[hits[0]] = new
    return "\n".join(lines)


def line_of(text: str, start: str) -> int:
    """The 1-based number of the one line of text that starts with `start`."""
    hits = [i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start)]
    assert len(hits) == 1, (start, hits)
    return hits[0]


def register_topics(root: Path, names: Sequence[str]) -> None:
    """Each name a topic of the project's mkdocs.yml (the first of the names a tag cannot
    tell apart: the others name the same topic)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    keys: set[str] = set()
    entries = []
    for i, name in enumerate(names):
        if topic_key(name) not in keys:
            keys.add(topic_key(name))
            entries.append(f"        - {{slug: topic-{i}, "
                           f"name: {json.dumps(name, ensure_ascii=False)}}}\n")
    assert "      topics:\n" in text
    config.write_text(text.replace("      topics:\n", "      topics:\n" + "".join(entries), 1),
                      encoding="utf-8")


def register_people(root: Path, names: Sequence[str]) -> set[str]:
    """Each name an entry of the project's registry (names the registry compares as one
    share an entry); returns the names it cannot hold, which have no letters or digits."""
    from generator.content.registry import fold

    by_key: dict[str, list[str]] = {}
    for name in names:
        if fold(name):
            by_key.setdefault(fold(name), []).append(name)
    folder = root / "content" / "people"
    folder.mkdir(parents=True, exist_ok=True)
    for i, (first, *others) in enumerate(by_key.values()):
        aliases = json.dumps(list(dict.fromkeys(others)), ensure_ascii=False)
        (folder / f"registered-{i}.md").write_text(
            f"---\nname: {json.dumps(first, ensure_ascii=False)}\ntype: person\n"
            f"aliases: {aliases}\n---\n", encoding="utf-8")
    return {name for name in names if not fold(name)}
