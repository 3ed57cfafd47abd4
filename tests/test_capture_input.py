"""What `factcheck capture` is given: a web address typed without its scheme, or with a
wrong one, is one error line proposing the `https://` form, while a saved page is read
whatever its path looks like; and a refusal is that one line, with no library's log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from captureutil import page_bytes, tree_state
from checkutil import assert_no_traceback, run_cli, run_subprocess
from siteutil import copy_project


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", claims=False)


@pytest.mark.parametrize(("target", "proposed"), [
    ("www.example.org/news/2024/03/border-talks", "https://www.example.org/news/2024/03/border-talks"),
    ("example.org/x", "https://example.org/x"),
    ("news.example.co.uk", "https://news.example.co.uk"),
    ("example.org:8080/story.html?id=4#top", "https://example.org:8080/story.html?id=4#top"),
    ("htps://example.org/news/x", "https://example.org/news/x"),
    ("https//example.org/news/x", "https://example.org/news/x"),
    ("http:/example.org/news/x", "https://example.org/news/x"),
    ("ftp://example.org/news/x", "https://example.org/news/x"),
    ("HTTPS:example.org/x", "https://example.org/x"),
])
def test_a_web_address_capture_cannot_fetch_gets_the_https_form(
        project: Path, target: str, proposed: str) -> None:
    before = tree_state(project)
    result = run_cli(["capture", "--root", str(project), target])
    assert_no_traceback(result)
    assert (result.code, result.out) == (1, "")
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith(f"factcheck capture: error: `{target}` ")
    assert result.err.endswith(f"did you mean `{proposed}`?\n")
    assert "No such file" not in result.err
    assert tree_state(project) == before


@pytest.mark.parametrize(("target", "says"), [
    ("missing.html", "cannot read missing.html: No such file or directory"),
    ("pages/missing.htm", "cannot read pages/missing.htm: No such file or directory"),
    ("notes.txt", "notes.txt is not an .html file"),
    ("file:///srv/pages/story.html", "is a file URL; give the saved page's path instead, "
                                     "e.g. `/srv/pages/story.html`"),
])
def test_what_is_no_web_address_is_read_as_a_file(project: Path, target: str, says: str
                                                  ) -> None:
    result = run_cli(["capture", "--root", str(project), target])
    assert (result.code, result.out) == (1, "")
    assert result.err.count("\n") == 1 and says in result.err, result.err
    assert "did you mean `https://" not in result.err


def test_a_saved_page_is_read_whatever_its_path_looks_like(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder named after the site, as browsers and wget save pages, is still a folder."""
    monkeypatch.chdir(tmp_path)
    saved = Path("www.caspianledger.example") / "border-talks.html"
    saved.parent.mkdir()
    saved.write_bytes(page_bytes("wordpress.html", "https://www.caspianledger.example"))
    result = run_cli(["capture", "--root", str(project), str(saved), "--id", "saved"])
    assert result.code == 0, result.err
    assert (project / "sources" / "saved.md").is_file()


EMPTY_PAGE = "<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>"
REFUSAL = ("factcheck capture: error: no article text found on the page; if it has one, save "
           "the page as HTML from a browser and capture the file\n")


def test_a_refusal_is_its_one_line_without_library_logs(project: Path, tmp_path: Path
                                                         ) -> None:
    """trafilatura logs "discarding data: None" for a page with no text; a fresh
    interpreter shows what a contributor's terminal shows."""
    page = tmp_path / "empty.html"
    page.write_text(EMPTY_PAGE, encoding="utf-8")
    quiet = run_subprocess(["capture", "--root", str(project), str(page)])
    assert (quiet.code, quiet.out, quiet.err) == (1, "", REFUSAL)

    verbose = run_subprocess(["capture", "--root", str(project), str(page), "-v"])
    assert verbose.code == 1 and verbose.err.endswith(REFUSAL)
    assert re.search(r"^trafilatura[\w.]*: discarding data: None$", verbose.err, re.M), (
        verbose.err)


def test_library_loggers_are_as_they_were_after_a_capture(project: Path, tmp_path: Path
                                                          ) -> None:
    import logging

    page = tmp_path / "empty.html"
    page.write_text(EMPTY_PAGE, encoding="utf-8")
    logger = logging.getLogger("trafilatura")
    before = logger.level
    assert run_cli(["capture", "--root", str(project), str(page)]).code == 1
    assert logger.level == before
