"""Commands find the project upwards from where they run, as git finds its repository, and
refuse a folder that is not a project rather than pass it as an empty one."""

from __future__ import annotations

from pathlib import Path

from checkutil import assert_no_traceback, run_cli, run_subprocess
from siteutil import copy_project


def test_check_from_inside_the_project_checks_the_whole_project(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    claims = len(list((root / "content" / "claims").glob("*.md")))
    result = run_subprocess(["check"], cwd=root / "content" / "claims")
    assert result.code == 0, result.out + result.err
    assert f"5 sources, {claims} claims" in result.err


def test_outside_a_project_check_refuses_instead_of_passing(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-project"
    folder.mkdir()
    result = run_subprocess(["check"], cwd=folder)
    assert_no_traceback(result)
    assert result.code == 2
    assert "not inside a factcheck project: no mkdocs.yml here" in result.err
    assert "0 sources" not in result.err + result.out


def test_a_root_that_is_not_a_project_is_bad_usage(tmp_path: Path) -> None:
    result = run_cli(["check", "--root", str(tmp_path)])
    assert result.code == 2
    assert "is not a factcheck project: it has no mkdocs.yml" in result.err


def test_new_writes_under_the_root_from_any_folder_of_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    here = root / "content" / "claims"
    result = run_subprocess(["new", "claim", "a-new-claim"], cwd=here)
    assert result.code == 0, result.err
    assert (root / "content" / "claims" / "a-new-claim.md").is_file()
    assert not (here / "content").exists()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    refused = run_subprocess(["new", "claim", "another"], cwd=outside)
    assert refused.code == 2 and not list(outside.rglob("*.md"))
