"""Accountability from settings: the desk and its repository, read from mkdocs.yml, warned
of while empty, shown on About and in the footer, and "Report an error" on every claim page
opening the repository's correction form."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from checkutil import SEED_DESK, SEED_REPO, TEST_DESK, TEST_REPO, accountable, line_of, run_cli
from generator.check import run_check
from generator.content.settings import load_settings
from generator.site.urls import is_local_address
from siteutil import REPO, SEED, article, build, copy_project, soup

REPO_URL = "https://github.com/example-desk/factcheck"
SITE_URL = "https://desk.example.org/checks/"


@pytest.fixture(scope="module")
def desk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project with its desk, repository and published address set."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    config = root / "mkdocs.yml"
    text = accountable(config.read_text(encoding="utf-8"))
    config.write_text(text.replace('!ENV [FACTCHECK_SITE_URL, "http://127.0.0.1:8000/"]',
                                   SITE_URL), encoding="utf-8")
    return build(root, tmp_path_factory.mktemp("site"))


def test_check_warns_of_each_empty_setting_where_it_is_and_exits_0(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    result = run_cli(["check", "--root", str(root)])
    assert result.code == 0, result.out
    warnings = [d for d in result.diags if d.severity == "warning"]
    assert [(d.path, d.line, d.message.split(" is ")[0]) for d in warnings] == [
        ("mkdocs.yml", line_of(text, "repo_url:"), "`repo_url`"),
        ("mkdocs.yml", line_of(text, "        name:        # who runs the site"),
         "`desk: name`"),
        ("mkdocs.yml", line_of(text, "        editors:"), "`desk: editors`"),
        ("mkdocs.yml", line_of(text, "        funding:"), "`desk: funding`"),
        ("mkdocs.yml", line_of(text, "        contact:"), "`desk: contact`"),
    ]
    assert "the About page and the footer say it is not published" in warnings[1].message
    assert not result.errors


def test_a_desk_that_set_everything_gets_no_warning(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(accountable(config.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli(["check", "--root", str(root)])
    assert (result.code, result.out) == (0, "")


@pytest.mark.site
def test_the_repository_comes_from_the_environment_as_the_deploy_workflow_sets_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "p")
    monkeypatch.delenv("FACTCHECK_REPO_URL", raising=False)
    settings, problems = load_settings(root)
    assert settings.repo_url is None and not problems  # `null` default: not set
    monkeypatch.setenv("FACTCHECK_REPO_URL", REPO_URL)
    settings, problems = load_settings(root)
    assert settings.repo_url == REPO_URL and not problems
    assert not [d for d in settings.unset if "repo_url" in d.message]
    deploy = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text(
        encoding="utf-8"))
    (step,) = [s for s in deploy["jobs"]["build"]["steps"] if "factcheck build" in
               s.get("run", "")]
    pull = yaml.safe_load((REPO / ".github" / "workflows" / "content.yml").read_text(
        encoding="utf-8"))
    for env in (step["env"], pull["jobs"]["content"]["env"]):
        assert env["FACTCHECK_REPO_URL"] == ("${{ vars.FACTCHECK_REPO_URL || format('{0}/{1}', "
                                             "github.server_url, github.repository) }}")


@pytest.mark.parametrize(("old", "new", "expected"), [
    (SEED_DESK, "      desk: [a, b]\n", "`desk` must be a mapping of keys (name, "
                                         "demonstration, editors, funding, contact), found list"),
    (SEED_DESK, "      desk:\n        nme: The Desk\n",
     "unknown key `nme` in `desk`; did you mean `name`?"),
    (SEED_DESK, "      desk:\n        editors: {a: b}\n", "`editors` must be a list like"),
    (SEED_REPO, "repo_url: ftp://example.org/desk\n", "`repo_url` is `ftp://example.org/desk`: "
                                                      "expected the repository's http(s) address"),
])
def test_a_bad_desk_setting_is_an_error_at_its_line(tmp_path: Path, old: str, new: str,
                                                     expected: str) -> None:
    root = copy_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    result = run_cli(["check", "--root", str(root)])
    assert result.code == 1
    (error,) = result.errors
    assert error.path == "mkdocs.yml" and expected in error.message, error.message
    assert error.line == line_of(text, new.splitlines()[-1])


def test_about_and_every_footer_show_the_desk(desk_site: Path) -> None:
    about = article(soup(desk_site / "about" / "index.html"))
    rows = dict(zip([dt.get_text() for dt in about.select("dl.fc-desk dt")],
                    about.select("dl.fc-desk dd"), strict=True))
    assert {k: v.get_text() for k, v in rows.items()} == {
        "Run by": "The Test Desk", "Editors": "A. Editor, B. Editor",
        "Funding": "Its readers' donations.", "Contact": "desk@example.org",
        "Repository": REPO_URL}
    assert rows["Contact"].select_one("a")["href"] == "mailto:desk@example.org"
    assert rows["Repository"].select_one("a")["href"] == REPO_URL
    for path in (desk_site / "index.html", desk_site / "sources" / "index.html"):
        footer = " ".join(soup(path).select_one("footer .fc-footer-desk").get_text().split())
        assert footer.startswith("Run by: The Test Desk · Editors: A. Editor, B. Editor · "
                                 "Funding: Its readers' donations. · Contact: desk@example.org")
    # The theme's repository link stays, without fetching its stars from GitHub.
    source = soup(desk_site / "index.html").select_one("a.md-source")
    assert source["href"] == REPO_URL and not source.get("data-md-component")


def test_every_claim_page_reports_an_error_in_the_repositorys_correction_form(
        desk_site: Path) -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(
        encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    claims = json.loads((desk_site / "claims.json").read_text(encoding="utf-8"))["claims"]
    assert claims
    for entry in claims:
        page = article(soup(desk_site / "claims" / entry["slug"] / "index.html"))
        link, mail = page.select("p.fc-report a")
        assert link.get_text() == "Report an error"
        # Beside the form, which needs a GitHub account, the desk's e-mail address.
        assert mail["href"].startswith("mailto:desk@example.org?subject=Error%20report%3A%20")
        url = urlsplit(link["href"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == REPO_URL + "/issues/new"
        query = parse_qs(url.query)
        assert query["template"] == ["correction.yml"]
        assert query["claim"] == [f"{SITE_URL}claims/{entry['slug']}/"]
        assert query["title"] == [f"Correction: {entry['title']}"]
        # Every prefilled field is one the form has.
        assert set(query) - {"template", "title"} <= ids
    corrections = article(soup(desk_site / "corrections" / "index.html"))
    link = corrections.select_one("p.fc-report a")
    assert link["href"] == REPO_URL + "/issues/new?template=correction.yml"


def test_the_correction_form_is_a_github_issue_form() -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(
        encoding="utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    kinds = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    for item in form["body"]:
        assert item["type"] in kinds
        assert item["attributes"]["label" if item["type"] != "markdown" else "value"]
    (claim,) = [i for i in form["body"] if i.get("id") == "claim"]
    assert claim["type"] == "input" and claim["validations"]["required"] is True


def test_the_guide_clones_the_real_repository(desk_site: Path) -> None:
    guide = article(soup(desk_site / "contributing" / "index.html"))
    first = guide.select_one("div.highlight pre code").get_text().splitlines()
    assert first[0] == f"git clone {REPO_URL} factcheck"
    assert "repository-url" not in guide.get_text()
    assert guide.get_text().count("git clone") == 1


def test_the_guide_reads_on_github_too() -> None:
    """GitHub shows the raw guide, where an HTML comment shows nothing: the commands stand
    in a region the site replaces with the desk's own."""
    raw = (SEED / "content" / "contributing.md").read_text(encoding="utf-8")
    region = raw.split("<!-- factcheck:clone -->", 1)[1].split("<!-- /factcheck:clone -->")[0]
    assert "git clone <repository-url> factcheck" in region and "```sh" in region


@pytest.mark.site
def test_a_published_address_gives_no_loopback_warning_and_a_loopback_one_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "p")
    monkeypatch.delenv("FACTCHECK_SITE_URL", raising=False)
    result = run_cli(["build", "--root", str(root), "--site-dir", str(tmp_path / "a")])
    assert result.code == 0
    assert ("factcheck: warning: site_url is the local preview address http://127.0.0.1:8000/: "
            "canonical links, ClaimReview, the feed and the sitemap will point there") in result.err
    monkeypatch.setenv("FACTCHECK_SITE_URL", SITE_URL)
    result = run_cli(["build", "--root", str(root), "--site-dir", str(tmp_path / "b")])
    assert result.code == 0
    assert "local preview address" not in result.err


@pytest.mark.site
def test_mkdocs_build_strict_warns_of_a_loopback_address_and_still_builds(tmp_path: Path
                                                                         ) -> None:
    root = copy_project(tmp_path / "p")
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_SITE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
        cwd=root, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("site_url is the local preview address") == 1, result.stderr
    # The desk's empty settings are `check`'s to say: they do not fail a strict build.
    assert "desk: name" not in result.stderr


@pytest.mark.site
def test_serving_the_preview_does_not_warn_of_its_own_address(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.config import load_config

    from generator.mkdocs_adapter.plugin import FactcheckPlugin

    root = copy_project(tmp_path / "p")
    for command, warned in (("serve", False), ("build", True)):
        config = load_config(config_file=str(root / "mkdocs.yml"))
        plugin = config.plugins["factcheck"]
        assert isinstance(plugin, FactcheckPlugin)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="factcheck.site_url"):
            plugin.on_startup(command=command, dirty=False)
            plugin.on_config(config)
            plugin.on_shutdown()
        said = any("local preview address" in r.getMessage() for r in caplog.records)
        assert said is warned, command


@pytest.mark.parametrize(("url", "local"), [
    ("http://127.0.0.1:8000/", True), ("http://localhost:8000/", True),
    ("http://[::1]:8000/", True), ("http://127.1.2.3/", True), ("http://site.localhost/", True),
    ("http://0.0.0.0:8000/", True), ("https://desk.example.org/", False),
    ("http://10.0.0.5/", False), ("", False), (None, False),
])
def test_which_addresses_are_the_local_preview(url: str | None, local: bool) -> None:
    assert is_local_address(url) is local


def test_the_test_desk_differs_from_the_seed() -> None:
    """The content tests' desk is filled in; the seed's is not (and must stay so)."""
    seed = (SEED / "mkdocs.yml").read_text(encoding="utf-8")
    assert SEED_DESK in seed and TEST_DESK not in seed


def test_without_a_repository_a_claim_page_names_the_contact(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from generator.site.pages import generate

    root = copy_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(accountable(config.read_text(encoding="utf-8")).replace(
        "repo_url: https://github.com/example-desk/factcheck\n", ""), encoding="utf-8")
    result = run_check(root)
    assert result.ok and result.settings.repo_url is None
    files = generate(result.corpus, root / "content")
    claim = files["claims/about-two-thousand-russian-peacekeepers/index.md"]
    assert isinstance(claim, str)
    report = BeautifulSoup(claim, "html.parser").select_one("p.fc-report")
    assert "by e-mail to desk@example.org" in report.get_text()
    mail = urlsplit(report.select_one("a")["href"])
    assert (mail.scheme, mail.path) == ("mailto", "desk@example.org")
    query = parse_qs(mail.query)
    assert query["subject"] == ["Error report: Have about 2,000 Russian peacekeepers supported "
                                "the Karabakh ceasefire since November 2020?"]
    assert "claims/about-two-thousand-russian-peacekeepers/" in query["body"][0]
    guide = files["contributing.md"]
    assert isinstance(guide, str)
    assert "git clone <repository-url> factcheck" in guide and "names no repository" in guide


def test_a_demonstration_says_so_names_no_editor_and_sends_readers_to_the_issues(
        tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(SEED_DESK, """\
      desk:
        name: The factcheck project
        demonstration: A demonstration of the generator, not a newsroom's site.
        funding: None, as a demonstration.
""").replace(SEED_REPO, TEST_REPO), encoding="utf-8")
    result = run_check(root)
    # A demonstration names no editors and needs no contact of its own: no warning for either.
    assert [d.message.split(" is empty")[0] for d in result.reported] == []
    site = build(root, tmp_path / "site")
    about = article(soup(site / "about" / "index.html"))
    facts = {dt.get_text(): dd for dt, dd in zip(about.select("dl.fc-desk dt"),
                                                 about.select("dl.fc-desk dd"), strict=True)}
    assert facts["Demonstration"].get_text() == (
        "A demonstration of the generator, not a newsroom's site.")
    assert facts["Editors"].get_text() == "none: a demonstration"
    assert facts["Contact"].select_one("a")["href"] == (
        "https://github.com/example-desk/factcheck/issues")
    footer = " ".join(soup(site / "index.html").select_one(".fc-footer-desk").get_text().split())
    assert footer.startswith("Demonstration: A demonstration of the generator")
