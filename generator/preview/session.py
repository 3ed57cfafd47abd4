"""Everything `factcheck serve` keeps between two builds, in one object.

The engine adapter (the MkDocs plugin) holds one `Preview` for as long as the server runs
and asks it for the core's steps; the core never imports this package. Every memo here is
keyed by content (see `cache.py`), so what it answers is what a fresh build would give.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.check import CheckSteps
from generator.history.revisions import History, head, read_history
from generator.preview.cache import CheckMemory, Kept
from generator.preview.collector import IdleCollector
from generator.preview.indexer import BackgroundIndexer
from generator.preview.status import BuildStatus
from generator.preview.templates import TemplateCache

T = TypeVar("T")


class Preview:
    def __init__(self) -> None:
        self.check = CheckMemory()
        self.templates = TemplateCache()
        self.indexer = BackgroundIndexer()
        self._plans: Kept[str, Any] = Kept()
        self._history: tuple[str, History] | None = None
        self.builds = 0
        self.status = BuildStatus()  # shared with the server's threads
        self.collector = IdleCollector()

    def rebuilding(self) -> None:
        """A rebuild starts (not the first build): the garbage collector waits for its end
        (`collector.py`)."""
        if self.builds:
            self.collector.pause()

    def finished(self) -> None:
        """A build is over, done or failed."""
        self.collector.resume()

    def steps(self) -> CheckSteps:
        return self.check.steps()

    def plans(self, key: str, make: Callable[[], T]) -> T:
        """A part of the plan (a claim's pages, its accounts, its claims.json entry) by its
        key, a digest of what it reads."""
        value: T = self._plans.remember(key, make)
        return value

    def history(self, root: Path, claims_dir: str) -> History:
        """The claims' git history, read again only when HEAD moved."""
        commit = head(root)
        kept = self._history
        if commit is not None and kept is not None and kept[0] == commit:
            return kept[1]
        history = read_history(root, claims_dir)
        self._history = (commit, history) if commit else None
        return history

    def built(self) -> None:
        """After a build: forget what it did not use. After the first, the objects that
        live as long as the server are moved out of the garbage collector's sight, so each
        rebuild does not walk them."""
        self.builds += 1
        self.check.sweep()
        self._plans.sweep()
        if self.builds == 1:
            gc.collect()
            gc.freeze()

    def close(self) -> None:
        self.indexer.stop()
        self.collector.stop()
