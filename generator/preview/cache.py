"""What a long-running process, the preview server, keeps from one check to the next.

A file is loaded again only when its size, modification time or inode changed, or the
settings did; a claim is resolved again only when it or a source it names changed, and
its quotes are then anchored with the source's index kept from before.
Every run keeps only what it used, so deleted files and old versions are let go.
A one-off `check` or `build` uses no cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator.anchoring.anchor import Failure, Match, SourceIndex
from generator.model import Claim, Source

if TYPE_CHECKING:
    from generator.anchoring.resolve import Resolution

T = TypeVar("T")
_StatKey = tuple[int, int, int]
AnchorKey = tuple[str, str | None, str | None, str | None]  # quote, prefix, suffix, passage


@dataclass
class CheckCache:
    _files: dict[Path, tuple[_StatKey, str, object]] = field(default_factory=dict)
    _indexes: dict[str, tuple[Source, SourceIndex, dict[AnchorKey, Match | Failure]]] = field(
        default_factory=dict)
    _claims: dict[str, tuple[Claim, tuple[Source | None, ...], tuple[int, ...], Resolution]
                  ] = field(default_factory=dict)
    _used_files: set[Path] = field(default_factory=set)
    _used_sources: set[str] = field(default_factory=set)
    _used_claims: set[str] = field(default_factory=set)

    def load(self, path: Path, settings_key: str, loader: Callable[[], T]) -> T:
        """`loader()`'s result for `path`, reused while the file and settings are as before."""
        try:
            st = os.stat(path)
            stat: _StatKey = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            return loader()  # the loader reports why the file cannot be read
        self._used_files.add(path)
        hit = self._files.get(path)
        if hit is not None and hit[0] == stat and hit[1] == settings_key:
            return hit[2]  # type: ignore[return-value]
        value = loader()
        self._files[path] = (stat, settings_key, value)
        return value

    def anchor(self, source: Source, key: AnchorKey) -> Match | Failure:
        """Anchor a quote in `source`, reusing the source's index and earlier answers while
        the source object is the same (it is while its file is unchanged)."""
        self._used_sources.add(source.id)
        hit = self._indexes.get(source.id)
        if hit is None or hit[0] is not source:
            hit = (source, SourceIndex(source.id, source.passages), {})
            self._indexes[source.id] = hit
        answers = hit[2]
        if key not in answers:
            quote, prefix, suffix, passage = key
            answers[key] = hit[1].anchor(quote, prefix=prefix, suffix=suffix, passage=passage)
        return answers[key]

    def resolution(self, claim: Claim, sources: Mapping[str, Source],
                   make: Callable[[], Resolution]) -> Resolution:
        """A claim's resolution, reused while the claim and the sources it names are the
        same objects and it had no errors (an error's hints may name other files)."""
        names = {e.source for e in claim.evidence}.union(claim.appearance)
        cited = tuple(sources.get(n) for n in sorted(names))
        ids = tuple(map(id, cited))  # the objects are kept alive in the entry
        self._used_claims.add(claim.slug)
        hit = self._claims.get(claim.slug)
        if hit is not None and hit[0] is claim and hit[2] == ids:
            return hit[3]
        done = make()
        if not done.diagnostics:
            self._claims[claim.slug] = (claim, cited, ids, done)
        return done

    def sweep(self) -> None:
        """Forget what the run that just ended did not use."""
        self._files = {p: v for p, v in self._files.items() if p in self._used_files}
        self._indexes = {s: v for s, v in self._indexes.items() if s in self._used_sources}
        self._claims = {c: v for c, v in self._claims.items() if c in self._used_claims}
        self._used_files, self._used_sources, self._used_claims = set(), set(), set()
