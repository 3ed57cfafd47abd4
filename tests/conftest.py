"""Fixtures for the core tests: a fresh copy of the seed fixture per test, and the seed site
built once a session."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from checkutil import Project
from siteutil import MULTILINGUAL, build, copy_project

# Under CI the property tests draw the same examples every run, so a red build always
# points at a change; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project folder with copies of the seed fixture's sources/, mkdocs.yml and sources.lock."""
    return Project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed fixture's project, built once for the session into a temporary folder.
    Tests read it and never write to it; a test that changes a site builds its own (a
    module may define its own `site`, as test_history does with a git history)."""
    root = copy_project(tmp_path_factory.mktemp("seed-project"))
    return build(root, tmp_path_factory.mktemp("seed-site"))


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The multilingual fixture (tests/fixtures/multilingual/: sources in Russian, Armenian
    and Azerbaijani written for the tests, an English site), built once for the session."""
    root = copy_project(tmp_path_factory.mktemp("multilingual-project"), origin=MULTILINGUAL)
    return build(root, tmp_path_factory.mktemp("multilingual-site"))


@pytest.fixture(scope="session")
def claims(site: Path) -> list[dict[str, Any]]:
    """The seed site's `claims.json` entries."""
    data: list[dict[str, Any]] = json.loads(
        (site / "claims.json").read_text(encoding="utf-8"))["claims"]
    return data


# Fixtures that build a whole site: a test that uses one is marked `site`, as a test that
# builds one itself is marked by hand, so `-m "not site"` gives the fast loop.
SITE_FIXTURES = frozenset({"site", "claims", "desk_site", "hostile_site", "sites", "claim_url",
                           "multilingual_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SITE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
