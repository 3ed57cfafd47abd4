"""The preview's background search index: stopped with the preview, it leaves no Pagefind
running and starts none after."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.preview.indexer import BackgroundIndexer

pytestmark = pytest.mark.site

WORDS = ["ceasefire", "border", "delimitation", "peacekeepers", "corridor", "treaty",
         "mediation", "summit"]


def write_site(site: Path, pages: int) -> None:
    """Enough pages that one Pagefind run outlasts the test's steps."""
    for n in range(pages):
        page = site / "p" / str(n) / "index.html"
        page.parent.mkdir(parents=True)
        text = " ".join(f"{WORDS[(n + i) % len(WORDS)]}{i % 97}" for i in range(400))
        page.write_text(f"<!doctype html><html lang=en><head><title>Page {n}</title></head>"
                        f"<body><article><h1>Page {n}</h1><p>{text}</p></article></body></html>",
                        encoding="utf-8")


def test_a_stopped_indexer_kills_its_run_and_starts_no_other(tmp_path: Path) -> None:
    write_site(tmp_path, 3000)
    indexer = BackgroundIndexer()
    indexer.index(tmp_path, "en")
    deadline = time.monotonic() + 30
    while indexer.process is None and time.monotonic() < deadline:
        time.sleep(0.01)
    first = indexer.process
    assert first is not None and first.poll() is None, "Pagefind finished too soon to test"
    indexer.index(tmp_path, "en")  # a rebuild while it runs asks for one more run
    indexer.stop()
    assert indexer.thread is not None
    indexer.thread.join(timeout=60)
    assert not indexer.thread.is_alive()
    assert first.poll() is not None  # killed
    assert indexer.process is first  # and no run started after it
    indexer.index(tmp_path, "en")  # nor later
    assert indexer.process is first and not indexer.thread.is_alive()
