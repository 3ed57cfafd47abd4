"""A throw-away git repository for history and `--changed` tests: dated commits, no user config.

Commits are made with fixed author and committer dates, and git reads no global or system
configuration, so the tests see the same history on every machine.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from checkutil import accountable
from siteutil import copy_project

SPEC_CLAIM = """\
---
claim: Russian peacekeepers failed to stop Azerbaijan's September 2023 offensive in Nagorno-Karabakh.
title: Did Russian peacekeepers stop the 2023 offensive?
claimant: Armenian authorities
claim_date: 2023-09
verdict: {verdict}
summary: The peacekeepers did not prevent or stop the offensive; Moscow disputes the blame.
published: 2026-11-20
tags: [peacekeepers]
{corrections}evidence:
{evidence}---
The analysis.
"""

FAILURE = """\
  - source: russia-urges-talks
    quote: "Russian peacekeepers’ failure to prevent or stop Azerbaijan’s September 19-20"
    stance: supports
"""
ACCUSATION = """\
  - source: lavrov-mirzoyan-talks
    quote: "Armenian authorities accuse Moscow’s peacekeepers, who were deployed to Nagorno-Karabakh after the 2020 war, of failing to stop the Azerbaijani onslaught"
    stance: supports
"""
DENIAL = """\
  - source: lavrov-mirzoyan-talks
    quote: "an accusation that the Kremlin has denied"
    stance: refutes
"""


def claim_text(verdict: str, *evidence: str, corrections: str = "") -> str:
    return SPEC_CLAIM.format(verdict=verdict, evidence="".join(evidence),
                             corrections=corrections)


class Repo:
    """A copy of the project without its claims, as a git repository on branch main, its
    desk's accountability settings filled in."""

    def __init__(self, root: Path) -> None:
        self.root = copy_project(root, claims=False)
        config = self.root / "mkdocs.yml"
        config.write_text(accountable(config.read_text(encoding="utf-8")), encoding="utf-8")
        self.git("init", "-q", "-b", "main")

    def write(self, relpath: str, text: str) -> str:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return relpath

    def claim(self, text: str, slug: str) -> str:
        return self.write(f"content/claims/{slug}.md", text)

    def git(self, *args: str, date: str = "2026-01-01T12:00:00+00:00") -> str:
        env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
            "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
        }
        proc = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True,
                              text=True, check=False)
        assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
        return proc.stdout

    def commit(self, message: str, date: str) -> str:
        """Stage everything and commit it, authored at `date` (ISO 8601 with offset)."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD").strip()
