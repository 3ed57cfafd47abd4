"""The preview: `factcheck serve` rebuilds only what an edit changed, and shows it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.check import CheckResult, run_check
from generator.preview.cache import CheckMemory
from siteutil import copy_project

CLAIM = "peacekeepers-failed-to-stop-2023-offensive"
OTHER = "armenian-border-crisis-since-may-2021"


def edit_summary(root: Path, slug: str, marker: str) -> None:
    path = root / "content" / "claims" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert "\nsummary: >-\n" in text, f"{path} has no folded summary"
    path.write_text(text.replace("\nsummary: >-\n", f"\nsummary: >-\n  {marker}\n", 1),
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


def test_a_deleted_claim_leaves_the_preview(tmp_path: Path) -> None:
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"
    dirty_build(root, site, start=True)
    assert (site / "claims" / OTHER / "index.html").is_file()
    (root / "content" / "claims" / f"{OTHER}.md").unlink()
    dirty_build(root, site)
    assert not (site / "claims" / OTHER / "index.html").exists()
    assert (site / "claims" / CLAIM / "index.html").is_file()
    listing = (site / "claims" / "index.html").read_text(encoding="utf-8")
    assert OTHER not in listing and CLAIM in listing


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


@pytest.mark.skipif(sys.platform == "win32", reason="stops the server with SIGINT")
def test_factcheck_serve_shows_an_edit(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.commands.cli", "serve", "--root", str(root),
         "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/claims/{CLAIM}/"
    try:
        deadline = time.monotonic() + 120
        while "Competing accounts" not in fetch(url):
            assert server.poll() is None and time.monotonic() < deadline, (
                (tmp_path / "serve.log").read_text())
            time.sleep(0.2)
        time.sleep(1)
        edit_summary(root, CLAIM, "Shown by the running server.")
        deadline = time.monotonic() + 60
        while "Shown by the running server." not in fetch(url):
            assert server.poll() is None and time.monotonic() < deadline, (
                (tmp_path / "serve.log").read_text())
            time.sleep(0.1)
        assert "Competing accounts" in fetch(f"http://127.0.0.1:{port}/claims/{OTHER}/")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
