"""The preview's rebuilds run with the garbage collector paused, and collect once idle."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.mkdocs_adapter.plugin import FactcheckPlugin
from generator.preview.collector import IdleCollector
from siteutil import copy_project


class Cycle:
    def __init__(self) -> None:
        self.me = self


@contextmanager
def collections() -> Iterator[list[int]]:
    """The generations collected while the block runs."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    try:
        yield seen
    finally:
        gc.callbacks.remove(count)


def wait_for(condition: Any, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_the_collector_waits_for_the_rebuild_and_collects_when_idle() -> None:
    collector = IdleCollector(idle=0.05)
    try:
        collector.pause()
        assert not gc.isenabled()
        garbage = Cycle()
        gone = weakref.ref(garbage)
        del garbage
        with collections() as seen:
            _ = [Cycle() for _ in range(5000)]  # enough to start a collection, were it on
        assert seen == [] and gone() is not None
        collector.resume()
        assert wait_for(lambda: gc.isenabled() and gone() is None)
    finally:
        collector.stop()
    assert gc.isenabled()


def test_a_rebuild_that_starts_before_the_collection_keeps_it_waiting() -> None:
    collector = IdleCollector(idle=0.2)
    try:
        collector.pause()
        collector.resume()
        collector.pause()  # the next edit, before the server was idle
        time.sleep(0.4)
        assert not gc.isenabled()
        collector.resume()
        collector.resume()  # a failed build reports its end twice: one collection
        assert wait_for(gc.isenabled)
    finally:
        collector.stop()


@pytest.mark.site
def test_a_preview_rebuild_runs_no_collection_and_collects_after(tmp_path: Path) -> None:
    root, site = copy_project(tmp_path / "p"), tmp_path / "site"

    def config() -> Any:
        return load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site),
                           strict=False)

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    plugin = first.plugins.get("factcheck")
    assert isinstance(plugin, FactcheckPlugin) and plugin.preview is not None
    plugin.preview.collector.idle = 0.05
    try:
        build(first, dirty=True)  # the first build collects as usual
        claim = next((root / "content" / "claims").glob("*.md"))
        claim.write_text(claim.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        again = config()  # MkDocs loads the config before it builds
        with collections() as seen:
            build(again, dirty=True)
        assert seen == []
        assert wait_for(gc.isenabled)
    finally:
        first.plugins.on_shutdown()
    assert gc.isenabled()
