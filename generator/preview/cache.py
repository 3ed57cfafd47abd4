"""What the preview keeps from one check to the next, keyed by content.

The core's check takes its steps as plain callables (`generator.check.CheckSteps`); this
module hands it callables that remember their answers. Every key is a digest of what the
answer depends on, never an object's identity:

- a file's model is kept under the digest of the file's bytes and the settings. Reading
  every file again on each rebuild would cost a second at 10,000 claims, so the bytes'
  digest is itself kept while the file's stamp (size, modification time, inode) is
  unchanged, as Pelican's cache does; a touched but unchanged file is not parsed again;
- a source's quote index, each answer it gave, and its paragraphs as the comparison of
  sources takes them, under the source's fingerprint (the digest of its file's bytes);
- a claim's resolution under the fingerprints of the claim and of every source it names;
  one with errors is never kept (its hints may name other files); whether its verdict's
  needs hold, under the same and the settings.

Each run keeps only what it used (`sweep`), so deleted files and old versions are let go.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator.anchoring.anchor import Failure, Match, SourceIndex
from generator.anchoring.resolve import Resolution
from generator.check import CheckSteps
from generator.content.duplicates import Keys, keys
from generator.content.load import load_claim, load_person, load_source
from generator.content.registry import Registry
from generator.content.settings import Settings
from generator.content.snapshots import file_sha256
from generator.diagnostics import Diagnostic
from generator.digest import bytes_digest, text_digest
from generator.model import Claim, Evidence, Source, fingerprint
from generator.review.rules import check_verdict

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Loader = Callable[[Path, Settings], tuple[T | None, list[Diagnostic]]]
_Stamp = tuple[int, int, int]
_AnchorKey = tuple[str, str | None, str | None, str | None]  # quote, prefix, suffix, passage


class Kept(Generic[K, V]):
    """A memo that forgets, at each sweep, what the run before it did not use."""

    def __init__(self) -> None:
        self.values: dict[K, V] = {}
        self.used: set[K] = set()

    def get(self, key: K) -> V | None:
        self.used.add(key)
        return self.values.get(key)

    def put(self, key: K, value: V) -> None:
        self.used.add(key)
        self.values[key] = value

    def remember(self, key: K, make: Callable[[], V]) -> V:
        """The value kept under `key`, made and kept if there is none."""
        self.used.add(key)
        if key not in self.values:
            self.values[key] = make()
        return self.values[key]

    def sweep(self) -> None:
        self.values = {k: v for k, v in self.values.items() if k in self.used}
        self.used = set()


@dataclass
class CheckMemory:
    """The check's answers, kept between the rebuilds of one preview server."""

    # path -> (stamp, digest of its bytes)
    _digests: Kept[Path, tuple[_Stamp, str]] = field(default_factory=Kept)
    # (kind, path, digest, settings) -> what the loader returned
    _models: Kept[tuple[str, Path, str, str], Any] = field(default_factory=Kept)
    # (source id, fingerprint) -> the source's index and its answers by quote
    _indexes: Kept[tuple[str, str], tuple[SourceIndex, dict[_AnchorKey, Match | Failure]]] = (
        field(default_factory=Kept))
    # (source id, fingerprint) -> its paragraphs, for the comparison of sources
    _paragraphs: Kept[tuple[str, str], Keys] = field(default_factory=Kept)
    # the fingerprints of a claim and its sources -> its resolution
    _resolutions: Kept[tuple[object, ...], Resolution] = field(default_factory=Kept)
    # the same and the settings -> the verdict's problems
    _verdicts: Kept[tuple[object, ...], tuple[Diagnostic, ...]] = field(default_factory=Kept)
    # snapshot path -> (stamp, `sha256:<hex>` of the bytes it holds)
    _snapshots: Kept[Path, tuple[_Stamp, str]] = field(default_factory=Kept)
    _settings: tuple[Settings, str] | None = None

    def steps(self) -> CheckSteps:
        return CheckSteps(read_source=self._loader("source", load_source),
                          read_claim=self._loader("claim", load_claim),
                          read_person=self._loader("person", load_person),
                          anchor=self.anchor, resolution=self.resolution,
                          verdict=self.verdict, snapshot_sha256=self.snapshot_sha256,
                          paragraphs=self.paragraphs)

    def _loader(self, kind: str, load: Loader[T]) -> Loader[T]:
        def read(path: Path, settings: Settings) -> tuple[T | None, list[Diagnostic]]:
            digest = self._file_digest(path)
            if digest is None:
                return load(path, settings)  # the loader reports why it cannot be read
            key = (kind, path, digest, self._settings_key(settings))
            found: tuple[T | None, list[Diagnostic]] = self._models.remember(
                key, lambda: load(path, settings))
            return found

        return read

    def _settings_key(self, settings: Settings) -> str:
        """A digest of the settings, made once a run rather than once a file."""
        if self._settings is None or self._settings[0] != settings:
            self._settings = (settings, text_digest(repr(settings)))
        return self._settings[1]

    def _file_digest(self, path: Path) -> str | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp: _Stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        hit = self._digests.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        try:
            digest = bytes_digest(path.read_bytes())
        except OSError:
            return None
        self._digests.put(path, (stamp, digest))
        return digest

    def snapshot_sha256(self, path: Path) -> str:
        """A snapshot's `sha256:<hex>`, extracted again only when the file's stamp changes;
        raises as `snapshots.file_sha256` does."""
        st = os.stat(path)
        stamp: _Stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        hit = self._snapshots.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        snapshot_sha256 = file_sha256(path)
        self._snapshots.put(path, (stamp, snapshot_sha256))
        return snapshot_sha256

    def _index(self, source: Source
               ) -> tuple[SourceIndex, dict[_AnchorKey, Match | Failure]]:
        return self._indexes.remember((source.id, fingerprint(source)),
                                      lambda: (SourceIndex.of(source), {}))

    def anchor(self, source: Source, ev: Evidence) -> Match | Failure:
        """Anchor with the source's index and earlier answers while its text is the same."""
        index, answers = self._index(source)
        quote: _AnchorKey = (ev.quote, ev.prefix, ev.suffix, ev.passage)
        if quote not in answers:
            answers[quote] = index.anchor(ev.quote, prefix=ev.prefix, suffix=ev.suffix,
                                          passage=ev.passage)
        return answers[quote]

    def paragraphs(self, source: Source) -> Keys:
        """A source's paragraphs for the comparison of sources, from its kept index."""
        return self._paragraphs.remember(
            (source.id, fingerprint(source)),
            lambda: keys(n.text for n in self._index(source)[0].norm))

    @staticmethod
    def _claim_key(claim: Claim, sources: Mapping[str, Source]) -> tuple[object, ...]:
        """The fingerprints of a claim and of every source it names."""
        names = sorted({e.source for e in claim.evidence}.union(claim.appearance))
        return (claim.slug, fingerprint(claim), tuple(
            (n, fingerprint(s)) if (s := sources.get(n)) else (n, None) for n in names))

    def verdict(self, claim: Claim, sources: Mapping[str, Source], settings: Settings,
                registry: Registry) -> tuple[Diagnostic, ...]:
        """Whether a verdict's needs hold, kept while the claim, its sources, the registry
        and the settings are the same."""
        return self._verdicts.remember(
            (self._claim_key(claim, sources), registry.key, self._settings_key(settings)),
            lambda: check_verdict(claim, sources, settings, registry))

    def resolution(self, claim: Claim, sources: Mapping[str, Source],
                   make: Callable[[], Resolution]) -> Resolution:
        key = self._claim_key(claim, sources)
        hit = self._resolutions.get(key)
        if hit is not None:
            return hit
        done = make()
        if not done.diagnostics:
            self._resolutions.put(key, done)
        return done

    def sweep(self) -> None:
        """Forget what the run that just ended did not use."""
        for kept in (self._digests, self._models, self._indexes, self._paragraphs,
                     self._resolutions, self._verdicts, self._snapshots):
            kept.sweep()
