"""Fixtures for the core tests: a fresh project with the real sources, per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from checkutil import Project
from siteutil import build, copy_project

# Under CI the property tests draw the same examples every run, so a red build always
# points at a change; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project folder with copies of the real sources/, mkdocs.yml and sources.lock."""
    return Project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own project, built once for the session into a temporary folder.
    Tests read it and never write to it; a test that changes a site builds its own."""
    root = copy_project(tmp_path_factory.mktemp("seed-project"))
    return build(root, tmp_path_factory.mktemp("seed-site"))
