"""Notice edits at once: the preview server watches with the system's file events.

MkDocs' server polls every watched folder twice a second, listing and stat-ing every file:
on a project of thousands of claims each pass takes a good part of a second of the same
Python process that rebuilds, and an edit waits for the next pass. Where the platform has
file events (inotify, FSEvents, ReadDirectoryChangesW), `use_file_events` moves MkDocs'
watches onto them. Only changes count: reading a file (which every build does) is not an
edit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from watchdog.observers.api import ObservedWatch

log = logging.getLogger("factcheck.watch")

CHANGES = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
           watchdog.events.FileMovedEvent, watchdog.events.FileDeletedEvent,
           watchdog.events.DirCreatedEvent, watchdog.events.DirMovedEvent,
           watchdog.events.DirDeletedEvent]


class ChangeObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, passing on changes only."""

    def schedule(self, event_handler: watchdog.events.FileSystemEventHandler,
                 path: str | Path, **options: Any) -> ObservedWatch:
        options.setdefault("event_filter", CHANGES)
        watch: ObservedWatch = super().schedule(event_handler, path, **options)
        return watch


def use_file_events(server: Any, paths: Iterable[str]) -> None:
    """Watch `paths` (already watched by MkDocs' `server`) with file events instead of
    polling; keep polling where the system refuses (e.g. out of inotify watches)."""
    paths = [str(Path(p).resolve()) for p in paths]
    observer = ChangeObserver()
    try:
        for path in paths:
            observer.schedule(watchdog.events.FileSystemEventHandler(), path, recursive=True)
        observer.unschedule_all()
    except OSError as exc:
        log.info("file events unavailable (%s); MkDocs keeps polling for changes", exc)
        return
    for path in paths:
        server.unwatch(path)
    server.observer = observer
    for path in paths:
        server.watch(path)
