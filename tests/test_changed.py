"""`factcheck check --changed`: only changed files and the claims citing changed sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkutil import Result, run_cli
from gitrepo import ACCUSATION, DENIAL, FAILURE, Repo, claim_text
from siteutil import copy_project

BAD_QUOTE = """\
  - source: russia-urges-talks
    quote: "Russian peacekeepers stopped the offensive at once"
    stance: supports
"""


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """Four claims on main, one of them broken since before the change under review."""
    repo = Repo(tmp_path / "project")
    repo.claim(claim_text("unproven", FAILURE), "urges")
    repo.claim(claim_text("unproven", ACCUSATION), "accuses")
    repo.claim(claim_text("unproven", DENIAL), "denies")
    repo.claim(claim_text("unproven", BAD_QUOTE), "old-broken")
    repo.commit("Base", "2026-11-20T09:00:00+00:00")
    return repo


def check(repo: Repo, *args: str) -> Result:
    return run_cli(["check", "--root", str(repo.root), *args])


def paths(result: Result) -> set[str]:
    return {d.path for d in result.diags}


def test_a_full_check_sees_the_old_problem(repo: Repo) -> None:
    result = check(repo)
    assert result.code == 1
    assert paths(result) == {"content/claims/old-broken.md"}


def test_only_changed_files_and_claims_citing_changed_sources_are_reported(repo: Repo
                                                                           ) -> None:
    repo.claim(claim_text("unproven", BAD_QUOTE), "urges")  # changed, uncommitted
    repo.claim(claim_text("unproven", BAD_QUOTE), "new-draft")  # untracked
    source = repo.root / "sources" / "lavrov-mirzoyan-talks.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Armenian authorities accuse", "Armenian officials accuse"), encoding="utf-8")
    result = check(repo, "--changed", "HEAD")
    assert result.code == 1
    assert paths(result) == {
        "content/claims/urges.md", "content/claims/new-draft.md",
        "sources/lavrov-mirzoyan-talks.md",  # its text no longer matches its pin
        "content/claims/accuses.md",  # unchanged, but cites the changed source
    }
    accuses = result.errors_for("content/claims/accuses.md")
    assert len(accuses) == 1 and "the quote is not in source" in accuses[0].message
    # `denies` cites the changed source too, with a quote the edit left alone.
    assert "content/claims/denies.md" not in paths(result)
    assert ("3 file(s) changed since HEAD; checking 2 changed claim(s), 1 changed source(s) "
            "and 2 claim(s) citing them") in result.err
    assert "4 sources" not in result.err


def test_committed_changes_count_from_the_merge_base(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "edit")
    repo.claim(claim_text("unproven", BAD_QUOTE), "denies")
    repo.commit("Break a claim", "2026-11-21T09:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.claim(claim_text("unproven", BAD_QUOTE), "urges")
    repo.commit("Main moves on", "2026-11-22T09:00:00+00:00")
    repo.git("checkout", "-q", "edit")
    result = check(repo, "--changed", "main")
    assert paths(result) == {"content/claims/denies.md"}  # not main's later change
    assert "(merge base " in result.err


def test_the_default_base_is_origin_main_else_head(repo: Repo) -> None:
    repo.claim(claim_text("unproven", BAD_QUOTE), "denies")
    repo.commit("Break a claim", "2026-11-21T09:00:00+00:00")
    result = check(repo, "--changed")
    assert result.code == 0 and result.out == ""  # HEAD: nothing uncommitted
    assert "since HEAD" in result.err
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD~1")
    result = check(repo, "--changed")
    assert result.code == 1
    assert paths(result) == {"content/claims/denies.md"}
    assert "since origin/main" in result.err


def test_a_clean_change_prints_nothing_and_exits_0(repo: Repo) -> None:
    repo.claim(claim_text("mostly-true", FAILURE, DENIAL), "urges")
    result = check(repo, "--changed", "HEAD")
    assert (result.code, result.out) == (0, "")
    assert "1 file(s) changed since HEAD; checking 1 changed claim(s)" in result.err


def test_a_deleted_source_reports_the_claims_that_cite_it(repo: Repo) -> None:
    (repo.root / "sources" / "russia-urges-talks.md").unlink()
    result = check(repo, "--changed", "HEAD", "--format", "github")
    lines = result.out.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in lines}
    # old-broken cites it too, so it is reported now: the change affects it.
    assert "content/claims/urges.md" in files and "content/claims/old-broken.md" in files
    assert any("unknown source `russia-urges-talks`" in line for line in lines)


def test_a_changed_configuration_checks_everything(repo: Repo) -> None:
    config = repo.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    result = check(repo, "--changed", "HEAD")
    assert paths(result) == {"content/claims/old-broken.md"}
    assert "mkdocs.yml changed since HEAD, so everything is checked" in result.err


def test_outside_git_or_with_a_bad_revision_it_is_bad_usage(repo: Repo, tmp_path: Path
                                                            ) -> None:
    result = check(repo, "--changed", "no-such-branch")
    assert result.code == 2 and result.out == ""
    assert "cannot compare with `no-such-branch`" in result.err
    plain = copy_project(tmp_path / "plain")  # a project, but no git repository
    result = run_cli(["check", "--root", str(plain), "--changed"])
    assert result.code == 2
    assert "--changed compares with git history" in result.err
    assert "Traceback" not in result.err
