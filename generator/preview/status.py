"""What the preview's last build left: a site to show or not, and the errors that stopped it.

The build runs in one thread and the server answers in others: the status is the one
thing they share, behind a lock. Each build that ends, well or not, moves the status on
one generation, and a page waiting for news (`wait`) learns of it at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Problem:
    """One error, as the preview shows it: where (`path:line:col`, or nothing for an error
    of the engine itself) and what."""

    where: str
    message: str

    @classmethod
    def of(cls, d: Diagnostic) -> Problem:
        return cls(f"{d.path}:{d.line}:{d.col}", d.message)


@dataclass(frozen=True)
class BuildState:
    """The preview's builds as they stood at one moment (not a snapshot of a page's bytes,
    `content/snapshots.py`): the status hands out one, and moves on to the next."""

    generation: int
    has_site: bool  # a good build is being served
    problems: tuple[Problem, ...]  # why the latest build failed; none when it succeeded


class BuildStatus:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._now = BuildState(0, False, ())

    def state(self) -> BuildState:
        with self._changed:
            return self._now

    def succeeded(self) -> None:
        self._move(True, ())

    def failed(self, problems: Iterable[Problem]) -> None:
        """The latest build stopped: the last good site, if any, is served still."""
        with self._changed:
            has_site = self._now.has_site
        self._move(has_site, tuple(problems) or (Problem("", "the build failed"),))

    def _move(self, has_site: bool, problems: tuple[Problem, ...]) -> None:
        with self._changed:
            self._now = BuildState(self._now.generation + 1, has_site, problems)
            self._changed.notify_all()

    def wait(self, after: int, timeout: float) -> int:
        """The generation once it is past `after`, or as it is when `timeout` runs out."""
        with self._changed:
            self._changed.wait_for(lambda: self._now.generation > after, timeout=timeout)
            return self._now.generation


def problems_of(diagnostics: Iterable[Diagnostic]) -> tuple[Problem, ...]:
    return tuple(Problem.of(d) for d in diagnostics if d.severity is Severity.ERROR)
