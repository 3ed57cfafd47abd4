"""`factcheck check` as a library call: settings, load, resolve, and every diagnostic."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from generator.anchoring.anchor import SourceIndex
from generator.anchoring.links import check_links
from generator.anchoring.normalize import normalise_text
from generator.anchoring.resolve import (
    Anchorer,
    Corpus,
    ResolutionMemo,
    index_anchorer,
    resolve,
)
from generator.content import duplicates
from generator.content.dates import scheduled
from generator.content.load import (
    ClaimLoader,
    PersonLoader,
    SourceLoader,
    load_all,
    load_claim,
    load_person,
    load_source,
)
from generator.content.pins import LOCK_NAME, read_lock, verify
from generator.content.settings import Settings, load_settings
from generator.content.snapshots import verify as verify_snapshots
from generator.diagnostics import Diagnostic, Report, has_errors
from generator.history.changed import Changes, Scope, restrict, select
from generator.model import Source
from generator.review.names import check_names
from generator.review.rules import VerdictCheck, check_verdicts
from generator.review.translations import check_translations


@dataclass(frozen=True)
class CheckResult:
    settings: Settings
    corpus: Corpus
    diagnostics: tuple[Diagnostic, ...]
    scope: Scope | None = None  # set when only changed files were checked

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @cached_property
    def site_corpus(self) -> Corpus:
        """What the site shows: every claim but those whose `published` day is after today
        (each checked all the same, and told of in a note), unless future fact checks
        are built. Nothing built links to a claim left out: it is not in this corpus."""
        if self.settings.build_future:
            return self.corpus
        return self.corpus.without(slug for slug, claim in self.corpus.claims.items()
                                   if scheduled(claim.published, self.settings))

    @property
    def reported(self) -> list[Diagnostic]:
        """What `check` and `build` print: the diagnostics, and a warning for each
        accountability setting left empty. Those warnings are not diagnostics of the
        content: MkDocs is not told of them, so `mkdocs build --strict` still builds a
        desk that has not filled them in (its About page says what is not published)."""
        # Under --changed, only when the config file is among the changes.
        unset = [d for d in self.settings.unset if self.scope is None
                 or self.scope.everything or d.path in self.scope.paths]
        return sorted([*self.diagnostics, *unset], key=lambda d: (d.path, d.line, d.col))


@dataclass(frozen=True)
class CheckSteps:
    """The check's steps that a long-running caller may answer from what it kept: the
    defaults do the work every time. The preview (`generator.preview`) passes its own."""

    read_source: SourceLoader = load_source
    read_claim: ClaimLoader = load_claim
    read_person: PersonLoader = load_person
    anchor: Anchorer | None = None
    resolution: ResolutionMemo | None = None
    verdict: VerdictCheck | None = None
    snapshot_sha256: Callable[[Path], str] | None = None  # a snapshot file's `sha256:<hex>`
    paragraphs: Callable[[Source], duplicates.Keys] | None = None  # a source's folded paragraphs


def run_check(root: Path, config_file: Path | str | None = None,
              changes: Changes | None = None, steps: CheckSteps | None = None, *,
              build_future: bool | None = None) -> CheckResult:
    """Check everything, or with `changes` only the changed files and the claims citing
    changed sources: every source is still loaded, so those claims anchor as usual.
    `build_future`, when given, overrides the setting of that name (`--build-future`)."""
    steps = steps or CheckSteps()
    settings, settings_diags = load_settings(root, config_file)
    if build_future is not None:
        settings = dataclasses.replace(settings, build_future=build_future)
    with _collector_paused():
        loaded = load_all(settings, read_source=steps.read_source, read_claim=steps.read_claim,
                          read_person=steps.read_person)
        scope = None
        pinned = loaded.sources
        if changes is not None:
            scope = select(changes, loaded, settings)
        indexes: dict[str, SourceIndex] = {}
        anchor = steps.anchor or index_anchorer(indexes)
        # Every source is compared, changed or not: a new copy may be of an old article.
        copies = duplicates.diagnostics(
            loaded.sources, steps.paragraphs or partial(_paragraphs, indexes),
            normalise_text, settings.root,
            changed=scope.sources if scope is not None and not scope.everything else ())
        if scope is not None:
            loaded = restrict(loaded, scope)
            if not scope.everything:
                pinned = {sid: s for sid, s in loaded.sources.items() if sid in scope.sources}
        corpus, resolve_diags = resolve(loaded, settings, anchor=anchor,
                                        memo=steps.resolution)
    # Only claims that loaded are judged; evidence whose source is unknown counts as it is
    # written, so a bad source id does not hide a verdict the evidence cannot bear.
    registry = corpus.registry
    name_diags = check_names(loaded.claims, loaded.sources, registry, settings)
    verdict_diags = check_verdicts(loaded.claims, loaded.sources, settings, registry,
                                   steps.verdict)
    link_diags = check_links(loaded, settings)
    translation_diags = check_translations([*loaded.claims.values(), *loaded.drafts.values()],
                                           loaded.sources, settings)
    lock = Report(LOCK_NAME)
    pin_diags = verify(pinned, read_lock(root, lock), root)
    pin_diags += verify_snapshots(pinned, root / settings.sources_dir, root, steps.snapshot_sha256)
    diagnostics = sorted([*settings_diags, *loaded.diagnostics, *resolve_diags,
                          *name_diags, *verdict_diags, *link_diags, *translation_diags,
                          *lock.items,
                          *pin_diags, *copies],
                         key=lambda d: (d.path, d.line, d.col))
    if scope is not None:
        diagnostics = [d for d in diagnostics if scope.keeps(d.path)]
    return CheckResult(settings, corpus, tuple(diagnostics), scope)


def _paragraphs(indexes: dict[str, SourceIndex], source: Source) -> duplicates.Keys:
    """A source's paragraphs for the comparison of sources, from the quote index the
    default anchorer keeps for it (built here when no quote has needed it yet)."""
    index = indexes.get(source.id)
    if index is None:
        index = indexes[source.id] = SourceIndex.of(source)
    return duplicates.keys(n.text for n in index.norm)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading and resolving build a large model that holds no reference cycles: the
    cyclic garbage collector would only scan it again and again as it grows (a tenth of
    the check's time on a large project). It resumes, if it was on, once the model is built.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
