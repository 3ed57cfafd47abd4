"""Settings come from the config file a command or MkDocs was given, and their problems are
reported by every command that reads them, at the file's line and column."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config.base import get_schema

from checkutil import assert_no_traceback, line_of, run_cli
from generator.content.settings import (
    DEFAULT_VERDICTS,
    SETTINGS_FIELDS,
    Desk,
    PluginOptions,
    Settings,
    load_settings,
)
from generator.mkdocs_adapter.config import FactcheckConfig
from generator.mkdocs_adapter.plugin import FactcheckPlugin
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


# -- each option declared once -------------------------------------------------------------

OPTIONS = dataclasses.fields(PluginOptions)


def test_every_option_is_declared_once_and_the_rest_is_made_from_it() -> None:
    """The validator's fields, MkDocs' config class and the defaults of `Settings` all come
    from `PluginOptions`: the same names, in the same order."""
    names = [f.name for f in OPTIONS]
    assert names == [f.name for f in SETTINGS_FIELDS] == [n for n, _ in get_schema(
        FactcheckConfig)] == ["sources_dir", "claims_dir", "people_dir", "per_page",
                              "organisation", "verdicts", "topics", "desk", "build_future"]
    assert FactcheckPlugin.config_class is FactcheckConfig
    assert all(f.description for f in SETTINGS_FIELDS)
    assert {f.name for f in dataclasses.fields(Settings)} >= set(names)


def test_options_left_out_take_their_declared_defaults(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: A desk\nplugins:\n  - factcheck:\n      per_page: 7\n",
        encoding="utf-8")
    settings, diags = load_settings(tmp_path)
    assert not [d for d in diags if d.severity.value == "error"]
    assert settings.per_page == 7
    for option in OPTIONS:
        if option.name != "per_page":
            assert getattr(settings, option.name) == option.default, option.name
    assert (settings.sources_dir, settings.claims_dir, settings.people_dir) == (
        "sources", "content/claims", "content/people")
    assert settings.verdicts == DEFAULT_VERDICTS and settings.desk == Desk()
    assert settings.organisation is None and settings.build_future is False
    # Without a config file, and from the class itself, the same defaults.
    bare = Settings(tmp_path / "none")
    assert [getattr(bare, o.name) for o in OPTIONS] == [o.default for o in OPTIONS]
    assert load_settings(tmp_path / "none")[0].per_page == 20


def test_options_given_replace_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: A desk\nplugins:\n  - factcheck:\n      sources_dir: articles\n"
        "      per_page: 0\n      organisation: The Desk\n      build_future: true\n"
        "      desk: {name: The Desk}\n"
        "      topics: [{slug: borders, name: Borders}]\n"
        "      verdicts: [{key: ok, label: OK, definition: Fine., colour: green, icon: o}]\n",
        encoding="utf-8")
    settings, diags = load_settings(tmp_path)
    assert not [d for d in diags if d.severity.value == "error"], diags
    assert settings.sources_dir == "articles" and settings.claims_dir == "content/claims"
    assert settings.per_page == 1  # at least one entry a page
    assert settings.organisation == "The Desk" and settings.build_future is True
    assert settings.desk == Desk(name="The Desk")
    assert [t.slug for t in settings.topics] == ["borders"]
    assert settings.verdict_keys == ("ok",)


def test_mkdocs_refuses_an_unknown_option_and_a_wrong_type(tmp_path: Path) -> None:
    """MkDocs' own check of the options, from the class made of the declaration."""
    root = copy_project(tmp_path / "p", claims=False)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def build(changed: str) -> subprocess.CompletedProcess[str]:
        config.write_text(changed, encoding="utf-8")
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "s")],
            cwd=root, capture_output=True, text=True, check=False, env=env)

    unknown = build(text.replace("per_page: 20", "per_page: 20\n      colour: red"))
    assert unknown.returncode != 0
    assert ("Plugin 'factcheck' option 'colour': Unrecognised configuration name: colour"
            in unknown.stderr)
    wrong = build(text.replace("per_page: 20", "per_page: many"))
    assert wrong.returncode != 0
    assert ("Plugin 'factcheck' option 'per_page': Expected type: <class 'int'> but "
            "received: <class 'str'>" in wrong.stderr)
    assert not (tmp_path / "s").exists()
