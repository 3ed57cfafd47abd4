"""Build a real site from a project folder into a temporary folder, for tests to read.

The tests' project is `tests/fixtures/seed/`: a frozen copy of the seed's sources, pages,
claims, configuration and pins. The desk's live `content/` and `sources/` change every day;
the tool's tests never read them (`tests/test_live_content.py` alone does, with checks
that hold for any content).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from generator.commands.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "fixtures" / "seed"
# Sources in Russian, Armenian and Azerbaijani, written for the tests, and claims citing
# them with the desk's translations: each file says it is a fixture.
MULTILINGUAL = REPO / "tests" / "fixtures" / "multilingual"


def copy_project(dest: Path, *, claims: bool = True, origin: Path = SEED) -> Path:
    """A project's sources, pages, configuration and pins (and claims) in a fresh folder,
    as a clone would hold them: the seed fixture's, or `origin`'s (the live project's, for
    tests/test_live_content.py only)."""
    shutil.copytree(origin / "sources", dest / "sources")
    shutil.copy(origin / "mkdocs.yml", dest / "mkdocs.yml")
    if (origin / "sources.lock").is_file():
        shutil.copy(origin / "sources.lock", dest / "sources.lock")
    shutil.copytree(origin / "content", dest / "content",
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
