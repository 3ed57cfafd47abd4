"""Fixtures for the core tests: a fresh project with the real sources, per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from checkutil import Project

# Under CI the property tests draw the same examples every run, so a red build always
# points at a change; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project folder with copies of the real sources/, mkdocs.yml and sources.lock."""
    return Project(tmp_path / "project")
