"""Settings come from the config file a command or MkDocs was given, and their problems are
reported by every command that reads them, at the file's line and column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checkutil import assert_no_traceback, line_of, run_cli
from siteutil import copy_project

CLAIM = "content/claims/peacekeepers-failed-to-stop-2023-offensive.md"


def other_config(root: Path, per_page: str) -> Path:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "per_page: 20" in text
    path = root / "other.yml"
    path.write_text(text.replace("per_page: 20", f"per_page: {per_page}"), encoding="utf-8")
    return path


def listing_pages(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "claims" / "page").glob("*/index.html"))


@pytest.mark.site
def test_mkdocs_build_honours_the_config_file_it_is_given(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    other_config(root, "5")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "other.yml",
         "-d", str(tmp_path / "site")], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    claims = len(list((root / "content" / "claims").glob("*.md")))
    # `per_page: 5` from other.yml, not 20 from mkdocs.yml beside it.
    assert listing_pages(tmp_path / "site") == [str(n) for n in range(2, -(-claims // 5) + 1)]


@pytest.mark.site
def test_factcheck_build_takes_a_config_file(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    other_config(root, "4")
    site = tmp_path / "site"
    result = run_cli(["build", "--root", str(root), "--config-file", "other.yml",
                      "--site-dir", str(site)])
    assert result.code == 0, result.err
    assert "2" in listing_pages(site) and "5" in listing_pages(site)


@pytest.mark.parametrize("argv", [
    ["check"],
    ["suggest", CLAIM],
    ["new", "claim", "a-new-claim"],
    ["new", "source", "a-new-source"],
    ["pin", "--all"],
    ["urls"],
    ["schema", "--out", "schemas"],
    ["build"],
])
def test_a_broken_setting_is_reported_by_every_command(tmp_path: Path, argv: list[str]
                                                       ) -> None:
    root = copy_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("per_page: 20", "per_page: many")
    config.write_text(text, encoding="utf-8")
    result = run_cli([*argv, "--root", str(root)])
    assert_no_traceback(result)
    assert result.code == 1, (result.out, result.err)
    line = line_of(text, "      per_page: many")
    assert f"mkdocs.yml:{line}:17: error: `per_page` must be a whole number" in result.out
    # Nothing was written on the strength of default settings.
    assert not (root / "content" / "claims" / "a-new-claim.md").exists()
    assert not (root / "sources" / "a-new-source.md").exists()
    assert not (root / "schemas").exists()
    assert not (root / "site").exists()


def test_the_config_file_named_is_the_one_reported(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    text = other_config(root, "-x-").read_text(encoding="utf-8")
    result = run_cli(["check", "--root", str(root), "--config-file", "other.yml"])
    assert result.code == 1
    assert f"other.yml:{line_of(text, '      per_page: -x-')}:17: error:" in result.out
    clean = run_cli(["check", "--root", str(root)])
    assert clean.code == 0, clean.out


def test_a_config_file_that_is_not_there_is_bad_usage(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    result = run_cli(["check", "--root", str(root), "--config-file", "missing.yml"])
    assert result.code == 2
    assert "--config-file missing.yml is not a file" in result.err
