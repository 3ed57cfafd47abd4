"""Build a real site from a project folder into a temporary folder, for tests to read."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from generator.commands.cli import main

REPO = Path(__file__).resolve().parent.parent


def copy_project(dest: Path, *, claims: bool = True) -> Path:
    """The repository's sources, pages and configuration (and claims) in a fresh folder."""
    shutil.copytree(REPO / "sources", dest / "sources")
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(REPO / "sources.lock", dest / "sources.lock")
    shutil.copytree(REPO / "content", dest / "content",
                    ignore=None if claims else shutil.ignore_patterns("claims"))
    (dest / "content" / "claims").mkdir(exist_ok=True)
    return dest


def build(root: Path, site: Path) -> Path:
    code = main(["build", "--root", str(root), "--site-dir", str(site)])
    assert code == 0, f"factcheck build exited {code}"
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(page: BeautifulSoup) -> BeautifulSoup:
    found = page.select_one("article")
    assert found is not None
    return found
