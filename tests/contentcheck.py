"""The content checks: what holds for any project a desk could write, whatever it holds.

Every claim passes `factcheck check`; every published claim meets its verdict's rules;
at least one claim exists; the build's census matches (claim files = claim pages =
claims.json entries = ClaimReview blocks = share cards, every evidence item anchored, every
cited passage showing its backlinks); and every internal link and #fragment of the built site resolves,
by the content workflow's own link checker and flags. Nothing here names a figure, a
ranking or a line of any particular content.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from checkutil import run_cli
from generator.commands.cli import main
from generator.content.load import load_all
from generator.content.registry import build_registry
from generator.content.settings import load_settings
from generator.review.rules import judge

LYCHEE = Path(sys.executable).parent / "lychee"
# The flags of the content workflow's link check (test_workflows.py holds them equal).
LYCHEE_FLAGS = ("--offline", "--include-fragments", "--index-files", "index.html")
CENSUS = re.compile(
    r"^census: (?P<files>\d+) claim files, (?P<pages>\d+) claim pages, (?P<json>\d+) "
    r"claims\.json entries, (?P<ld>\d+) ClaimReview blocks; (?P<anchored>\d+)/(?P<items>\d+) "
    r"evidence items anchored; (?P<shown>\d+)/(?P<cited>\d+) cited passages show their "
    r"backlinks; (?P<people>\d+) people files, (?P<people_pages>\d+) people pages, "
    r"(?P<people_json>\d+) people\.json entries; (?P<listed>\d+)/(?P<claimed>\d+) claims "
    r"listed on their claimant's page; (?P<cards>\d+)/(?P<card_pages>\d+) share cards$",
    re.MULTILINE)


def lychee(site: Path, report_dir: Path) -> tuple[int, dict[str, Any]]:
    report = report_dir / "lychee.json"
    proc = subprocess.run(
        [str(LYCHEE), *LYCHEE_FLAGS, "--root-dir", str(site), "--no-progress",
         "--format", "json", "--output", str(report), str(site)],
        capture_output=True, text=True, timeout=300, check=False)
    assert report.is_file(), proc.stderr
    return proc.returncode, json.loads(report.read_text(encoding="utf-8"))


def broken(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return sorted((page, e["url"], e["status"]["text"])
                  for page, errors in report["error_map"].items() for e in errors)


def assert_content_checks_pass(root: Path, work: Path) -> None:
    """Every content check on the project at `root`; `work` is an empty folder for the site."""
    checked = run_cli(["check", "--root", str(root)])
    assert checked.code == 0, checked.out
    assert checked.errors == []

    settings, problems = load_settings(root)
    assert problems == []
    loaded = load_all(settings)
    claims = list(loaded.claims.values())
    assert claims, "the project has no claim"
    assert loaded.drafts == {}
    registry, registry_problems = build_registry(loaded.people, settings)
    assert registry_problems == []
    unmet = [(c.slug, c.verdict, [need.value for need in j.missing])
             for c in claims if not (j := judge(c, loaded.sources, settings, registry)).holds]
    assert unmet == [], "claims whose evidence does not meet their verdict's rules"

    site = work / "site"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", "--root", str(root), "--site-dir", str(site)])
    assert code == 0, err.getvalue()
    census = CENSUS.search(err.getvalue())
    assert census, err.getvalue()
    n = {k: int(v) for k, v in census.groupdict().items()}
    assert n["files"] == n["pages"] == n["json"] == len(claims), n
    assert n["ld"] == sum(c.rated for c in claims), n
    assert n["anchored"] == n["items"] > 0, n
    assert n["shown"] == n["cited"] > 0, n
    assert n["people"] == n["people_pages"] == n["people_json"] == len(loaded.people) > 0, n
    assert n["listed"] == n["claimed"] == len(claims), n
    assert n["cards"] == n["card_pages"] == len(claims), n

    code, report = lychee(site, work)
    assert broken(report) == []
    assert code == 0
    built = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    assert report["successful"] >= sum(len(c["evidence"]) for c in built) > 0
