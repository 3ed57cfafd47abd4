"""The preview's search index, brought up to date behind the page.

A preview rebuild shows the edited page at once; Pagefind then re-indexes the site in a
background thread at the lowest CPU priority. A rebuild while it runs asks for one more
run, and a preview that closes stops it: its index would be of use to no one.
"""

from __future__ import annotations

import logging
import subprocess
import threading
from pathlib import Path

from generator.search.pagefind import SearchIndexError, index_site

log = logging.getLogger("factcheck.preview")


class BackgroundIndexer:
    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.process: subprocess.Popen[str] | None = None
        self.again = False
        self.lock = threading.Lock()
        self.stopped = False

    def index(self, site_dir: Path, language: str) -> None:
        self.again = True
        if self.stopped or (self.thread is not None and self.thread.is_alive()):
            return
        self.thread = threading.Thread(target=self._run, args=(site_dir, language),
                                       name="factcheck-search", daemon=True)
        self.thread.start()

    def _run(self, site_dir: Path, language: str) -> None:
        while self.again and not self.stopped:
            self.again = False
            try:
                index_site(site_dir, language, background=True, started=self._started)
            except SearchIndexError as exc:
                if self.stopped:  # killed by `stop`: not a failure
                    return
                log.warning("factcheck: search index not updated: %s", exc)

    def _started(self, process: subprocess.Popen[str]) -> None:
        with self.lock:
            self.process = process
            if self.stopped:  # stopped while it was starting
                process.kill()

    def stop(self) -> None:
        """Stop for good: the run under way is killed and none starts after it, so no
        Pagefind outlives the preview."""
        with self.lock:
            self.stopped = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
