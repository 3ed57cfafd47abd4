"""The preview: `factcheck serve` rebuilds only what an edit changed, and shows it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.check import CheckResult, run_check
from generator.preview.cache import CheckMemory
from siteutil import copy_project

pytestmark = pytest.mark.site

T = TypeVar("T")
CLAIM = "peacekeepers-failed-to-stop-2023-offensive"
OTHER = "armenian-border-crisis-since-may-2021"
GONE = "moscow-taking-sides-with-azerbaijan"  # no other page links to it: it may be deleted


def edit_summary(root: Path, slug: str, marker: str) -> None:
    path = root / "content" / "claims" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert "\nsummary: >-\n" in text, f"{path} has no folded summary"
    path.write_text(text.replace("\nsummary: >-\n", f"\nsummary: >-\n  {marker}\n", 1),
                    encoding="utf-8")


def rename_entry(root: Path) -> None:
    """The registry's "Armenian authorities" renamed "Armenian officials"."""
    entry = root / "content" / "people" / "armenian-authorities.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("\nname: Armenian authorities\n",
                                  "\nname: Armenian officials\naliases: [Armenian authorities]\n"),
                     encoding="utf-8")


def page_times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("index.html")}


def dirty_build(root: Path, site: Path, start: bool = False) -> None:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site),
                         strict=False)
    if start:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def test_a_dirty_rebuild_writes_exactly_the_pages_an_edit_changed(tmp_path: Path) -> None:
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"
    dirty_build(root, site, start=True)
    before = page_times(site)
    time.sleep(0.01)
    dirty_build(root, site)  # nothing changed: nothing generated is written again
    unchanged = page_times(site)
    generated = [p for p in before if p.startswith(("claims/", "sources/", "topics/"))]
    assert generated and all(unchanged[p] == before[p] for p in generated)

    edit_summary(root, CLAIM, "Edited in the preview test.")
    dirty_build(root, site)
    after = page_times(site)
    rewritten = {p for p in generated if after[p] != before[p]}
    claim_page = site / "claims" / CLAIM / "index.html"
    assert "Edited in the preview test." in claim_page.read_text(encoding="utf-8")
    assert f"claims/{CLAIM}/index.html" in rewritten
    # The summary shows on the claim page and in listings, not on other claims or sources.
    assert f"claims/{OTHER}/index.html" not in rewritten
    assert not any(p.startswith("sources/") for p in rewritten)
    assert len(rewritten) < len(generated) / 4


def test_a_new_source_title_rebuilds_the_claims_citing_it(tmp_path: Path) -> None:
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"
    dirty_build(root, site, start=True)
    source = root / "sources" / "lavrov-mirzoyan-talks.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\ntitle: ", "\ntitle: Retitled ", 1), encoding="utf-8")
    dirty_build(root, site)
    html = (site / "claims" / CLAIM / "index.html").read_text(encoding="utf-8")
    assert "Retitled " in html


def test_a_renamed_registry_entry_shows_on_its_claims_and_its_page(tmp_path: Path) -> None:
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"
    dirty_build(root, site, start=True)
    rename_entry(root)
    dirty_build(root, site)
    html = (site / "claims" / CLAIM / "index.html").read_text(encoding="utf-8")
    assert ">Armenian officials</a>" in html  # the claimant, linked to its page
    person = (site / "people" / "armenian-authorities" / "index.html").read_text(
        encoding="utf-8")
    assert "<h1" in person and "Armenian officials" in person


def test_a_deleted_claim_leaves_the_preview(tmp_path: Path) -> None:
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"
    dirty_build(root, site, start=True)
    assert (site / "claims" / GONE / "index.html").is_file()
    (root / "content" / "claims" / f"{GONE}.md").unlink()
    dirty_build(root, site)
    assert not (site / "claims" / GONE / "index.html").exists()
    assert (site / "claims" / CLAIM / "index.html").is_file()
    listing = (site / "claims" / "index.html").read_text(encoding="utf-8")
    assert GONE not in listing and CLAIM in listing


def test_the_cache_reloads_only_changed_files(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    memory = CheckMemory()

    def check() -> CheckResult:
        result = run_check(root, steps=memory.steps())
        memory.sweep()
        return result

    first = check()
    again = check()
    assert first.ok and again.ok
    assert all(again.corpus.claims[s] is first.corpus.claims[s] for s in first.corpus.claims)
    assert all(again.corpus.evidence[s] is first.corpus.evidence[s]
               for s in first.corpus.claims)

    # Keys are digests of content: a file touched but unchanged is not read again.
    path = root / "content" / "claims" / f"{OTHER}.md"
    path.write_bytes(path.read_bytes())
    os.utime(path, ns=(1, 1))
    assert check().corpus.claims[OTHER] is first.corpus.claims[OTHER]

    edit_summary(root, CLAIM, "Changed.")
    third = check()
    assert third.corpus.claims[CLAIM] is not first.corpus.claims[CLAIM]
    assert third.corpus.claims[CLAIM].summary.startswith("Changed.")
    assert third.corpus.claims[OTHER] is first.corpus.claims[OTHER]
    # Same answers as a check with no cache at all.
    fresh = run_check(root)
    assert third.diagnostics == fresh.diagnostics
    assert third.corpus.citations == fresh.corpus.citations


def test_the_cache_reports_errors_again_on_every_run(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    memory = CheckMemory()
    path = root / "content" / "claims" / f"{CLAIM}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "source: lavrov-mirzoyan-talks", "source: lavrov-talks", 1),
        encoding="utf-8")
    for _ in range(2):
        result = run_check(root, steps=memory.steps())
        memory.sweep()
        assert [d.format_text() for d in result.diagnostics] == [
            d.format_text() for d in run_check(root).diagnostics]
        assert any("unknown source `lavrov-talks`" in d.message for d in result.diagnostics)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


@contextlib.contextmanager
def serving(root: Path, log_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`factcheck serve` on `root` in a fresh interpreter, on a free port; stopped with
    Ctrl+C (SIGINT) as a contributor stops it."""
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.commands.cli", "serve", "--root", str(root),
             "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            yield f"http://127.0.0.1:{port}/", server
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_for(fetch_page: Callable[[], T], wanted: Callable[[T], bool],
             server: subprocess.Popen[bytes], log_path: Path, seconds: float) -> T:
    """What `fetch_page` gives once `wanted` holds of it, asked again until it does."""
    deadline = time.monotonic() + seconds
    while True:
        text = fetch_page()
        if wanted(text):
            return text
        assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
        time.sleep(0.1)


@pytest.mark.skipif(sys.platform == "win32", reason="stops the server with SIGINT")
def test_factcheck_serve_shows_an_edit(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    with serving(root, log) as (base, server):
        url = f"{base}claims/{CLAIM}/"
        wait_for(lambda: fetch(url), lambda t: "Competing accounts" in t, server, log, 120)
        time.sleep(1)
        edit_summary(root, CLAIM, "Shown by the running server.")
        wait_for(lambda: fetch(url), lambda t: "Shown by the running server." in t, server,
                 log, 60)
        assert "Competing accounts" in fetch(f"{base}claims/{OTHER}/")


def answer(url: str) -> tuple[int, str, float]:
    """Status, body and seconds taken; a request that hangs fails the test."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            code, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        code, body = exc.code, exc.read()
    except TimeoutError as exc:
        raise AssertionError(f"{url} hung for 20 s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise AssertionError(f"{url} hung for 20 s") from exc
        code, body = 0, b""  # not listening yet
    return code, body.decode("utf-8"), time.monotonic() - started


BROKEN_VERDICT = 'verdict: "<script>alert(1)</script>"'
SHOWN_VERDICT = "<code>verdict</code> is <code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"


def break_verdict(root: Path) -> str:
    """Give the claim a verdict that is not on the scale (and is hostile HTML); returns
    the claim as it was."""
    path = root / "content" / "claims" / f"{CLAIM}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^verdict: .*$", BROKEN_VERDICT, text, count=1),
                    encoding="utf-8")
    return text


@pytest.mark.skipif(sys.platform == "win32", reason="stops the server with SIGINT")
def test_an_error_is_shown_over_the_last_good_site_until_it_is_fixed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    with serving(root, log) as (base, server):
        url = f"{base}claims/{CLAIM}/"
        wait_for(lambda: fetch(url), lambda t: "Competing accounts" in t, server, log, 120)
        time.sleep(1)
        good = break_verdict(root)
        answers: list[tuple[int, str, float]] = []

        def shown() -> str:
            answers.append(answer(url))
            return answers[-1][1]

        page = wait_for(shown, lambda t: "fc-preview-errors" in t, server, log, 60)
        # No request waited for a build that could not succeed.
        assert all(seconds < 10 for _, _, seconds in answers), answers
        assert answers[-1][0] == 200
        assert "Competing accounts" in page, "the last good page, under the errors"
        assert "this preview shows the last good build" in page
        line = good.split("\n").index(next(x for x in good.split("\n")
                                            if x.startswith("verdict:"))) + 1
        assert f"<code>content/claims/{CLAIM}.md:{line}:10</code> {SHOWN_VERDICT}" in page
        assert "<script>alert(1)" not in page
        # Every page shows the errors, not only the broken claim's.
        code, other, _ = answer(f"{base}claims/{OTHER}/")
        assert code == 200 and SHOWN_VERDICT in other

        (root / "content" / "claims" / f"{CLAIM}.md").write_text(good, encoding="utf-8")
        page = wait_for(lambda: answer(url)[1], lambda t: "fc-preview-errors" not in t,
                        server, log, 60)
        assert "Competing accounts" in page
        assert "fc-preview-errors" not in answer(f"{base}claims/{OTHER}/")[1]


@pytest.mark.skipif(sys.platform == "win32", reason="stops the server with SIGINT")
def test_a_preview_that_starts_with_an_error_serves_the_list_of_errors(tmp_path: Path
                                                                        ) -> None:
    root = copy_project(tmp_path / "p")
    good = break_verdict(root)
    log = tmp_path / "serve.log"
    with serving(root, log) as (base, server):
        url = f"{base}claims/{CLAIM}/"
        code, page = wait_for(lambda: answer(url)[:2], lambda t: bool(t[0]), server, log, 120)
        assert code == 500
        assert "1 error: the site cannot be built" in page
        assert SHOWN_VERDICT in page and "<script>alert(1)" not in page
        assert "Competing accounts" not in page
        code, home, _ = answer(base)
        assert code == 500 and SHOWN_VERDICT in home
        assert "the preview shows them in place of the site" in log.read_text()

        (root / "content" / "claims" / f"{CLAIM}.md").write_text(good, encoding="utf-8")
        page = wait_for(lambda: answer(url)[1], lambda t: "Competing accounts" in t,
                        server, log, 120)
        assert "fc-preview-errors" not in page
        assert answer(url)[0] == 200


@pytest.mark.browser
@pytest.mark.skipif(sys.platform == "win32", reason="stops the server with SIGINT")
def test_in_chromium_the_page_shows_the_errors_and_the_fix_by_itself(tmp_path: Path) -> None:
    """The open page reloads when a build ends, under the pages' Content-Security-Policy:
    the errors appear over it, can be hidden, and go when the claim is fixed."""
    from test_browser import CHROMIUM

    playwright_api = pytest.importorskip("playwright.sync_api")
    root = copy_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    with serving(root, log) as (base, server), playwright_api.sync_playwright() as p:
        url = f"{base}claims/{CLAIM}/"
        wait_for(lambda: fetch(url), lambda t: "Competing accounts" in t, server, log, 120)
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        page = browser.new_page()
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text)
                if "Content Security Policy" in m.text and "preview" in m.text else None)
        page.goto(url)
        page.wait_for_load_state("load")
        errors = page.locator("#fc-preview-errors")
        assert errors.count() == 0

        good = break_verdict(root)
        errors.wait_for(state="visible", timeout=30_000)  # no reload by hand
        assert "<script>alert(1)</script>" in errors.inner_text()
        codes = errors.locator("li").first.locator("code").all_inner_texts()
        assert codes[0].startswith(f"content/claims/{CLAIM}.md:")
        assert codes[1:3] == ["verdict", "<script>alert(1)</script>"], "code spans as code"
        assert page.evaluate("window.getComputedStyle("
                             "document.getElementById('fc-preview-errors')).position") == "fixed"
        page.get_by_role("button", name="Hide").click()
        errors.wait_for(state="hidden", timeout=5_000)

        (root / "content" / "claims" / f"{CLAIM}.md").write_text(good, encoding="utf-8")
        page.wait_for_function(
            "() => document.querySelector('h1') && !document.getElementById('fc-preview-errors')"
            " && performance.getEntriesByType('navigation')[0].type === 'reload'",
            timeout=30_000)
        assert page.locator("#competing-accounts").count() == 1
        browser.close()
    assert violations == []


def site_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*.html") if "pagefind" not in p.parts}


def test_after_edits_the_preview_shows_what_a_fresh_build_does(tmp_path: Path) -> None:
    """Pages kept from earlier builds (a claim's or source's plan, by what it reads) are
    never stale: after edits of a claim, a source and the registry, every page of the
    preview is the page a fresh build writes."""
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"
    dirty_build(root, site, start=True)
    edit_summary(root, CLAIM, "Edited in the preview test.")
    dirty_build(root, site)
    source = root / "sources" / "lavrov-mirzoyan-talks.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\ntitle: ", "\ntitle: Retitled ", 1), encoding="utf-8")
    dirty_build(root, site)
    rename_entry(root)
    dirty_build(root, site)
    other = root / "content" / "claims" / f"{OTHER}.md"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("\ntitle: ", "\ntitle: Retitled claim ", 1), encoding="utf-8")
    dirty_build(root, site)
    assert "Retitled claim " in (site / "sources" / "sochi-summit-broker-peace" / "index.html"
                            ).read_text(encoding="utf-8")

    fresh = tmp_path / "fresh"
    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(fresh), strict=False))
    preview, built = site_pages(site), site_pages(fresh)
    assert preview.keys() == built.keys()
    differ = [p for p in built if preview[p] != built[p]]
    assert differ == []
