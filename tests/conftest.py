"""Fixtures for the core tests: a fresh project with the real sources, per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkutil import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project folder with copies of the real sources/, mkdocs.yml and sources.lock."""
    return Project(tmp_path / "project")
